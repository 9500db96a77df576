package dev.spotlink.command;

import dev.spotlink.card.CardContent;
import dev.spotlink.card.CardImage;
import dev.spotlink.card.Cards;
import dev.spotlink.card.ShareStyle;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.SpotifyEntity;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyLinkParser;
import dev.spotlink.spotify.SpotifyUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /share [link] [style:card|code] [bars] [background] [size]}: a scannable Spotify code, or a card with
 * cover, title and code, for a Spotify link/URI (default: code) or the caller's current track (default: card).
 * Sharing a link works without linking an account; titles then come from the link only.
 */
public final class ShareCommand implements Command {

    private static final Logger log = LoggerFactory.getLogger(ShareCommand.class);
    private static final CommandSpec SPEC;

    static {
        List<OptionSpec> options = new ArrayList<>();
        options.add(OptionSpec.positional("link", "option.link.description"));
        options.addAll(CodeOptions.specs());
        SPEC = new CommandSpec("share", "command.share.description", options, true);
    }

    private final AccountAccess access;
    private final MemberSpotify spotify;
    private final Cards cards;
    private final Messages messages;

    public ShareCommand(AccountAccess access, MemberSpotify spotify, Cards cards, Messages messages) {
        this.access = access;
        this.spotify = spotify;
        this.cards = cards;
        this.messages = messages;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) throws SpotifyException {
        Locale locale = context.locale();
        Optional<String> link = args.get("link");
        ShareStyle.Result style = ShareStyle.parse(args::get, link.isPresent());
        if (style.problem() != null) {
            context.replyPrivately(Reply.error(messages.get(locale, style.problem().key(),
                    style.problem().args().toArray())));
            return;
        }
        SpotifyEntity entity;
        if (link.isPresent()) {
            Optional<SpotifyUri> uri = SpotifyLinkParser.parse(link.get());
            if (uri.isEmpty()) {
                context.replyPrivately(Reply.error(messages.get(locale, "share.bad-link")));
                return;
            }
            entity = describe(context, uri.get());
        } else {
            Optional<SpotifyEntity> current = currentItem(context, locale);
            if (current.isEmpty()) {
                return;
            }
            entity = current.get();
        }
        Reply.Builder reply = Reply.builder()
                .title(entity.title(), entity.uri().webUrl())
                .body(entity.subtitle())
                .button(messages.get(locale, "button.open-in-spotify"), entity.uri().webUrl());
        ShareStyle.Options options = style.options();
        if (options.mode() == ShareStyle.Mode.CODE) {
            cards.code(entity.uri(), entity.imageUrl(), options).ifPresentOrElse(
                    code -> reply.image(attachment(code)),
                    () -> reply.footer(messages.get(locale, "share.code-unavailable")));
        } else {
            String label = messages.get(locale, "share.type." + entity.uri().type().path());
            CardImage card = cards.card(CardContent.of(entity, label), entity.imageUrl(), entity.uri(), options);
            reply.image(attachment(card));
            if (!card.hasCode()) {
                reply.footer(messages.get(locale, "card.code-unavailable"));
            }
        }
        context.reply(reply.build());
    }

    private static Reply.Attachment attachment(CardImage image) {
        return new Reply.Attachment(image.bytes(), image.fileName(), image.mimeType());
    }

    private Optional<SpotifyEntity> currentItem(CommandContext context, Locale locale) throws SpotifyException {
        Optional<LinkedAccount> account = access.own(context);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        Optional<NowPlaying> playing = spotify.current(account.get());
        if (playing.isEmpty() || playing.get().item() == null) {
            context.replyPrivately(Reply.error(messages.get(locale, "share.nothing-playing")));
            return Optional.empty();
        }
        var item = playing.get().item();
        Optional<SpotifyUri> uri = item.local() ? Optional.empty() : SpotifyLinkParser.parse(item.uri());
        if (uri.isEmpty()) {
            context.replyPrivately(Reply.error(messages.get(locale, "share.local-file")));
            return Optional.empty();
        }
        return Optional.of(new SpotifyEntity(uri.get(), item.name(), String.join(", ", item.artists()),
                item.coverUrl()));
    }

    /** Title and subtitle for a link: from the Web API when the caller is linked, else just the link itself. */
    private SpotifyEntity describe(CommandContext context, SpotifyUri uri) throws SpotifyException {
        Optional<LinkedAccount> account = access.active(context.user());
        if (account.isPresent() && uri.type() != SpotifyUri.Type.USER) {
            try {
                return spotify.describe(account.get(), uri);
            } catch (SpotifyException e) {
                if (e.reason() == SpotifyException.Reason.NOT_FOUND) {
                    throw e;
                }
                // The code itself needs no Spotify account; a failed title lookup only costs the caption.
                log.info("Title lookup for {} failed ({}); sharing the code without it", uri, e.reason());
            }
        }
        String title = uri.type() == SpotifyUri.Type.USER ? uri.id() : uri.webUrl();
        return new SpotifyEntity(uri, title, messages.get(context.locale(), "share.type." + uri.type().path()), null);
    }
}
