package dev.spotlink.command;

import dev.spotlink.card.CardImage;
import dev.spotlink.card.CoverGrid;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.LinkService;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.TopArtist;
import dev.spotlink.spotify.TopRange;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /top [tracks|artists] [period:4w|6m|all]}: the member's top tracks or artists (Spotify's top-items
 * endpoint, scope {@code user-top-read}) as a list and a strip of covers. A link made before Spotlink asked for
 * that scope gets a one-tap re-link instead; an app Spotify refuses the endpoint to (403/404) is said plainly.
 */
public final class TopCommand implements Command {

    /** The scope the top-items endpoint needs. */
    public static final String SCOPE = "user-top-read";
    /** How many items are shown. */
    public static final int COUNT = 10;

    private static final CommandSpec SPEC = new CommandSpec("top", "command.top.description", List.of(
            new OptionSpec("kind", "option.kind.description", OptionSpec.Type.STRING, true,
                    List.of("tracks", "artists")),
            OptionSpec.choice("period", "option.period.description", List.of("4w", "6m", "all"))), true);

    private final AccountAccess access;
    private final MemberSpotify spotify;
    private final LinkService links;
    private final CoverGrid grid;
    private final PlaybackFormatter formatter;
    private final Messages messages;

    public TopCommand(AccountAccess access, MemberSpotify spotify, LinkService links, CoverGrid grid,
                      PlaybackFormatter formatter, Messages messages) {
        this.access = access;
        this.spotify = spotify;
        this.links = links;
        this.grid = grid;
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
        Optional<LinkedAccount> account = access.own(context);
        if (account.isEmpty()) {
            return;
        }
        LinkedAccount linked = account.get();
        if (!hasScope(linked.scopes())) {
            offerRelink(context, linked);
            return;
        }
        boolean artists = args.get("kind").map(k -> k.equalsIgnoreCase("artists")).orElse(false);
        TopRange range = args.get("period").flatMap(TopRange::parse).orElse(TopRange.WEEKS_4);
        String heading = messages.get(locale, artists ? "top.heading.artists" : "top.heading.tracks",
                linked.shownName(), messages.get(locale, "top.period." + range.shortName()));
        List<CoverGrid.Tile> tiles = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        try {
            if (artists) {
                List<TopArtist> top = spotify.topArtists(linked, range, COUNT);
                for (int i = 0; i < top.size(); i++) {
                    body.append(messages.get(locale, "top.line.artist", i + 1, top.get(i).name())).append('\n');
                    tiles.add(new CoverGrid.Tile(top.get(i).imageUrl(), "#" + (i + 1), top.get(i).name(), null));
                }
            } else {
                List<PlayableItem> top = spotify.topTracks(linked, range, COUNT);
                for (int i = 0; i < top.size(); i++) {
                    PlayableItem item = top.get(i);
                    body.append(messages.get(locale, "top.line.track", i + 1, item.name(),
                            formatter.subtitle(item, locale))).append('\n');
                    tiles.add(new CoverGrid.Tile(item.coverUrl(), "#" + (i + 1), item.name(),
                            String.join(", ", item.artists())));
                }
            }
        } catch (SpotifyException e) {
            if (e.reason() == SpotifyException.Reason.FORBIDDEN && mentionsScope(e)) {
                offerRelink(context, linked);
            } else if (e.reason() == SpotifyException.Reason.FORBIDDEN
                    || e.reason() == SpotifyException.Reason.NOT_FOUND) {
                int status = e.reason() == SpotifyException.Reason.FORBIDDEN ? 403 : 404;
                context.replyPrivately(Reply.error(messages.get(locale, "top.refused", status)));
            } else {
                throw e;
            }
            return;
        }
        if (tiles.isEmpty()) {
            context.reply(Reply.text(messages.get(locale, artists ? "top.nothing.artists" : "top.nothing.tracks",
                    linked.shownName())));
            return;
        }
        CardImage strip = grid.render(heading, tiles, null, CoverGrid.Shape.STRIP, "top.png");
        context.reply(Reply.builder()
                .title(heading, null)
                .body(body.toString().strip())
                .image(new Reply.Attachment(strip.bytes(), strip.fileName(), strip.mimeType()))
                .build());
    }

    static boolean hasScope(String scopes) {
        return scopes != null && Arrays.asList(scopes.strip().split("\\s+")).contains(SCOPE);
    }

    /** Spotify's "Insufficient client scope": the stored scopes said yes, the token says no. */
    private static boolean mentionsScope(SpotifyException e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("scope");
    }

    /** A fresh authorize link through the same app, which now asks for every scope: one tap grants the new one. */
    private void offerRelink(CommandContext context, LinkedAccount linked) {
        Locale locale = context.locale();
        URI authorize = linked.clientId().equals(links.adminClientId())
                ? links.startLink(context.user(), locale)
                : links.startLink(context.user(), locale, linked.clientId());
        context.replyPrivately(Reply.builder()
                .body(messages.get(locale, "top.relink"))
                .button(messages.get(locale, "top.relink.button"), authorize.toString())
                .build());
    }
}
