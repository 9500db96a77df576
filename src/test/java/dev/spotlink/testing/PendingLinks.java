package dev.spotlink.testing;

import dev.spotlink.domain.ChatUser;
import dev.spotlink.link.LinkService;
import dev.spotlink.spotify.Pkce;
import dev.spotlink.store.PendingLink;
import dev.spotlink.store.PendingLinkRepository;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Issues {@code /link} requests straight into a database, exactly as {@code LinkService#startLink} stores them
 * (hashed state, encrypted PKCE verifier), for tests where the bot runs in another process. Returns the authorize
 * URL a user would open, ready for {@link FakeSpotify#consent}.
 */
public final class PendingLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PendingLinks() {
    }

    public static URI issue(PendingLinkRepository pending, FakeSpotify spotify, int port, ChatUser user) {
        byte[] stateBytes = new byte[32];
        RANDOM.nextBytes(stateBytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(stateBytes);
        Pkce pkce = Pkce.generate();
        Instant now = Instant.now();
        pending.insert(new PendingLink(sha256Hex(state), user, pkce.verifier(), TestConfigs.CLIENT_ID, "en", now,
                now.plus(Duration.ofMinutes(10))));
        String redirect = "http://127.0.0.1:" + port + "/callback";
        return URI.create(spotify.accountsUrl() + "/authorize?response_type=code&client_id="
                + TestConfigs.CLIENT_ID + "&redirect_uri=" + encode(redirect) + "&scope="
                + encode(String.join(" ", LinkService.SCOPES)) + "&state=" + state
                + "&code_challenge_method=S256&code_challenge=" + pkce.challenge());
    }

    private static String sha256Hex(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
