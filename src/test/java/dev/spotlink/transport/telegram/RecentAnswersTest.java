package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recent inline answers: per user, fresh or any age, bounded. */
class RecentAnswersTest {

    private static final ChatUser ANN = new ChatUser(Platform.TELEGRAM, "1");
    private static final ChatUser BOB = new ChatUser(Platform.TELEGRAM, "2");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T06:00:00Z"));

    @Test
    void freshForAWhileThenOnlyAsAFallbackAndNeverAnotherUsers() {
        RecentAnswers<String> recent = new RecentAnswers<>(clock, 10);
        recent.put(ANN, "now", "Ann's track");
        assertEquals(Optional.of("Ann's track"), recent.fresh(ANN, "now", Duration.ofSeconds(10)));
        assertEquals(Optional.empty(), recent.fresh(BOB, "now", Duration.ofSeconds(10)), "never another user's");
        assertEquals(Optional.empty(), recent.fresh(ANN, "spotify:track:x", Duration.ofSeconds(10)));

        clock.advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), recent.fresh(ANN, "now", Duration.ofSeconds(10)));
        assertEquals(Optional.of("Ann's track"), recent.any(ANN, "now"));
    }

    @Test
    void theLeastRecentlyUsedGoFirst() {
        RecentAnswers<Integer> recent = new RecentAnswers<>(clock, 3);
        for (int i = 0; i < 3; i++) {
            recent.put(new ChatUser(Platform.TELEGRAM, "u" + i), "now", i);
        }
        recent.any(new ChatUser(Platform.TELEGRAM, "u0"), "now");
        recent.put(ANN, "now", 99);
        assertEquals(3, recent.size());
        assertEquals(Optional.of(0), recent.any(new ChatUser(Platform.TELEGRAM, "u0"), "now"), "used lately: kept");
        assertEquals(Optional.empty(), recent.any(new ChatUser(Platform.TELEGRAM, "u1"), "now"));
    }
}
