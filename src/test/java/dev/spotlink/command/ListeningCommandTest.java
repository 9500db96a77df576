package dev.spotlink.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.spotlink.card.CardImage;
import dev.spotlink.card.CoverGrid;
import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.PlaybackCache;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.store.LinkedAccountRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What /listening answers for each kind of member, with the platform and Spotify stubbed. */
class ListeningCommandTest {

    private static final Locale RU = Locale.forLanguageTag("ru");

    private final Messages messages = new Messages();
    private final LinkedAccountRepository accounts = mock(LinkedAccountRepository.class);
    private final PlaybackCache playback = mock(PlaybackCache.class);
    private final CoverGrid grid = mock(CoverGrid.class);
    private final ListeningCommand command = new ListeningCommand(new AccountAccess(accounts, messages), accounts,
            playback, grid, new PlaybackFormatter(messages), messages);
    private final List<Reply> replies = new ArrayList<>();

    private static LinkedAccount account(long id, String name) {
        return new LinkedAccount(id, new ChatUser(Platform.TELEGRAM, "u" + id), "acct" + id, name, "app", "a", "r",
                Instant.MAX, "", Instant.EPOCH, AccountStatus.ACTIVE, true);
    }

    private static NowPlaying track(String title, long progressMs, boolean playing) {
        return new NowPlaying(NowPlaying.Kind.TRACK, playing, progressMs, new PlayableItem("track", "spotify:track:x",
                title, List.of("Artist"), "Album", null, 200_000, false, "https://open.spotify.com/track/x"));
    }

    private CommandContext group(Locale locale, ChatMembers members) {
        return new CommandContext() {
            public ChatUser user() {
                return new ChatUser(Platform.TELEGRAM, "u1");
            }

            public Locale locale() {
                return locale;
            }

            public boolean isPublicChannel() {
                return true;
            }

            public void reply(Reply reply) {
                replies.add(reply);
            }

            public void replyPrivately(Reply reply) {
                replies.add(reply);
            }

            public Optional<ChatMembers> chatMembers() {
                return Optional.ofNullable(members);
            }
        };
    }

    @Test
    void pausedAndUnknownMembersAreNotShownAndTheUnknownAreCounted() {
        List<LinkedAccount> sharing = List.of(account(1, "Ann"), account(2, "Bob"), account(3, "Carl"),
                account(4, "Dora"), account(5, "Eve"));
        when(accounts.findSharing(Platform.TELEGRAM)).thenReturn(sharing);
        Map<Long, PlaybackCache.Lookup> lookups = new LinkedHashMap<>();
        lookups.put(1L, new PlaybackCache.Lookup.Known(Optional.of(track("Late", 90_000, true))));
        lookups.put(2L, new PlaybackCache.Lookup.Known(Optional.of(track("Paused", 1_000, false))));
        lookups.put(3L, new PlaybackCache.Lookup.Pending());
        lookups.put(4L, new PlaybackCache.Lookup.Known(Optional.of(track("Early", 3_000, true))));
        lookups.put(5L, new PlaybackCache.Lookup.Failed(new SpotifyException(SpotifyException.Reason.UNAVAILABLE,
                "down")));
        when(playback.currentOf(anyList(), any())).thenReturn(lookups);
        when(grid.render(any(), anyList(), any(), any(), any())).thenReturn(new CardImage(new byte[] {1}, "image/png",
                "listening.png", false, true));

        command.execute(group(Locale.ENGLISH, candidates -> Set.copyOf(candidates)), CommandArgs.NONE);
        Reply reply = replies.get(0);
        assertEquals("Listening now · 2", reply.title());
        assertEquals("Dora — Early · Artist · Album\nAnn — Late · Artist · Album", reply.body());
        assertEquals("2 members could not be checked just now; try again in a moment.", reply.footer());

        replies.clear();
        command.execute(group(RU, candidates -> Set.copyOf(candidates)), CommandArgs.NONE);
        assertEquals("Не удалось проверить участников: 2. Попробуйте чуть позже.", replies.get(0).footer());
    }

    @Test
    void oneUnknownMemberReadsInTheSingularAndNobodyPlayingSendsNoPicture() {
        when(accounts.findSharing(Platform.TELEGRAM)).thenReturn(List.of(account(1, "Ann"), account(2, "Bob")));
        Map<Long, PlaybackCache.Lookup> lookups = new LinkedHashMap<>();
        lookups.put(1L, new PlaybackCache.Lookup.Known(Optional.empty()));
        lookups.put(2L, new PlaybackCache.Lookup.Pending());
        when(playback.currentOf(anyList(), any())).thenReturn(lookups);
        command.execute(group(Locale.ENGLISH, candidates -> Set.copyOf(candidates)), CommandArgs.NONE);
        Reply reply = replies.get(0);
        assertTrue(reply.body().startsWith("Nobody here is playing anything"), reply.body());
        assertTrue(reply.body().endsWith("\n1 member could not be checked just now; try again in a moment."));
        assertNull(reply.image());
        verify(grid, never()).render(any(), anyList(), any(), any(), any());
    }
}
