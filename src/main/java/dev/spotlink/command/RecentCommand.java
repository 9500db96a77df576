package dev.spotlink.command;

import dev.spotlink.card.CardImage;
import dev.spotlink.card.CoverGrid;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.RecentlyPlayed;
import dev.spotlink.spotify.SpotifyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /recent [user]}: the last {@link #COUNT} items of a member's listening history (Spotify's
 * recently-played), as a compact list and a strip of covers. Someone else's only when they linked and share,
 * exactly as {@code /nowplaying user}.
 */
public final class RecentCommand implements Command {

    /** How many items are shown. */
    public static final int COUNT = 10;

    private static final CommandSpec SPEC = new CommandSpec("recent", "command.recent.description",
            List.of(OptionSpec.user("user", "option.recent-user.description")), true);

    private final AccountAccess access;
    private final MemberSpotify spotify;
    private final CoverGrid grid;
    private final PlaybackFormatter formatter;
    private final Messages messages;
    private final Clock clock;

    public RecentCommand(AccountAccess access, MemberSpotify spotify, CoverGrid grid, PlaybackFormatter formatter,
                         Messages messages, Clock clock) {
        this.access = access;
        this.spotify = spotify;
        this.grid = grid;
        this.formatter = formatter;
        this.messages = messages;
        this.clock = clock;
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
        List<RecentlyPlayed> played = spotify.recentlyPlayed(linked, COUNT);
        if (played.isEmpty()) {
            context.reply(Reply.text(messages.get(locale, "recent.nothing", linked.shownName())));
            return;
        }
        StringBuilder body = new StringBuilder();
        List<CoverGrid.Tile> tiles = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < played.size(); i++) {
            PlayableItem item = played.get(i).item();
            String ago = ago(played.get(i).playedAt(), now, locale);
            body.append(messages.get(locale, "recent.line", i + 1, item.name(), formatter.subtitle(item, locale), ago))
                    .append('\n');
            tiles.add(new CoverGrid.Tile(item.coverUrl(), ago, item.name(), String.join(", ", item.artists())));
        }
        String heading = messages.get(locale, "recent.heading", linked.shownName());
        CardImage strip = grid.render(heading, tiles, null, CoverGrid.Shape.STRIP, "recent.png");
        context.reply(Reply.builder()
                .title(heading, null)
                .body(body.toString().strip())
                .image(new Reply.Attachment(strip.bytes(), strip.fileName(), strip.mimeType()))
                .build());
    }

    /** "just now", "12 min ago", "3 h ago", "2 d ago". */
    private String ago(Instant playedAt, Instant now, Locale locale) {
        if (playedAt == null) {
            return "";
        }
        Duration age = Duration.between(playedAt, now);
        if (age.toMinutes() < 1) {
            return messages.get(locale, "recent.ago.now");
        }
        if (age.toHours() < 1) {
            return messages.get(locale, "recent.ago.minutes", age.toMinutes());
        }
        if (age.toDays() < 1) {
            return messages.get(locale, "recent.ago.hours", age.toHours());
        }
        return messages.get(locale, "recent.ago.days", age.toDays());
    }
}
