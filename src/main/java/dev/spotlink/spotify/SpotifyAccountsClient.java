package dev.spotlink.spotify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.config.SpotifyConfig;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import okhttp3.OkHttpClient;

/** The Spotify accounts service: authorize URL, code exchange, refresh (client secret + PKCE). */
public final class SpotifyAccountsClient {

    public SpotifyAccountsClient(OkHttpClient http, ObjectMapper json, SpotifyConfig config, Clock clock) {
        throw new UnsupportedOperationException("spotify helper");
    }

    /** {@code {accounts}/authorize?response_type=code&client_id&redirect_uri&scope&state&code_challenge_method=S256&code_challenge}. */
    public URI authorizeUrl(String state, String codeChallenge, List<String> scopes) {
        throw new UnsupportedOperationException("spotify helper");
    }

    /** POST {accounts}/api/token grant_type=authorization_code (Basic auth with client secret, plus code_verifier). */
    public TokenGrant exchangeCode(String code, String codeVerifier) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }

    /** POST {accounts}/api/token grant_type=refresh_token. */
    public TokenGrant refresh(String refreshToken) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }
}
