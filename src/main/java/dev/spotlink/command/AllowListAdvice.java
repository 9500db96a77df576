package dev.spotlink.command;

import dev.spotlink.domain.ChatUser;
import java.util.Locale;

/**
 * What to answer a member whose Spotify account is missing from the allow-list of the app their link goes through
 * (Spotify's 403 in development mode), and whom else to tell.
 */
@FunctionalInterface
public interface AllowListAdvice {

    /** The private answer for {@code user}; may also tell the admin. Never throws. */
    Reply adviceFor(ChatUser user, Locale locale);
}
