package dev.spotlink.command;

import dev.spotlink.card.CardImage;
import dev.spotlink.card.CoverGrid;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.PlaybackCache;
import dev.spotlink.store.LinkedAccountRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /listening}: who in this chat plays something right now — every member of this server or group who
 * linked and shares their listening, most recently started first, up to {@link #SHOWN}, as a grid of covers and
 * as text with links. Membership is asked of the platform ({@link ChatMembers}); in a private chat only the user
 * is shown. Playback comes from the shared {@link PlaybackCache}, so members asked about a moment ago cost nothing,
 * and whatever Spotify has not answered within the wait is left out and said to be.
 */
public final class ListeningCommand implements Command {

    /** Members shown by name and cover; the rest are counted. */
    public static final int SHOWN = CoverGrid.MAX_TILES;
    /** How long the command waits for Spotify before answering with what is known. */
    public static final Duration DEFAULT_WAIT = Duration.ofMillis(2500);

    private static final CommandSpec SPEC = new CommandSpec("listening", "command.listening.description",
            List.of(), true);
    private static final Logger log = LoggerFactory.getLogger(ListeningCommand.class);

    private final AccountAccess access;
    private final LinkedAccountRepository accounts;
    private final PlaybackCache playback;
    private final CoverGrid grid;
    private final PlaybackFormatter formatter;
    private final Messages messages;
    private final Duration wait;

    public ListeningCommand(AccountAccess access, LinkedAccountRepository accounts, PlaybackCache playback,
                            CoverGrid grid, PlaybackFormatter formatter, Messages messages) {
        this(access, accounts, playback, grid, formatter, messages, DEFAULT_WAIT);
    }

    /** @param wait how long to wait for Spotify before answering with what is known */
    public ListeningCommand(AccountAccess access, LinkedAccountRepository accounts, PlaybackCache playback,
                            CoverGrid grid, PlaybackFormatter formatter, Messages messages, Duration wait) {
        this.access = access;
        this.accounts = accounts;
        this.playback = playback;
        this.grid = grid;
        this.formatter = formatter;
        this.messages = messages;
        this.wait = wait;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    /** One member playing something. */
    private record Listener(LinkedAccount account, NowPlaying playing) {
    }

    @Override
    public void execute(CommandContext context, CommandArgs args) {
        Locale locale = context.locale();
        Optional<ChatMembers> members = context.chatMembers();
        List<LinkedAccount> candidates;
        if (members.isEmpty()) {
            // a private chat: the user alone, sharing or not (nobody else reads it)
            Optional<LinkedAccount> own = access.own(context);
            if (own.isEmpty()) {
                return;
            }
            candidates = List.of(own.get());
        } else {
            candidates = membersWhoShare(members.get(), context.user().platform());
        }
        Map<Long, PlaybackCache.Lookup> lookups = playback.currentOf(candidates, wait);
        List<Listener> listeners = new ArrayList<>();
        int unknown = 0;
        for (LinkedAccount account : candidates) {
            PlaybackCache.Lookup lookup = lookups.get(account.id());
            if (lookup instanceof PlaybackCache.Lookup.Known known) {
                known.playing().filter(p -> p.playing() && p.item() != null)
                        .ifPresent(p -> listeners.add(new Listener(account, p)));
            } else {
                if (lookup instanceof PlaybackCache.Lookup.Failed failed) {
                    log.debug("/listening: playback of account {} unavailable: {}", account.id(),
                            failed.error().getMessage());
                }
                unknown++;
            }
        }
        // the least progress first: whoever started their track last
        listeners.sort(Comparator.comparingLong(l -> l.playing().progressMs()));
        context.reply(reply(listeners, unknown, members.isPresent(), locale));
    }

    /** The linked members of this chat who share, in the order they linked. */
    private List<LinkedAccount> membersWhoShare(ChatMembers members, Platform platform) {
        Map<ChatUser, LinkedAccount> byUser = new LinkedHashMap<>();
        for (LinkedAccount account : accounts.findSharing(platform)) {
            byUser.put(account.user(), account);
        }
        Set<ChatUser> here = members.among(byUser.keySet());
        return byUser.values().stream().filter(a -> here.contains(a.user())).toList();
    }

    private Reply reply(List<Listener> listeners, int unknown, boolean chat, Locale locale) {
        String note = unknown == 0 ? null : messages.get(locale, "listening.unknown", unknown);
        if (listeners.isEmpty()) {
            String nobody = messages.get(locale, chat ? "listening.nobody" : "listening.nobody-private");
            return Reply.text(note == null ? nobody : nobody + "\n" + note);
        }
        List<Listener> shown = listeners.subList(0, Math.min(SHOWN, listeners.size()));
        int more = listeners.size() - shown.size();
        StringBuilder body = new StringBuilder();
        List<CoverGrid.Tile> tiles = new ArrayList<>();
        Reply.Builder reply = Reply.builder();
        for (Listener listener : shown) {
            PlayableItem item = listener.playing().item();
            String name = listener.account().shownName();
            String artists = formatter.subtitle(item, locale);
            body.append(messages.get(locale, "listening.line", name, item.name(), artists)).append('\n');
            tiles.add(new CoverGrid.Tile(item.coverUrl(), name, item.name(), String.join(", ", item.artists())));
            if (item.webUrl() != null) {
                reply.button(messages.get(locale, "listening.button", name, item.name()), item.webUrl());
            }
        }
        if (more > 0) {
            body.append(messages.get(locale, "listening.more", more)).append('\n');
        }
        String heading = messages.get(locale, "listening.heading", listeners.size());
        String footer = more > 0 ? messages.get(locale, "listening.more", more) : null;
        CardImage image = grid.render(heading, tiles, footer, CoverGrid.Shape.GRID, "listening.png");
        return reply.title(heading, null)
                .body(body.toString().strip())
                .footer(note)
                .image(new Reply.Attachment(image.bytes(), image.fileName(), image.mimeType()))
                .build();
    }
}
