package dev.spotlink.spotify;

import static dev.spotlink.spotify.SpotifyTestSupport.CLIENT_ID;
import static dev.spotlink.spotify.SpotifyTestSupport.SCOPE;
import static dev.spotlink.spotify.SpotifyTestSupport.USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.SpotifyException.Reason;
import dev.spotlink.spotify.SpotifyUri.Type;
import dev.spotlink.testing.FakeSpotify;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpotifyApiClientTest {

    private static final String TRACK = "4cOdK2wGLETKBW3PvgPWqT";
    private static final String EPISODE = "512ojhOuo1ktJprKbVcKyQ";

    private FakeSpotify fake;
    private SpotifyApiClient client;
    private String token;

    @BeforeEach
    void setUp() {
        fake = SpotifyTestSupport.startFake();
        client = new SpotifyApiClient(HttpClients.create(), Json.mapper(), fake.apiUrl(),
                new RateLimitGate("test"), SpotifyTestSupport.recordingBackoff(new ArrayList<>()));
        token = fake.issueTokens(USER, CLIENT_ID, SCOPE).accessToken();
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void meUsesAccountIdAndSendsBearer() throws Exception {
        assertEquals(new SpotifyProfile(USER, "Alice"), client.me(token));
        assertEquals("Bearer " + token, fake.requests().get(0).header("Authorization"));
        assertEquals("/v1/me", fake.requests().get(0).path());
    }

    @Test
    void meWithoutDisplayNameShowsAccountId() throws Exception {
        fake.addUser("acct-bob", null);
        SpotifyProfile bob = client.me(fake.issueTokens("acct-bob", CLIENT_ID, SCOPE).accessToken());
        assertNull(bob.displayName());
        assertEquals("acct-bob", bob.shownName());
    }

    @Test
    void meFallsBackToIdWithoutAccountId() throws Exception {
        fake.failNext("/v1/me", 200, Map.of(), "{\"id\":\"legacy-id\",\"display_name\":\"L\",\"type\":\"user\"}");
        assertEquals(new SpotifyProfile("legacy-id", "L"), client.me(token));
    }

    @Test
    void currentlyPlayingTrack() throws Exception {
        fake.setPlaying(USER, fake.trackJson(TRACK, "Song", List.of("A", "B"), "Record", 12_000, 200_000, true));

        NowPlaying now = client.currentlyPlaying(token).orElseThrow();

        assertEquals(NowPlaying.Kind.TRACK, now.kind());
        assertTrue(now.playing());
        assertEquals(12_000, now.progressMs());
        PlayableItem item = now.item();
        assertEquals(new PlayableItem("track", "spotify:track:" + TRACK, "Song", List.of("A", "B"), "Record",
                item.coverUrl(), 200_000, false, "https://open.spotify.com/track/" + TRACK), item);
        assertTrue(item.coverUrl().startsWith(fake.baseUrl() + "/images/album-"), item.coverUrl());
        assertTrue(item.coverUrl().endsWith("-640.jpg"), "largest image wins: " + item.coverUrl());
        assertEquals("episode", fake.requests().get(0).query().get("additional_types"));
    }

    @Test
    void currentlyPlayingEpisode() throws Exception {
        fake.setPlaying(USER, fake.episodeJson(EPISODE, "Ep 1", "The Show", "Pub Inc", 5_000, 900_000, false));

        NowPlaying now = client.currentlyPlaying(token).orElseThrow();

        assertEquals(NowPlaying.Kind.EPISODE, now.kind());
        assertFalse(now.playing());
        PlayableItem item = now.item();
        assertEquals("episode", item.type());
        assertEquals("spotify:episode:" + EPISODE, item.uri());
        assertEquals(List.of("Pub Inc"), item.artists());
        assertEquals("The Show", item.collection());
        assertTrue(item.coverUrl().endsWith("-640.jpg"));
        assertEquals("https://open.spotify.com/episode/" + EPISODE, item.webUrl());
    }

    @Test
    void currentlyPlayingAdHasNoItem() throws Exception {
        fake.setPlaying(USER, fake.adJson());
        NowPlaying now = client.currentlyPlaying(token).orElseThrow();
        assertEquals(NowPlaying.Kind.AD, now.kind());
        assertNull(now.item());
    }

    @Test
    void currentlyPlayingUnknownType() throws Exception {
        fake.setPlaying(USER, "{\"is_playing\":true,\"progress_ms\":null,\"currently_playing_type\":\"unknown\","
                + "\"item\":null}");
        NowPlaying now = client.currentlyPlaying(token).orElseThrow();
        assertEquals(new NowPlaying(NowPlaying.Kind.UNKNOWN, true, 0, null), now);
    }

    @Test
    void currentlyPlayingLocalFile() throws Exception {
        fake.setPlaying(USER, fake.localTrackJson("Home Demo", "Me", "Tapes"));

        PlayableItem item = client.currentlyPlaying(token).orElseThrow().item();

        assertTrue(item.local());
        assertNull(item.uri());
        assertNull(item.webUrl());
        assertNull(item.coverUrl());
        assertEquals("Home Demo", item.name());
        assertEquals(List.of("Me"), item.artists());
        assertEquals("Tapes", item.collection());
    }

    @Test
    void nothingPlayingIsEmpty() throws Exception {
        assertEquals(Optional.empty(), client.currentlyPlaying(token));
    }

    @Test
    void emptyOkBodyIsEmpty() throws Exception {
        fake.failNext("/v1/me/player/currently-playing", 200, Map.of(), "");
        assertEquals(Optional.empty(), client.currentlyPlaying(token));
    }

    @Test
    void lastPlayed() throws Exception {
        Instant at = Instant.parse("2026-02-27T21:13:45.123Z");
        fake.setRecentlyPlayed(USER, fake.trackObjectJson(TRACK, "Old Song", List.of("X"), "Alb", 100_000), at);

        RecentlyPlayed last = client.lastPlayed(token).orElseThrow();

        assertEquals("Old Song", last.item().name());
        assertEquals(at, last.playedAt());
        assertEquals("1", fake.requests().get(0).query().get("limit"));
        fake.clearRecentlyPlayed(USER);
        assertEquals(Optional.empty(), client.lastPlayed(token));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        fake.expireAccessTokens(USER);
        assertReason(Reason.UNAUTHORIZED, () -> client.currentlyPlaying(token));
        assertReason(Reason.UNAUTHORIZED, () -> client.me("AT-unknown"));
    }

    @Test
    void notAllowlistedUser() {
        fake.setNotAllowlisted(USER);
        assertReason(Reason.NOT_ALLOWLISTED, () -> client.me(token));
        assertReason(Reason.NOT_ALLOWLISTED, () -> client.currentlyPlaying(token));
    }

    @Test
    void forbiddenFromMeIsAlwaysNotAllowlisted() {
        fake.failNext("/v1/me", 403, Map.of(), "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}");
        assertReason(Reason.NOT_ALLOWLISTED, () -> client.me(token));
    }

    @Test
    void otherForbiddenIsForbidden() {
        String limited = fake.issueTokens(USER, CLIENT_ID, "user-read-private").accessToken();
        SpotifyException e = assertReason(Reason.FORBIDDEN, () -> client.currentlyPlaying(limited));
        assertTrue(e.getMessage().contains("Insufficient client scope"), e.getMessage());
    }

    @Test
    void notFound() {
        assertReason(Reason.NOT_FOUND,
                () -> client.entity(token, new SpotifyUri(Type.TRACK, "missing000000000000000")));
    }

    @Test
    void rateLimitedCarriesRetryAfterAndQuotaReason() {
        fake.failNext("/v1/me/player", 429, Map.of("Retry-After", "3"),
                "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\",\"reason\":\"QUOTA_EXCEEDED\"}}");
        SpotifyException e = assertReason(Reason.RATE_LIMITED, () -> client.currentlyPlaying(token));
        assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());
        assertTrue(e.getMessage().contains("QUOTA_EXCEEDED"), e.getMessage());
    }

    @Test
    void serverErrorsOutlastingTheRetriesAreUnavailable() {
        fake.failNext("/v1/me", 500, 3);
        assertReason(Reason.UNAVAILABLE, () -> client.me(token));
        for (int i = 0; i < 3; i++) {
            fake.failNext("/v1/me", 503, Map.of(), "<html>oops</html>");
        }
        assertReason(Reason.UNAVAILABLE, () -> client.me(token));
        assertEquals(6, fake.requests("/v1/me"));
    }

    @Test
    void timeoutIsUnavailable() {
        SpotifyApiClient impatient = new SpotifyApiClient(
                HttpClients.create(Duration.ofSeconds(1), Duration.ofMillis(150), Duration.ofSeconds(2)),
                Json.mapper(), fake.apiUrl());
        fake.setLatency(Duration.ofMillis(800));
        assertReason(Reason.UNAVAILABLE, () -> impatient.me(token));
    }

    @Test
    void badJsonIsBadResponse() {
        fake.setPlaying(USER, "{\"is_playing\": tru");
        SpotifyException e = assertReason(Reason.BAD_RESPONSE, () -> client.currentlyPlaying(token));
        SpotifyAccountsClientTest.assertNoSecrets(e, token);
        fake.failNext("/v1/me", 200, Map.of(), "[1,2,3]");
        assertReason(Reason.BAD_RESPONSE, () -> client.me(token));
    }

    @Test
    void messagesNeverContainTheToken() {
        fake.failNext("/v1/me", 401, Map.of(), "{\"error\":{\"status\":401,\"message\":\"bad\"}}");
        SpotifyException e = assertReason(Reason.UNAUTHORIZED, () -> client.me(token));
        SpotifyAccountsClientTest.assertNoSecrets(e, token);
    }

    @Test
    void entitiesOfEveryType() throws Exception {
        SpotifyEntity track = client.entity(token, new SpotifyUri(Type.TRACK, TRACK));
        assertEquals("Track 4cOdK2", track.title());
        assertEquals("Artist 4cOdK2", track.subtitle());
        assertTrue(track.imageUrl().endsWith("-640.jpg"));

        SpotifyEntity album = client.entity(token, new SpotifyUri(Type.ALBUM, TRACK));
        assertEquals("Album 4cOdK2", album.title());
        assertEquals("Artist 4cOdK2", album.subtitle());

        SpotifyEntity playlist = client.entity(token, new SpotifyUri(Type.PLAYLIST, TRACK));
        assertEquals("Playlist 4cOdK2", playlist.title());
        assertEquals("Owner 4cOdK2", playlist.subtitle());
        assertTrue(playlist.imageUrl().contains("/images/playlist-"), "sizeless image still used");
        assertEquals(SpotifyApiClient.PLAYLIST_FIELDS, last().query().get("fields"));

        SpotifyEntity artist = client.entity(token, new SpotifyUri(Type.ARTIST, TRACK));
        assertEquals("Artist 4cOdK2", artist.title());
        assertNull(artist.subtitle());

        SpotifyEntity show = client.entity(token, new SpotifyUri(Type.SHOW, TRACK));
        assertEquals("Show 4cOdK2", show.title());
        assertEquals("Publisher 4cOdK2", show.subtitle());

        SpotifyEntity episode = client.entity(token, new SpotifyUri(Type.EPISODE, EPISODE));
        assertEquals("Episode 512ojh", episode.title());
        assertEquals("Show 512ojh", episode.subtitle());
        assertEquals(new SpotifyUri(Type.EPISODE, EPISODE), episode.uri());

        List<String> paths = fake.requests().stream().map(FakeSpotify.RecordedRequest::path).toList();
        assertEquals(List.of("/v1/tracks/" + TRACK, "/v1/albums/" + TRACK, "/v1/playlists/" + TRACK,
                "/v1/artists/" + TRACK, "/v1/shows/" + TRACK, "/v1/episodes/" + EPISODE), paths);
    }

    @Test
    void userEntityNeedsNoRequest() throws Exception {
        SpotifyUri user = new SpotifyUri(Type.USER, "wizzler");
        assertEquals(new SpotifyEntity(user, "wizzler", null, null), client.entity(token, user));
        assertTrue(fake.requests().isEmpty());
    }

    @Test
    void entitySetByTestIsUsed() throws Exception {
        fake.setEntity("track", TRACK, fake.trackObjectJson(TRACK, "Custom", List.of("C1", "C2"), "Alb", 1));
        assertEquals("C1, C2", client.entity(token, new SpotifyUri(Type.TRACK, TRACK)).subtitle());
    }

    private FakeSpotify.RecordedRequest last() {
        return fake.requests().get(fake.requests().size() - 1);
    }

    @FunctionalInterface
    interface Call {
        Object run() throws SpotifyException;
    }

    static SpotifyException assertReason(Reason reason, Call call) {
        SpotifyException e = assertThrows(SpotifyException.class, call::run);
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }
}
