package dev.spotlink.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The accounts-service half of {@link FakeSpotify}: apps, consent, codes, token endpoint. All under one lock. */
final class FakeSpotifyAccounts {

    /** Scopes listed in spotify-openapi.yml; Spotify refuses an authorize request naming any other. */
    static final Set<String> KNOWN_SCOPES = Set.of("app-remote-control", "playlist-read-private",
            "playlist-read-collaborative", "playlist-modify-public", "playlist-modify-private", "user-library-read",
            "user-library-modify", "user-read-private", "user-read-email", "user-follow-read", "user-follow-modify",
            "user-top-read", "user-read-playback-position", "user-read-playback-state", "user-read-recently-played",
            "user-read-currently-playing", "user-modify-playback-state", "ugc-image-upload", "streaming");

    /** A live access token. */
    record AccessToken(String accountId, String clientId, String scope, Instant expiresAt) {
    }

    private record Code(String accountId, String clientId, String redirectUri, String challenge, String scope) {
    }

    private record RefreshToken(String accountId, String clientId, String scope) {
    }

    private final SecureRandom random = new SecureRandom();
    private final FakeSpotify owner;
    private final Map<String, String> apps = new HashMap<>();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    private final Map<String, RefreshToken> refreshTokens = new HashMap<>();
    private Duration accessTokenTtl = Duration.ofHours(1);
    private boolean rotateRefreshTokens;

    FakeSpotifyAccounts(FakeSpotify owner) {
        this.owner = owner;
    }

    synchronized void registerApp(String clientId, String clientSecret) {
        apps.put(clientId, clientSecret);
    }

    /** A public client (a member's own app): PKCE without a secret, and its refresh tokens always rotate. */
    synchronized void registerPublicApp(String clientId) {
        apps.put(clientId, null);
    }

    /** The app is deleted on Spotify: its client id is unknown from now on. */
    synchronized void deleteApp(String clientId) {
        apps.remove(clientId);
    }

    synchronized void setAccessTokenTtl(Duration ttl) {
        accessTokenTtl = ttl;
    }

    synchronized void setRotateRefreshTokens(boolean rotate) {
        rotateRefreshTokens = rotate;
    }

    synchronized void revokeRefreshTokens(String accountId) {
        refreshTokens.values().removeIf(t -> t.accountId().equals(accountId));
    }

    synchronized void expireAccessTokens(String accountId) {
        accessTokens.replaceAll((token, info) -> info.accountId().equals(accountId)
                ? new AccessToken(info.accountId(), info.clientId(), info.scope(), Instant.EPOCH) : info);
    }

    synchronized AccessToken accessToken(String token) {
        return token == null ? null : accessTokens.get(token);
    }

