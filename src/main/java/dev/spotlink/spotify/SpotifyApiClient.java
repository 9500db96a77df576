package dev.spotlink.spotify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** The Spotify Web API calls Spotlink makes, with a given access token. Stateless. */
public final class SpotifyApiClient {

    public SpotifyApiClient(OkHttpClient http, ObjectMapper json, String apiUrl) {
        throw new UnsupportedOperationException("spotify helper");
    }

    public SpotifyProfile me(String accessToken) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }

    /** Empty on 204 (nothing playing, or a private session). */
    public Optional<NowPlaying> currentlyPlaying(String accessToken) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }

    public Optional<RecentlyPlayed> lastPlayed(String accessToken) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }

    /** Title/subtitle/image of a track, album, playlist, artist, show or episode; a user gets its id as title. */
    public SpotifyEntity entity(String accessToken, SpotifyUri uri) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }
}
