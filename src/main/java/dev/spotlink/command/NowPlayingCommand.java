package dev.spotlink.command;

import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.RecentlyPlayed;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyLinkParser;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.store.ChatUser;
import dev.spotlink.store.LinkedAccount;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /nowplaying [user]}: the current track or episode with progress, cover, link and Spotify code; when
 * nothing plays, the last played item, saying so.
 */
public final class NowPlayingCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec("nowplaying", "command.nowplaying.description",
            List.of(OptionSpec.user("user", "option.user.description")), true);

    private final AccountAccess access;
    private final TokenManager tokens;
    private final SpotifyApiClient api;
    private final CodeImages codeImages;
    private final PlaybackFormatter formatter;
    private final Messages messages;

    public NowPlayingCommand(AccountAccess access, TokenManager tokens, SpotifyApiClient api,
                             CodeImages codeImages, PlaybackFormatter formatter, Messages messages) {
        this.access = access;
        this.tokens = tokens;
        this.api = api;
        this.codeImages = codeImages;
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
        Optional<NowPlaying> current = tokens.call(linked, api::currentlyPlaying);
        if (current.isPresent()) {
            NowPlaying playing = current.get();
            if (playing.kind() == NowPlaying.Kind.AD) {
                context.reply(Reply.text(messages.get(locale, "nowplaying.ad", linked.shownName())));
            } else if (playing.item() == null) {
                context.reply(Reply.text(messages.get(locale, "nowplaying.unknown", linked.shownName())));
            } else {
                String progress = formatter.progress(playing.progressMs(), playing.item().durationMs(),
                        playing.playing());
                context.reply(card(playing.item(), progress, linked, locale, "nowplaying.footer"));
            }
            return;
        }
        Optional<RecentlyPlayed> last = tokens.call(linked, api::lastPlayed);
        if (last.isEmpty()) {
            context.reply(Reply.text(messages.get(locale, "nowplaying.nothing", linked.shownName())));
            return;
        }
        String header = messages.get(locale, "nowplaying.last-played-header", linked.shownName());
        context.reply(card(last.get().item(), header, linked, locale, "nowplaying.footer-last"));
    }

    private Reply card(PlayableItem item, String extraLine, LinkedAccount linked, Locale locale, String footerKey) {
        StringBuilder body = new StringBuilder(formatter.subtitle(item, locale)).append('\n').append(extraLine);
        Reply.Builder reply = Reply.builder()
                .title(item.name(), item.webUrl())
                .thumbnail(item.coverUrl())
                .footer(messages.get(locale, footerKey, linked.shownName()));
        if (item.local() || item.uri() == null) {
            body.append('\n').append(messages.get(locale, "nowplaying.local-file"));
        } else {
            SpotifyLinkParser.parse(item.uri())
                    .flatMap(uri -> codeImages.attachment(uri, CodeStyle.DEFAULT))
                    .ifPresent(reply::image);
        }
        if (item.webUrl() != null) {
            reply.button(messages.get(locale, "button.open-in-spotify"), item.webUrl());
        }
        return reply.body(body.toString()).build();
    }
}
