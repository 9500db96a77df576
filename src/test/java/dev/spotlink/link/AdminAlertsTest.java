package dev.spotlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.command.Notifiers;
import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.BotStateRepository;
import dev.spotlink.store.Database;
import dev.spotlink.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notes to the admin: in every configured admin channel, at most once a day per member and problem. */
class AdminAlertsTest {

    @TempDir
    Path dir;

    @Test
    void oneNotePerMemberAndProblemADayInEveryAdminChannel() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        List<String> discord = new ArrayList<>();
        List<String> telegram = new ArrayList<>();
        Notifiers notifiers = new Notifiers();
        notifiers.registerAdminChannel(Platform.DISCORD, reply -> discord.add(reply.body()));
        notifiers.registerAdminChannel(Platform.TELEGRAM, reply -> telegram.add(reply.body()));
        notifiers.registerAdminChannel(Platform.CONSOLE, reply -> {
            throw new IllegalStateException("a broken channel must not stop the others");
        });
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("alerts.db"))) {
            AdminAlerts alerts = new AdminAlerts(new BotStateRepository(database, clock), notifiers, new Messages(),
                    clock, "adminclientid", false);
            ChatUser ann = new ChatUser(Platform.TELEGRAM, "2001");
            ChatUser bob = new ChatUser(Platform.DISCORD, "3001");

            alerts.turnedAway(ann, AdminAlerts.Kind.APP_FULL);
            alerts.turnedAway(ann, AdminAlerts.Kind.APP_FULL);
            clock.advance(Duration.ofHours(23));
            alerts.turnedAway(ann, AdminAlerts.Kind.APP_FULL);
            alerts.turnedAway(ann, AdminAlerts.Kind.NOT_ALLOWLISTED);
            alerts.turnedAway(bob, AdminAlerts.Kind.APP_FULL);
            assertEquals(3, discord.size(), discord.toString());
            assertEquals(discord, telegram);
            assertTrue(discord.get(0).contains("telegram:2001") && discord.get(0).contains("adminclientid"));
            assertTrue(discord.get(0).contains("link.own-app=true"), "names what to do: " + discord.get(0));

            clock.advance(Duration.ofHours(2));
            alerts.turnedAway(ann, AdminAlerts.Kind.APP_FULL);
            assertEquals(4, discord.size(), "a day later it is news again");
        }
    }

    @Test
    void aMemberTurnedAwayOverAndOverNeverSilencesTheNoteAboutAnother() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        List<String> notes = new ArrayList<>();
        Notifiers notifiers = new Notifiers();
        notifiers.registerAdminChannel(Platform.TELEGRAM, reply -> notes.add(reply.body()));
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("alerts.db"))) {
            AdminAlerts alerts = new AdminAlerts(new BotStateRepository(database, clock), notifiers, new Messages(),
                    clock, "adminclientid", true);
            ChatUser mallory = new ChatUser(Platform.TELEGRAM, "666");
            for (int i = 0; i < 50; i++) {
                alerts.turnedAway(mallory, AdminAlerts.Kind.APP_FULL);
                alerts.turnedAway(mallory, AdminAlerts.Kind.NOT_ALLOWLISTED);
            }
            assertEquals(2, notes.size(), "one note per problem for the member who keeps trying");

            alerts.turnedAway(new ChatUser(Platform.TELEGRAM, "2001"), AdminAlerts.Kind.APP_FULL);
            alerts.turnedAway(new ChatUser(Platform.DISCORD, "666"), AdminAlerts.Kind.NOT_ALLOWLISTED);
            assertEquals(4, notes.size(), "everyone else, the same id on another platform too, is still reported");
            assertTrue(notes.get(2).contains("telegram:2001"), notes.get(2));
            assertTrue(notes.get(3).contains("discord:666"), notes.get(3));
        }
    }

    @Test
    void withOwnAppsOnTheNoteSaysTheMemberWasOfferedTheirOwnApp() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
        List<Reply> notes = new ArrayList<>();
        Notifiers notifiers = new Notifiers();
        notifiers.registerAdminChannel(Platform.TELEGRAM, notes::add);
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("alerts.db"))) {
            new AdminAlerts(new BotStateRepository(database, clock), notifiers, new Messages(), clock, "adminapp",
                    true).turnedAway(new ChatUser(Platform.DISCORD, "1"), AdminAlerts.Kind.NOT_ALLOWLISTED);
        }
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).body().contains("User Management"), notes.get(0).body());
        assertTrue(notes.get(0).body().contains("own"), notes.get(0).body());
    }
}
