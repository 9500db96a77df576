package dev.spotlink.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotifyConfig;
import java.net.URI;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Metric tags name endpoints, never ids: bounded series, nothing personal. */
class SpotifyEndpointsTest {

    @ParameterizedTest
    @CsvSource({
            "/me, /me",
            "/me/player/currently-playing, /me/player/currently-playing",
            "/me/player/recently-played, /me/player/recently-played",
            "/tracks/4uLU6hMCjMI75M1A2tKUQC, /tracks/{id}",
            "/playlists/37i9dQZF1DXcBWIGoYBM5M/tracks, /playlists/{id}/tracks",
            "/users/someone.s-name_1, /users/{id}",
            "/shows/abc/episodes/XYZ123, /shows/{id}/episodes/{id}",
            "/a/b/c/d/e/f/g, /a/b/c/d/e/...",
            "/, /",
    })
    void templatesPaths(String path, String template) {
        assertEquals(template, SpotifyEndpoints.template(path));
    }

    @Test
    void classifiesByConfiguredBaseUrlsEvenOnOneHost() {
        SpotifyEndpoints one = new SpotifyEndpoints(new SpotifyConfig("id", new Secret("s"),
                URI.create("http://127.0.0.1:8080/callback"), "http://127.0.0.1:9000", "http://127.0.0.1:9000/v1",
                "http://127.0.0.1:9000"));
        assertEquals(new SpotifyEndpoints.Endpoint("api", "/tracks/{id}"),
                one.classify(HttpUrl.get("http://127.0.0.1:9000/v1/tracks/4uLU6hMCjMI75M1A2tKUQC?market=DE")));
        assertEquals(new SpotifyEndpoints.Endpoint("accounts", "/api/token"),
                one.classify(HttpUrl.get("http://127.0.0.1:9000/api/token")));
        assertEquals(new SpotifyEndpoints.Endpoint("codes", "/uri/{style}/{uri}"),
                one.classify(HttpUrl.get("http://127.0.0.1:9000/uri/plain/png/000000/white/640/spotify:track:x")));
        assertEquals(new SpotifyEndpoints.Endpoint("images", "{cover}"),
                one.classify(HttpUrl.get("http://127.0.0.1:9000/images/ab67616d0000b273.jpg")));

        SpotifyEndpoints real = new SpotifyEndpoints(new SpotifyConfig("id", new Secret("s"),
                URI.create("https://bot.example.org/callback"), "https://accounts.spotify.com",
                "https://api.spotify.com/v1", "https://scannables.scdn.co"));
        assertEquals("api", real.classify(HttpUrl.get("https://api.spotify.com/v1/me")).upstream());
        assertEquals("images", real.classify(HttpUrl.get("https://i.scdn.co/image/ab67616d0000b273")).upstream());
        assertEquals("images", real.classify(HttpUrl.get("https://api.spotify.com.evil.example/v1/me")).upstream());
    }
}
