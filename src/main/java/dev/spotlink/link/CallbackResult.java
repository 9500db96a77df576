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

    /**
     * Spotify refused the app itself at the code exchange ({@code invalid_client}): a member's own app that does
     * not exist (any more) or a wrong client id, or the admin's id/secret. Nothing was stored.
     *
     * @param ownApp true when it was the member's own app
     */
    record AppRejected(Locale locale, boolean ownApp) implements CallbackResult {
    }

    /**
     * Spotify answered 403 for the profile: the account is not on the app's allow-list. Nothing was stored.
     *
     * @param ownApp        true when the member linked through their own app (they must allow-list themselves)
     * @param ownAppOffered true when the member was offered to link with their own app instead of the admin's
     */
    record NotAllowlisted(Locale locale, boolean ownApp, boolean ownAppOffered) implements CallbackResult {
    }

    /**
     * A pasted address whose state was issued to another chat user: refused, and that link left as it was (still
     * usable by its owner).
     */
    record NotYours(Locale locale) implements CallbackResult {
    }
}