    /** The account a request acts for: by its bearer token, or the refresh token it sends; else null. */
    synchronized String accountOf(FakeSpotify.RecordedRequest request) {
        String auth = request.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            AccessToken token = accessTokens.get(auth.substring(7).strip());
            return token == null ? null : token.accountId();
        }
        RefreshToken refresh = refreshTokens.get(request.form().getOrDefault("refresh_token", ""));
        return refresh == null ? null : refresh.accountId();
    }

    /** Tokens minted without the browser dance (for tests that put a linked account straight in the store). */
    synchronized FakeSpotify.Tokens issue(String accountId, String clientId, String scope) {
        requireUser(accountId);
        String refresh = "RT-" + randomToken();
        refreshTokens.put(refresh, new RefreshToken(accountId, clientId, scope));
        Minted access = mintAccess(accountId, clientId, scope);
        return new FakeSpotify.Tokens(access.token(), refresh, access.info().expiresAt(), scope);
    }

    synchronized URI consent(URI authorizeUrl, String accountId) {
        Map<String, String> q = authorizeQuery(authorizeUrl);
        requireUser(accountId);
        require(apps.containsKey(q.get("client_id")), "INVALID_CLIENT: Invalid client " + q.get("client_id"));
        require("code".equals(q.get("response_type")), "response_type must be code, was " + q.get("response_type"));
        require("S256".equals(q.get("code_challenge_method")),
                "code_challenge_method must be S256, was " + q.get("code_challenge_method"));
        String challenge = q.get("code_challenge");
        require(challenge != null && challenge.matches("[A-Za-z0-9_-]{43}"),
                "code_challenge must be base64url SHA-256 (43 chars)");
        String scope = q.getOrDefault("scope", "").strip();
        for (String s : scope.isEmpty() ? new String[0] : scope.split(" +")) {
            require(KNOWN_SCOPES.contains(s), "INVALID_SCOPE: " + s);
        }
        String code = "AC-" + randomToken();
        codes.put(code, new Code(accountId, q.get("client_id"), q.get("redirect_uri"), challenge, scope));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", q.get("state"));
        return redirect(q.get("redirect_uri"), params);
    }

    synchronized URI deny(URI authorizeUrl) {
        Map<String, String> q = authorizeQuery(authorizeUrl);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", "access_denied");
        params.put("state", q.get("state"));
        return redirect(q.get("redirect_uri"), params);
    }

    /** {@code POST /api/token}. */
    synchronized FakeSpotifyResponse token(FakeSpotify.RecordedRequest request) {
        Map<String, String> form = request.form();
        String authorization = request.header("Authorization");
        String clientId = authorization != null ? authenticatedClient(authorization) : publicClient(form);
        if (clientId == null) {
            return FakeSpotifyResponse.oauthError(400, "invalid_client",
                    authorization != null ? "Invalid client secret" : "Invalid client");
        }
        String grantType = form.get("grant_type");
        if ("authorization_code".equals(grantType)) {
            Code code = codes.remove(form.getOrDefault("code", ""));
            if (code == null || !code.clientId().equals(clientId)) {
                return FakeSpotifyResponse.oauthError(400, "invalid_grant", "Invalid authorization code");
            }
            if (!code.redirectUri().equals(form.get("redirect_uri"))) {
                return FakeSpotifyResponse.oauthError(400, "invalid_grant", "Invalid redirect URI");
            }
            String verifier = form.get("code_verifier");
            if (verifier == null || !code.challenge().equals(s256(verifier))) {
                return FakeSpotifyResponse.oauthError(400, "invalid_grant", "code_verifier was incorrect");
            }
            String refresh = "RT-" + randomToken();
            refreshTokens.put(refresh, new RefreshToken(code.accountId(), clientId, code.scope()));
            return grant(mintAccess(code.accountId(), clientId, code.scope()), refresh, code.scope());
        }
        if ("client_credentials".equals(grantType)) {
            // app-only token (no user): what a credentials check such as the set-up page asks for
            return grant(mintAccess(null, clientId, ""), null, "");
        }
        if ("refresh_token".equals(grantType)) {
            String presented = form.getOrDefault("refresh_token", "");
            RefreshToken refresh = refreshTokens.get(presented);
            if (refresh == null || !refresh.clientId().equals(clientId)) {
                return FakeSpotifyResponse.oauthError(400, "invalid_grant", "Invalid refresh token");
            }
            String rotated = null;
            if (rotateRefreshTokens || apps.get(clientId) == null) {
                // The old one dies at once: a client that keeps it will fail its next refresh.
                refreshTokens.remove(presented);
                rotated = "RT-" + randomToken();
                refreshTokens.put(rotated, refresh);
            }
            return grant(mintAccess(refresh.accountId(), clientId, refresh.scope()), rotated, refresh.scope());
        }
        return FakeSpotifyResponse.oauthError(400, "unsupported_grant_type",
                "grant_type must be client_credentials, authorization_code or refresh_token");
    }

    private FakeSpotifyResponse grant(Minted access, String refreshToken, String scope) {
        StringBuilder json = new StringBuilder("{\"access_token\":").append(FakeSpotifyResponse.quote(access.token))
                .append(",\"token_type\":\"Bearer\",\"scope\":").append(FakeSpotifyResponse.quote(scope))
                .append(",\"expires_in\":").append(accessTokenTtl.toSeconds());
        if (refreshToken != null) {
            json.append(",\"refresh_token\":").append(FakeSpotifyResponse.quote(refreshToken));
        }
        return FakeSpotifyResponse.json(200, json.append('}').toString());
    }

    private record Minted(String token, AccessToken info) {
    }

    private Minted mintAccess(String accountId, String clientId, String scope) {
        String token = "AT-" + randomToken();
        AccessToken info = new AccessToken(accountId, clientId, scope, Instant.now().plus(accessTokenTtl));
        accessTokens.put(token, info);
        return new Minted(token, info);
    }

    /**
     * The client id when the form names a registered public client ({@code client_id}, no Authorization); null
     * for an unknown id, and for a confidential app, which must authenticate with its secret.
     */
    private String publicClient(Map<String, String> form) {
        String clientId = form.get("client_id");
        return clientId != null && apps.containsKey(clientId) && apps.get(clientId) == null ? clientId : null;
    }

    /** The client id when Basic auth names a registered app with its secret; else null. */
    private String authenticatedClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String clientId = decoded.substring(0, colon);
        String secret = apps.get(clientId);
        return secret != null && secret.equals(decoded.substring(colon + 1)) ? clientId : null;
    }

    private Map<String, String> authorizeQuery(URI authorizeUrl) {
        require(authorizeUrl.getPath() != null && authorizeUrl.getPath().endsWith("/authorize"),
                "not an authorize URL: path " + authorizeUrl.getPath());
        require(owner.accountsUrl().startsWith(authorizeUrl.getScheme() + "://" + authorizeUrl.getRawAuthority()),
                "authorize URL points at " + authorizeUrl.getRawAuthority() + ", not at this fake");
        Map<String, String> q = FakeSpotifyHttp.parseQuery(authorizeUrl.getRawQuery());
        String redirect = q.get("redirect_uri");
        require(redirect != null && !redirect.isBlank(), "redirect_uri missing");
        URI redirectUri = URI.create(redirect);
        boolean loopback = "http".equals(redirectUri.getScheme()) && "127.0.0.1".equals(redirectUri.getHost());
        require("https".equals(redirectUri.getScheme()) || loopback,
                "INVALID_CLIENT: Insecure redirect URI " + redirect + " (https or http://127.0.0.1 only)");
        return q;
    }

    private void requireUser(String accountId) {
        require(owner.hasUser(accountId), "unknown user " + accountId + " (call addUser first)");
    }

    private static URI redirect(String redirectUri, Map<String, String> params) {
        StringBuilder uri = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        String sep = "";
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getValue() != null) {
                uri.append(sep).append(p.getKey()).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
                sep = "&";
            }
        }
        return URI.create(uri.toString());
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
