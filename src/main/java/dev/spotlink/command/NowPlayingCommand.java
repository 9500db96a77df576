package dev.spotlink.command;

import dev.spotlink.card.CardContent;
import dev.spotlink.card.CardImage;
import dev.spotlink.card.Cards;
import dev.spotlink.card.ShareStyle;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.RecentlyPlayed;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyLinkParser;
import dev.spotlink.spotify.SpotifyUri;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /nowplaying [user]}: the current track or episode as a card (cover, title, artists, progress, Spotify
 * code) with the link; when nothing plays, the last played item, saying so.
 */
public final class NowPlayingCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("nowplaying", "command.nowplaying.description",
            List.of(OptionSpec.user("user", "option.user.description")), true);

    private final AccountAccess access;
    private final MemberSpotify spotify;
    private final Cards cards;
    private final PlaybackFormatter formatter;
    private final Messages messages;

    public NowPlayingCommand(AccountAccess access, MemberSpotify spotify, Cards cards, PlaybackFormatter formatter,
                             Messages messages) {
        this.access = access;
        this.spotify = spotify;
        this.cards = cards;
        this.formatter = formatter;
        this.messages = messages;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) throws SpotifyException {
        Locale locale = context.locale();
        Optional<String> targetId = args.get("user");
        ChatUser target = targetId.map(id -> new ChatUser(context.user().platform(), id)).orElse(context.user());
        Optional<LinkedAccount> account = access.of(context, target, targetId.orElse(""));
        if (account.isEmpty()) {
            return;
        }
        LinkedAccount linked = account.get();
        Optional<NowPlaying> current = spotify.current(linked);
        if (current.isPresent()) {
            NowPlaying playing = current.get();
            if (playing.kind() == NowPlaying.Kind.AD) {
                context.reply(Reply.text(messages.get(locale, "nowplaying.ad", linked.shownName())));
            } else if (playing.item() == null) {
                context.reply(Reply.text(messages.get(locale, "nowplaying.unknown", linked.shownName())));
            } else {
                String progress = formatter.progress(playing.progressMs(), playing.item().durationMs(),
                        playing.playing());
                String label = messages.get(locale, playing.playing() ? "card.label.now-playing" : "card.label.paused");
                CardContent.Progress position = new CardContent.Progress(playing.progressMs(),
                        playing.item().durationMs());
                context.reply(card(playing.item(), progress, CardContent.of(playing.item(), label, position),
                        linked, locale, "nowplaying.footer"));
            }
            return;
        }
        Optional<RecentlyPlayed> last = spotify.lastPlayed(linked);
        if (last.isEmpty()) {
            context.reply(Reply.text(messages.get(locale, "nowplaying.nothing", linked.shownName())));
            return;
        }
        String header = messages.get(locale, "nowplaying.last-played-header", linked.shownName());
        CardContent content = CardContent.of(last.get().item(), messages.get(locale, "card.label.last-played"), null);
        context.reply(card(last.get().item(), header, content, linked, locale, "nowplaying.footer-last"));
    }

    private Reply card(PlayableItem item, String extraLine, CardContent content, LinkedAccount linked, Locale locale,
                       String footerKey) {
        StringBuilder body = new StringBuilder(formatter.subtitle(item, locale)).append('\n').append(extraLine);
        Optional<SpotifyUri> uri = item.local() || item.uri() == null ? Optional.empty()
                : SpotifyLinkParser.parse(item.uri());
        CardImage card = cards.card(content, item.coverUrl(), uri.orElse(null), ShareStyle.Options.defaultCard());
        if (uri.isEmpty()) {
            body.append('\n').append(messages.get(locale, "nowplaying.local-file"));
        } else if (!card.hasCode()) {
            body.append('\n').append(messages.get(locale, "card.code-unavailable"));
        }
        Reply.Builder reply = Reply.builder()
                .title(item.name(), item.webUrl())
                .footer(messages.get(locale, footerKey, linked.shownName()))
                .image(new Reply.Attachment(card.bytes(), card.fileName(), card.mimeType()));
        if (item.webUrl() != null) {
            reply.button(messages.get(locale, "button.open-in-spotify"), item.webUrl());
        }
        return reply.body(body.toString()).build();
    }
}
