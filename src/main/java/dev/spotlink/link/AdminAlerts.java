package dev.spotlink.link;

import dev.spotlink.command.Notifiers;
import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.BotStateRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the admin when their Spotify app turns a member away: one log line naming what to do, and the same note
 * in the admin channels that are configured. At most one note per member and kind a day, remembered in the
 * database so that restarts and other processes do not repeat it.
 */
public final class AdminAlerts {

    /** Least time between two notes about the same member and the same problem. */
    public static final Duration QUIET_PERIOD = Duration.ofDays(1);
    static final String DASHBOARD = "https://developer.spotify.com/dashboard";

    private static final Logger log = LoggerFactory.getLogger(AdminAlerts.class);

    /** Why a member was turned away. */
    public enum Kind {
        /** A 6th member wanted to link through the admin's app (development mode serves 5). */
        APP_FULL("admin.app-full"),
        /** Spotify answered 403: the member's Spotify account is not on the admin app's allow-list. */
        NOT_ALLOWLISTED("admin.not-allowlisted");

        private final String messageKey;

        Kind(String messageKey) {
            this.messageKey = messageKey;
        }
    }

    private final BotStateRepository state;
    private final Notifiers notifiers;
    private final Messages messages;
    private final Clock clock;
    private final String adminClientId;
    private final boolean ownApp;

    /** @param ownApp whether members may link with their own app ({@code link.own-app}): the advice differs */
    public AdminAlerts(BotStateRepository state, Notifiers notifiers, Messages messages, Clock clock,
                       String adminClientId, boolean ownApp) {
        this.state = Objects.requireNonNull(state, "state");
        this.notifiers = Objects.requireNonNull(notifiers, "notifiers");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.adminClientId = Objects.requireNonNull(adminClientId, "adminClientId");
        this.ownApp = ownApp;
    }

    /** Tells the admin, unless they were told about this member and problem within {@link #QUIET_PERIOD}. */
    public void turnedAway(ChatUser user, Kind kind) {
        String key = "admin-alert|" + kind.name().toLowerCase(Locale.ROOT) + "|" + user;
        Instant now = clock.instant();
        Optional<Instant> last = state.get(key).flatMap(AdminAlerts::instant);
        if (last.isPresent() && last.get().plus(QUIET_PERIOD).isAfter(now)) {
            log.debug("{} turned away again ({}); the admin was told at {}", user, kind, last.get());
            return;
        }
        state.put(key, Long.toString(now.toEpochMilli()));
        // The admin's notes are in the bot's base language: there is no admin locale to go by.
        String todo = messages.get(Locale.ENGLISH, ownApp ? "admin.todo.own-app" : "admin.todo.no-own-app",
                DASHBOARD);
        String note = messages.get(Locale.ENGLISH, kind.messageKey, user.toString(), adminClientId, todo);
        log.warn("{}", note);
        notifiers.notifyAdmins(Reply.text(note));
    }

    private static Optional<Instant> instant(String millis) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(millis)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // unreadable: tell again, and overwrite it
        }
    }
}
