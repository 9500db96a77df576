package dev.spotlink.link;

import dev.spotlink.command.Notifier;
import dev.spotlink.command.Reply;
import dev.spotlink.config.LinkConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.Pkce;
import dev.spotlink.spotify.SpotifyAccountsClient;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyProfile;
import dev.spotlink.spotify.TokenGrant;
import dev.spotlink.store.ClaimResult;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.NewLink;
import dev.spotlink.store.PendingLink;
import dev.spotlink.store.PendingLinkRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linking a chat user to a Spotify account: issuing the one-time authorize link (through the admin's Spotify app
 * or the member's own), completing the callback exactly once with the app the link was issued for, and
 * unlinking. All state lives in the database so any process can complete any link.
 */
public final class LinkService {

    /** Only what the commands need: now playing and recently played. Profile id/name need no scope. */
    public static final List<String> SCOPES = List.of("user-read-currently-playing", "user-read-recently-played",
            "user-top-read");

    private static final Logger log = LoggerFactory.getLogger(LinkService.class);
    private static final int STATE_BYTES = 32; // 256 bits, well over the 128 the design asks for
    private static final Pattern STATE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern CODE_FORMAT = Pattern.compile("[A-Za-z0-9_.~-]{1,2048}");
    private static final Duration KEEP_USED_STATES = Duration.ofDays(1);

    private final PendingLinkRepository pendingLinks;
    private final LinkedAccountRepository accounts;
    private final SpotifyAccountsClient accountsClient;
    private final SpotifyApiClient api;
    private final String clientId;
    private final Notifier notifier;
    private final AdminAlerts alerts;
    private final OwnAppGuide guide;
    private final Messages messages;
    private final LinkConfig config;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param clientId the admin's Spotify app
     * @param alerts   tells the admin when Spotify turns a member away from their app
     * @param guide    offered to members the admin's app turns away, when {@code config.ownApp()}
     */
    public LinkService(PendingLinkRepository pendingLinks, LinkedAccountRepository accounts,
                       SpotifyAccountsClient accountsClient, SpotifyApiClient api, String clientId,
                       Notifier notifier, AdminAlerts alerts, OwnAppGuide guide, Messages messages,
                       LinkConfig config, Clock clock, SecureRandom random) {
        this.pendingLinks = pendingLinks;
        this.accounts = accounts;
        this.accountsClient = accountsClient;
        this.api = api;
        this.clientId = clientId;
        this.notifier = notifier;
        this.alerts = alerts;
        this.guide = guide;
        this.messages = messages;
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    /** How long a link stays valid. */
    public Duration linkTtl() {
        return config.ttl();
    }

    /** Whether members may link through a Spotify app of their own ({@code link.own-app}). */
    public boolean ownAppAllowed() {
        return config.ownApp();
    }

    /** The admin's Spotify app's client id. */
    public String adminClientId() {
        return clientId;
    }

    /**
     * Whether a callback carrying {@code state} can complete a link: the bot issued it, nobody used it yet and it
     * has not expired. Rate limits spend nothing on such callbacks, so nobody can lock members out of linking.
     */
    public boolean canComplete(String state) {
        return state != null && STATE_FORMAT.matcher(state).matches()
                && pendingLinks.isClaimable(hash(state), clock.instant());
    }

    /** {@link #startLink(ChatUser, Locale, String)} through the admin's app. */
    public URI startLink(ChatUser user, Locale locale) {
        return startLink(user, locale, clientId);
    }

    /**
     * Issues a personal authorize URL for {@code user} through the app {@code appClientId} (the admin's, or the
     * member's own, which the pending link remembers for the callback); only the hash of its state is kept.
     */
    public URI startLink(ChatUser user, Locale locale, String appClientId) {
        byte[] stateBytes = new byte[STATE_BYTES];
        random.nextBytes(stateBytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(stateBytes);
        Pkce pkce = Pkce.generate();
        Instant now = clock.instant();
        pendingLinks.insert(new PendingLink(hash(state), user, pkce.verifier(), appClientId,
                locale.toLanguageTag(), now, now.plus(config.ttl())));
        log.info("Issued a link for {} through {} (valid {} min)", user,
                appClientId.equals(clientId) ? "the admin's app" : "their own app " + appClientId,
                config.ttl().toMinutes());
        return accountsClient.authorizeUrl(appClientId, state, pkce.challenge(), SCOPES);
    }

    /**
     * Completes a callback. A state that is malformed, unknown, expired or used never leads to a token request.
     *
     * @param fallback locale for pages about states we cannot attribute to a user (the browser's language)
     */
    public CallbackResult completeCallback(String code, String state, String error, Locale fallback) {
        return complete(code, state, error, fallback, null, notifier);
    }

    /**
     * Completes a link from the address a member's browser was redirected to and the member sent us in chat
     * ({@link PasteBack}): the same checks and outcomes as {@link #completeCallback}, plus that the state must
     * have been issued to {@code pastedBy}. What the member is to read goes to {@code answer}, in place of the
     * chat notification a callback sends.
     */
    public CallbackResult completePasted(ChatUser pastedBy, CallbackAddress address, Locale locale,
                                         Notifier answer) {
        return complete(address.code(), address.state(), address.error(), locale, pastedBy, answer);
    }

    /**
     * The one way a link completes.
     *
     * @param owner who must own the state (a pasted address), or null (a callback: whoever's browser brings it)
     * @param tell  where messages for the linking user go
     */
    private CallbackResult complete(String code, String state, String error, Locale fallback, ChatUser owner,
                                    Notifier tell) {
        if (state == null || !STATE_FORMAT.matcher(state).matches()) {
            return error != null ? new CallbackResult.Denied(fallback, error)
                    : new CallbackResult.MissingParameters(fallback);
        }
        ClaimResult claim = pendingLinks.claim(hash(state), clock.instant(), owner);
        if (claim instanceof ClaimResult.OtherUser) {
            log.info("{} sent the address of a link issued to someone else; refused, and that link left as it was",
                    owner);
            return new CallbackResult.NotYours(fallback);
        }
        if (!(claim instanceof ClaimResult.Claimed claimed)) {
            if (error != null) {
                return new CallbackResult.Denied(fallback, error);
            }
            if (claim instanceof ClaimResult.Expired) {
                return new CallbackResult.ExpiredState(fallback);
            }
            if (claim instanceof ClaimResult.AlreadyUsed) {
                return new CallbackResult.UsedState(fallback);
            }
            return new CallbackResult.UnknownState(fallback);
        }
        PendingLink link = claimed.link();
        Locale locale = messages.resolve(link.locale());
        if (error != null) {
            log.info("{} declined the Spotify authorization ({})", link.user(), printable(error));
            return new CallbackResult.Denied(locale, error);
        }
        if (code == null || !CODE_FORMAT.matcher(code).matches()) {
            return new CallbackResult.MissingParameters(locale);
        }
        return exchange(link, code, locale, tell);
    }

    private CallbackResult exchange(PendingLink link, String code, Locale locale, Notifier tell) {
        // The app the link was issued for: the code is bound to it, and so are the tokens we get for it.
        boolean ownApp = !link.clientId().equals(clientId);
        TokenGrant grant;
        try {
            grant = accountsClient.exchangeCode(link.clientId(), code, link.codeVerifier());
        } catch (SpotifyException e) {
            if (e.reason() == SpotifyException.Reason.INVALID_CLIENT) {
                return appRejected(link, locale, ownApp, e, tell);
            }
            log.warn("Code exchange for {} failed: {}", link.user(), e.reason(), e);
            return new CallbackResult.ExchangeFailed(locale, e.reason());
        }
        SpotifyProfile profile;
        try {
            profile = api.forApp(link.clientId()).me(grant.accessToken());
        } catch (SpotifyException e) {
            if (e.reason() == SpotifyException.Reason.NOT_ALLOWLISTED) {
                return notAllowlisted(link, locale, ownApp, tell);
            }
            log.warn("Reading the Spotify profile for {} failed: {}", link.user(), e.reason(), e);
            return new CallbackResult.ProfileFailed(locale, e.reason());
        }
        LinkedAccount saved = accounts.save(new NewLink(link.user(), profile.accountId(), profile.displayName(),
                link.clientId(), grant.accessToken(), grant.refreshToken(), grant.expiresAt(), grant.scope()),
                clock.instant());
        if (!pendingLinks.exists(link.stateHash())) {
            // /unlink deleted this link while we were talking to Spotify. The unlink wins: whichever of the two
            // writes came last, checking after our save and deleting converges on "nothing stored".
            accounts.delete(link.user());
            log.info("{} unlinked while a link was completing; the new link was discarded", link.user());
            return new CallbackResult.UsedState(locale);
        }
        log.info("{} linked Spotify account {} through {}", link.user(), saved.spotifyAccountId(),
                ownApp ? "their own app " + link.clientId() : "the admin's app");
        tell.notify(link.user(), Reply.builder()
                .body(messages.get(locale, "link.confirmed", saved.shownName()))
                .build());
        return new CallbackResult.Linked(locale, saved.shownName());
    }

    private CallbackResult appRejected(PendingLink link, Locale locale, boolean ownApp, SpotifyException e,
                                       Notifier tell) {
        if (ownApp) {
            log.info("Spotify refused the client id {} of {}'s own app (invalid_client); nothing was linked",
                    link.clientId(), link.user());
        } else {
            log.error("Spotify refused this bot's app while linking {}: check spotify.client-id and "
                    + "spotify.client-secret", link.user(), e);
        }
        tell.notify(link.user(), Reply.error(messages.get(locale,
                ownApp ? "link.own-app.rejected" : "link.admin-app.rejected")));
        return new CallbackResult.AppRejected(locale, ownApp);
    }

    private CallbackResult notAllowlisted(PendingLink link, Locale locale, boolean ownApp, Notifier tell) {
        if (ownApp) {
            log.info("{} consented, but their own app {} does not allow their Spotify account (403)",
                    link.user(), link.clientId());
            tell.notify(link.user(), Reply.error(messages.get(locale, "link.own-app.not-allowlisted")));
            return new CallbackResult.NotAllowlisted(locale, true, false);
        }
        alerts.turnedAway(link.user(), AdminAlerts.Kind.NOT_ALLOWLISTED);
        if (config.ownApp()) {
            tell.notify(link.user(), guide.reply(locale, "link.own-app.after-not-allowlisted"));
        }
        return new CallbackResult.NotAllowlisted(locale, false, config.ownApp());
    }

    /** Deletes the user's tokens and pending links; true when there was a linked account. */
    public boolean unlink(ChatUser user) {
        int pending = pendingLinks.deleteFor(user);
        boolean removed = accounts.delete(user);
        log.info("{} unlinked (account removed: {}, pending links removed: {})", user, removed, pending);
        return removed;
    }

    /** The user's current link, if any. */
    public Optional<LinkedAccount> currentLink(ChatUser user) {
        return accounts.find(user);
    }

    /** Forgets pending links that expired more than a day ago (used ones are kept that long to say "already used"). */
    public int purgeOldLinks() {
        return pendingLinks.purgeOlderThan(clock.instant().minus(KEEP_USED_STATES));
    }

    /** A query parameter fit for a log line: no line breaks or control characters to forge entries with, short. */
    private static String printable(String value) {
        String clean = value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }

    static String hash(String state) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(state.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
