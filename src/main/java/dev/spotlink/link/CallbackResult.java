package dev.spotlink.link;

import dev.spotlink.spotify.SpotifyException;
import java.util.Locale;

/** What happened to one OAuth callback; the web layer renders each case as its own page and status. */
public sealed interface CallbackResult {

    /** The locale to render the page in (the linking user's, when we know who it was). */
    Locale locale();

    /** Linked: tokens stored, user notified in chat. */
    record Linked(Locale locale, String spotifyName) implements CallbackResult {
    }

    /** The user clicked "Cancel" on Spotify ({@code error=access_denied}) or Spotify sent another error. */
    record Denied(Locale locale, String error) implements CallbackResult {
    }

    /** {@code code} or {@code state} absent or malformed. */
    record MissingParameters(Locale locale) implements CallbackResult {
    }

    /** No such link was issued. */
    record UnknownState(Locale locale) implements CallbackResult {
    }

    /** The link's time ran out. */
    record ExpiredState(Locale locale) implements CallbackResult {
    }

    /** The link was already used (a reload, or a replayed URL). */
    record UsedState(Locale locale) implements CallbackResult {
    }

    /** Spotify refused or failed the code exchange. */
    record ExchangeFailed(Locale locale, SpotifyException.Reason reason) implements CallbackResult {
    }

    /** The exchange worked, but reading the profile failed (e.g. not on the app's allow-list). */
    record ProfileFailed(Locale locale, SpotifyException.Reason reason) implements CallbackResult {
    }
}
