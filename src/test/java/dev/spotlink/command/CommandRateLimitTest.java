package dev.spotlink.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-user token bucket of Spotify-calling commands, on a hand-moved clock (5 at once, then one per 2 s). */
class CommandRateLimitTest {

    private static final ChatUser ALICE = new ChatUser(Platform.DISCORD, "alice");
    private static final ChatUser BOB = new ChatUser(Platform.TELEGRAM, "bob");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final CommandRateLimit limit = new CommandRateLimit(5, Duration.ofSeconds(2), clock);
    private final List<String> ran = new ArrayList<>();
    private final CommandRegistry registry = new CommandRegistry(List.of(
            command("nowplaying", true), command("share", true), command("recent", true), command("top", true),
            command("listening", true), command("help", false), command("link", false)),
            new Messages(), limit);

    @Test
    void fiveDifferentCommandsWithinOneSecondAllGetRealAnswers() {
        List<String> names = List.of("nowplaying", "share", "recent", "top", "listening");
        for (String name : names) {
            Recorder answer = run(name, ALICE, Locale.ENGLISH);
            assertEquals("ok " + name, answer.reply.body());
            assertFalse(answer.reply.error());
            clock.advance(Duration.ofMillis(200));
        }
        assertEquals(names, ran);
    }

    @Test
    void thirtyCommandsInTenSecondsGetAtMostBurstPlusRefillThroughAndTheRestAreToldWhen() {
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            Recorder answer = run(i % 2 == 0 ? "nowplaying" : "share", ALICE, Locale.ENGLISH);
            if (answer.reply.error()) {
                refused++;
                assertTrue(answer.privately, "the wait is said privately");
                assertTrue(answer.reply.body().matches("Not so fast: wait [12] s before the next Spotify command\\."),
                        answer.reply.body());
            }
            clock.advance(Duration.ofMillis(333));
        }
        // 30 commands over 9.99 s: 5 at once, then one per 2 s (4 more in that time), never more than 5 + 10/2
        assertEquals(9, ran.size(), ran.toString());
        assertTrue(ran.size() <= 5 + 10 / 2);
        assertEquals(30 - ran.size(), refused);
    }

    @Test
    void theWaitIsInTheUsersLanguageAndRoundedUp() {
        for (int i = 0; i < 5; i++) {
            run("share", ALICE, Locale.ENGLISH);
        }
        clock.advance(Duration.ofMillis(800));
        Recorder refused = run("nowplaying", ALICE, Locale.forLanguageTag("ru"));
        assertEquals("Не так быстро: подождите 2 с перед следующей командой Spotify.", refused.reply.body());
    }

    @Test
    void commandsThatDoNotCallSpotifyAreNeverHeldBack() {
        for (int i = 0; i < 5; i++) {
            run("nowplaying", ALICE, Locale.ENGLISH);
        }
        run("help", ALICE, Locale.ENGLISH);
        run("help", ALICE, Locale.ENGLISH);
        run("link", ALICE, Locale.ENGLISH);
        assertEquals(List.of("nowplaying", "nowplaying", "nowplaying", "nowplaying", "nowplaying", "help", "help",
                "link"), ran);
    }

    @Test
    void oneUsersFloodNeverHoldsBackAnother() {
        for (int i = 0; i < 100; i++) {
            run("nowplaying", ALICE, Locale.ENGLISH);
        }
        assertEquals(5, ran.size());
        for (int i = 0; i < 5; i++) {
            assertFalse(run("share", BOB, Locale.ENGLISH).reply.error(), "Bob's own burst is whole");
        }
        assertEquals(10, ran.size());
    }

    @Test
    void aRefusedAttemptTakesNothingAndTheBucketRefills() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), limit.tryAcquire(ALICE));
        }
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Optional.of(Duration.ofMillis(500)), limit.tryAcquire(ALICE));
        assertEquals(Optional.of(Duration.ofMillis(500)), limit.tryAcquire(ALICE), "asking again costs nothing");
        clock.advance(Duration.ofMillis(500));
        assertEquals(Optional.empty(), limit.tryAcquire(ALICE));
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.empty(), limit.tryAcquire(ALICE), "a rested user has the whole burst again");
        }
        assertTrue(limit.tryAcquire(ALICE).isPresent(), "but not more than the burst");
    }

    @Test
    void zeroRefillTurnsItOff() {
        CommandRateLimit off = new CommandRateLimit(1, Duration.ZERO, clock);
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.empty(), off.tryAcquire(ALICE));
        }
        assertEquals(0, off.tracked());
    }

    @Test
    void memoryStaysBoundedAndForgettingOnlyEverHelpsTheForgotten() {
        CommandRateLimit small = new CommandRateLimit(2, Duration.ofSeconds(2), clock, 100);
        for (int i = 0; i < 1000; i++) {
            small.tryAcquire(new ChatUser(Platform.DISCORD, "u" + i));
        }
        assertEquals(100, small.tracked(), "the least recently seen make room");

        small.tryAcquire(ALICE);
        small.tryAcquire(ALICE);
        assertTrue(small.tryAcquire(ALICE).isPresent(), "Alice is tracked and over her burst");
        clock.advance(Duration.ofSeconds(5));
        small.tryAcquire(BOB);
        assertEquals(1, small.tracked(), "refilled buckets are forgotten (a full one is as good as none): Bob's");
    }

    private Recorder run(String name, ChatUser user, Locale locale) {
        Recorder context = new Recorder(user, locale);
        registry.execute(registry.find(name).orElseThrow(), context, CommandArgs.NONE);
        return context;
    }

    private Command command(String name, boolean callsSpotify) {
        CommandSpec spec = new CommandSpec(name, "command." + name + ".description", List.of(), callsSpotify);
        return new Command() {
            @Override
            public CommandSpec spec() {
                return spec;
            }

            @Override
            public void execute(CommandContext context, CommandArgs args) {
                ran.add(name);
                context.reply(Reply.text("ok " + name));
            }
        };
    }

    /** Keeps the one answer of an invocation. */
    private static final class Recorder implements CommandContext {
        private final ChatUser user;
        private final Locale locale;
        private Reply reply;
        private boolean privately;

        Recorder(ChatUser user, Locale locale) {
            this.user = user;
            this.locale = locale;
        }

        @Override
        public ChatUser user() {
            return user;
        }

        @Override
        public Locale locale() {
            return locale;
        }

        @Override
        public boolean isPublicChannel() {
            return true;
        }

        @Override
        public void reply(Reply reply) {
            this.reply = reply;
        }

        @Override
        public void replyPrivately(Reply reply) {
            this.reply = reply;
            this.privately = true;
        }
    }
}
