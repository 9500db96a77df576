package dev.spotlink.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.i18n.Messages;
import dev.spotlink.store.ChatUser;
import dev.spotlink.store.Platform;
import dev.spotlink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandCooldownTest {

    private static final ChatUser ALICE = new ChatUser(Platform.DISCORD, "alice");
    private static final ChatUser BOB = new ChatUser(Platform.TELEGRAM, "bob");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));
    private final CommandCooldown cooldown = new CommandCooldown(Duration.ofSeconds(2), clock);
    private final List<String> ran = new ArrayList<>();
    private final CommandRegistry registry = new CommandRegistry(List.of(
            command("nowplaying", true), command("share", true), command("help", false), command("link", false)),
            new Messages(), cooldown);

    @Test
    void aSecondSpotifyCommandWithinTheWindowIsRefusedWithTheWait() {
        Recorder first = run("nowplaying", ALICE, Locale.ENGLISH);
        clock.advance(Duration.ofMillis(500));
        Recorder second = run("nowplaying", ALICE, Locale.ENGLISH);

        assertEquals(List.of("nowplaying"), ran);
        assertFalse(first.privately);
        assertTrue(second.privately, "the refusal is private");
        assertTrue(second.reply.error());
        assertEquals("Not so fast: wait 2 s before the next Spotify command.", second.reply.body());
    }

    @Test
    void theWaitIsInTheUsersLanguage() {
        run("share", ALICE, Locale.ENGLISH);
        clock.advance(Duration.ofMillis(1200));
        Recorder refused = run("nowplaying", ALICE, Locale.forLanguageTag("ru"));
        assertEquals("Не так быстро: подождите 1 с перед следующей командой Spotify.", refused.reply.body());
    }

    @Test
    void commandsThatDoNotCallSpotifyAreNeverHeldBack() {
        run("nowplaying", ALICE, Locale.ENGLISH);
        run("help", ALICE, Locale.ENGLISH);
        run("help", ALICE, Locale.ENGLISH);
        run("link", ALICE, Locale.ENGLISH);
        assertEquals(List.of("nowplaying", "help", "help", "link"), ran);
    }

    @Test
    void usersHaveTheirOwnWindowsAndTheWindowEnds() {
        run("nowplaying", ALICE, Locale.ENGLISH);
        run("nowplaying", BOB, Locale.ENGLISH);
        clock.advance(Duration.ofSeconds(2));
        run("share", ALICE, Locale.ENGLISH);
        assertEquals(List.of("nowplaying", "nowplaying", "share"), ran);
    }

    @Test
    void aRefusedAttemptDoesNotExtendTheWindow() {
        assertEquals(Optional.empty(), cooldown.tryAcquire(ALICE));
        clock.advance(Duration.ofMillis(1500));
        assertEquals(Optional.of(Duration.ofMillis(500)), cooldown.tryAcquire(ALICE));
        clock.advance(Duration.ofMillis(500));
        assertEquals(Optional.empty(), cooldown.tryAcquire(ALICE));
    }

    @Test
    void zeroTurnsItOff() {
        CommandCooldown off = new CommandCooldown(Duration.ZERO, clock);
        assertEquals(Optional.empty(), off.tryAcquire(ALICE));
        assertEquals(Optional.empty(), off.tryAcquire(ALICE));
        assertEquals(0, off.tracked());
    }

    @Test
    void memoryStaysBounded() {
        CommandCooldown small = new CommandCooldown(Duration.ofSeconds(2), clock, 100);
        for (int i = 0; i < 1000; i++) {
            small.tryAcquire(new ChatUser(Platform.DISCORD, "u" + i));
        }
        assertEquals(100, small.tracked(), "the oldest entries make room");

        clock.advance(Duration.ofSeconds(3));
        small.tryAcquire(ALICE);
        assertEquals(1, small.tracked(), "expired entries are dropped");
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
                context.reply(Reply.text("ok"));
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
