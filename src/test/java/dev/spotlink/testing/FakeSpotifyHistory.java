package dev.spotlink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake's listening histories and top items ({@code /me/player/recently-played}, {@code /me/top/...}), and an
 * app that Spotify refuses the top-items endpoint to.
 */
public final class FakeSpotifyHistory {

    private final FakeSpotifyApi api;
    private final FakeSpotifyJson json;

    FakeSpotifyHistory(FakeSpotifyApi api, FakeSpotifyJson json) {
        this.api = api;
        this.json = json;
    }

    /** {@code count} tracks ("Song 1" newest ... ), one every {@code spacing}, the newest played at {@code newest}. */
    public void setRecent(String accountId, int count, Instant newest, Duration spacing) {
        List<JsonNode> history = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = FakeSpotifyJson.derivedId("recent", accountId + i);
            history.add(json.playHistory(json.track(id, "Song " + i, List.of("Artist " + i), "Album " + i, 200_000),
                    newest.minus(spacing.multipliedBy(i - 1)).toString()));
        }
        api.user(accountId).history = List.copyOf(history);
    }

    /** Top tracks named "Top track 1" (first) to "Top track {@code count}". */
    public void setTopTracks(String accountId, int count) {
        List<JsonNode> tracks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = FakeSpotifyJson.derivedId("toptrack", accountId + i);
            tracks.add(json.track(id, "Top track " + i, List.of("Top artist " + i), "Album " + i, 180_000));
        }
        api.user(accountId).topTracks = List.copyOf(tracks);
    }

    /** Top artists named "Top artist 1" (first) to "Top artist {@code count}". */
    public void setTopArtists(String accountId, int count) {
        List<JsonNode> artists = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            artists.add(json.artist(FakeSpotifyJson.derivedId("topartist", accountId + i), "Top artist " + i));
        }
        api.user(accountId).topArtists = List.copyOf(artists);
    }

    /** Every {@code /me/top/...} answers {@code status} (403, 404), or normally again with 0. */
    public void refuseTopItems(int status) {
        api.topRefusal = status;
    }
}
