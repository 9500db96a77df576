package dev.spotlink.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.spotify.SpotifyException.Reason;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The Spotify Web API calls Spotlink makes, with a given access token. Every call is a GET: retried after a 5xx
 * or an I/O error (bounded, see {@link Backoff}), and held back while the app's {@link RateLimitGate} is closed.
 * Calls for an account linked through a member's own app go through {@link #forApp(String)}, so that app's 429s
 * pause only that app.
 */
public final class SpotifyApiClient {

    // Only what /share shows: keeps a large playlist's answer small.
    static final String PLAYLIST_FIELDS = "id,name,uri,owner(id,display_name),images";

    private final Upstream upstream;
    private final RateLimitGates gates;
    private final ObjectMapper json;
    private final HttpUrl apiUrl;

    /** With a gate of its own and {@link Backoff#standard()}; wire a shared gate with the other constructor. */
    public SpotifyApiClient(OkHttpClient http, ObjectMapper json, String apiUrl) {
        this(http, json, apiUrl, new RateLimitGate("Spotify Web API"), Backoff.standard());
    }

    /**
     * @param gate    the pause shared by every client of the same Spotify app (the accounts client's too)
     * @param backoff retries of failed GETs
     */
    public SpotifyApiClient(OkHttpClient http, ObjectMapper json, String apiUrl, RateLimitGate gate,
                            Backoff backoff) {
        this(new Upstream(http, gate, backoff), null, json, base(apiUrl));
    }

    /**
     * @param gates   one pause per app, shared with the accounts client; this instance uses the admin's
     * @param backoff retries of failed GETs
     */
    public SpotifyApiClient(OkHttpClient http, ObjectMapper json, String apiUrl, RateLimitGates gates,
                            Backoff backoff) {
        this(new Upstream(http, gates.admin(), backoff), gates, json, base(apiUrl));
    }

    private static HttpUrl base(String apiUrl) {
        return HttpUrl.get(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
    }

    private SpotifyApiClient(Upstream upstream, RateLimitGates gates, ObjectMapper json, HttpUrl apiUrl) {
        this.upstream = upstream;
        this.gates = gates;
        this.json = Objects.requireNonNull(json, "json");
        this.apiUrl = apiUrl;
    }

    /**
     * This client for the tokens of the app {@code clientId}: the same connections, behind that app's gate.
     * Without per-app gates (the single-gate constructor) it is this client.
     */
    public SpotifyApiClient forApp(String clientId) {
        if (gates == null) {
            return this;
        }
        Upstream app = upstream.withGate(gates.forClient(clientId));
        return app == upstream ? this : new SpotifyApiClient(app, gates, json, apiUrl);
    }

    /** {@code GET /me}; the account id is {@code account_id} (immutable), or {@code id} when Spotify sends none. */
    public SpotifyProfile me(String accessToken) throws SpotifyException {
        ApiDtos.PrivateUser user = get(accessToken, url("me"), "/me", true, ApiDtos.PrivateUser.class);
        if (user == null) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify GET /me answered no content");
        }
        String accountId = user.accountId() != null && !user.accountId().isBlank() ? user.accountId() : user.id();
        if (accountId == null || accountId.isBlank()) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify GET /me sent no account_id or id");
        }
        return new SpotifyProfile(accountId, user.displayName());
    }

    /** Empty on 204 (nothing playing, or a private session). */
    public Optional<NowPlaying> currentlyPlaying(String accessToken) throws SpotifyException {
        HttpUrl url = url("me", "player", "currently-playing").newBuilder()
                .addQueryParameter("additional_types", "episode").build();
        ApiDtos.CurrentlyPlaying playing = get(accessToken, url, "/me/player/currently-playing", false,
                ApiDtos.CurrentlyPlaying.class);
        return Optional.ofNullable(playing).map(ApiDtos.CurrentlyPlaying::toNowPlaying);
    }

    /** The latest entry of the listening history; empty when there is none. */
    public Optional<RecentlyPlayed> lastPlayed(String accessToken) throws SpotifyException {
        return recentlyPlayed(accessToken, 1).stream().findFirst();
    }

    /** The latest {@code limit} (1–50) entries of the listening history, newest first; unreadable entries skipped. */
    public List<RecentlyPlayed> recentlyPlayed(String accessToken, int limit) throws SpotifyException {
        HttpUrl url = url("me", "player", "recently-played").newBuilder()
                .addQueryParameter("limit", String.valueOf(limit)).build();
        ApiDtos.RecentlyPlayedPage page = get(accessToken, url, "/me/player/recently-played", false,
                ApiDtos.RecentlyPlayedPage.class);
        List<RecentlyPlayed> played = new ArrayList<>();
        if (page != null && page.items() != null) {
            for (ApiDtos.PlayHistory entry : page.items()) {
                if (entry != null && entry.track() != null) {
                    played.add(new RecentlyPlayed(entry.track().toPlayable(), playedAt(entry.playedAt())));
                }
            }
        }
        return played;
    }

    /** {@code GET /me/top/tracks} (scope {@code user-top-read}): the member's most played tracks in {@code range}. */
    public List<PlayableItem> topTracks(String accessToken, TopRange range, int limit) throws SpotifyException {
        ApiDtos.TopTracksPage page = get(accessToken, topUrl("tracks", range, limit), "/me/top/tracks", false,
                ApiDtos.TopTracksPage.class);
        if (page == null || page.items() == null) {
            return List.of();
        }
        return page.items().stream().filter(Objects::nonNull).map(ApiDtos.Item::toPlayable).toList();
    }

    /** {@code GET /me/top/artists} (scope {@code user-top-read}): the member's most played artists in {@code range}. */
    public List<TopArtist> topArtists(String accessToken, TopRange range, int limit) throws SpotifyException {
        ApiDtos.TopArtistsPage page = get(accessToken, topUrl("artists", range, limit), "/me/top/artists", false,
                ApiDtos.TopArtistsPage.class);
        if (page == null || page.items() == null) {
            return List.of();
        }
        return page.items().stream().filter(a -> a != null && a.name() != null)
                .map(a -> new TopArtist(a.name(), ApiDtos.largest(a.images()),
                        a.externalUrls() != null && a.externalUrls().spotify() != null ? a.externalUrls().spotify()
                                : a.id() != null ? "https://open.spotify.com/artist/" + a.id() : null))
                .toList();
    }

    private HttpUrl topUrl(String type, TopRange range, int limit) {
        return url("me", "top", type).newBuilder()
                .addQueryParameter("time_range", range.apiValue())
                .addQueryParameter("limit", String.valueOf(limit)).build();
    }

    /** Title/subtitle/image of a track, album, playlist, artist, show or episode; a user gets its id as title. */
    public SpotifyEntity entity(String accessToken, SpotifyUri uri) throws SpotifyException {
        String path = "/" + uri.type().path() + "s/" + uri.id();
        return switch (uri.type()) {
            // Development-mode apps lost GET /users/{id} in 2026: nothing to ask.
            case USER -> new SpotifyEntity(uri, uri.id(), null, null);
            case TRACK -> {
                ApiDtos.Item track = required(getEntity(accessToken, uri, ApiDtos.Item.class), path);
                yield new SpotifyEntity(uri, track.name(), joined(ApiDtos.artistNames(track.artists())),
                        track.album() == null ? null : ApiDtos.largest(track.album().images()));
            }
            case EPISODE -> {
                ApiDtos.Item episode = required(getEntity(accessToken, uri, ApiDtos.Item.class), path);
                String image = ApiDtos.largest(episode.images());
                if (image == null && episode.show() != null) {
                    image = ApiDtos.largest(episode.show().images());
                }
                yield new SpotifyEntity(uri, episode.name(), episode.show() == null ? null : episode.show().name(),
                        image);
            }
            case ALBUM -> {
                ApiDtos.Album album = required(getEntity(accessToken, uri, ApiDtos.Album.class), path);
                yield new SpotifyEntity(uri, album.name(), joined(ApiDtos.artistNames(album.artists())),
                        ApiDtos.largest(album.images()));
            }
            case PLAYLIST -> {
                ApiDtos.Playlist playlist = required(getEntity(accessToken, uri, ApiDtos.Playlist.class), path);
                ApiDtos.Owner owner = playlist.owner();
                String ownerName = owner == null ? null
                        : owner.displayName() != null && !owner.displayName().isBlank() ? owner.displayName()
                        : owner.id();
                yield new SpotifyEntity(uri, playlist.name(), ownerName, ApiDtos.largest(playlist.images()));
            }
            case ARTIST -> {
                ApiDtos.Artist artist = required(getEntity(accessToken, uri, ApiDtos.Artist.class), path);
                yield new SpotifyEntity(uri, artist.name(), null, ApiDtos.largest(artist.images()));
            }
            case SHOW -> {
                ApiDtos.Show show = required(getEntity(accessToken, uri, ApiDtos.Show.class), path);
                yield new SpotifyEntity(uri, show.name(), show.publisher(), ApiDtos.largest(show.images()));
            }
        };
    }

    private <T> T getEntity(String accessToken, SpotifyUri uri, Class<T> type) throws SpotifyException {
        HttpUrl url = url(uri.type().path() + "s", uri.id());
        if (uri.type() == SpotifyUri.Type.PLAYLIST) {
            url = url.newBuilder().addQueryParameter("fields", PLAYLIST_FIELDS).build();
        }
        return get(accessToken, url, "/" + uri.type().path() + "s/{id}", false, type);
    }

    private static <T> T required(T value, String path) throws SpotifyException {
        if (value == null) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify GET " + path + " answered no content");
        }
        return value;
    }

    /**
     * GET and parse; null for 204 or an empty body.
     *
     * @param label                 the path for messages, without ids of the user's content
     * @param forbiddenIsAllowList  a 403 here can only mean the user is not on the app's allow-list
     */
    private <T> T get(String accessToken, HttpUrl url, String label, boolean forbiddenIsAllowList, Class<T> type)
            throws SpotifyException {
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .get()
                .build();
        try {
            return upstream.idempotent(request, "Spotify GET " + label, response -> {
                byte[] body = HttpSupport.readBody(response, HttpSupport.MAX_JSON_BYTES);
                if (!response.isSuccessful()) {
                    throw failure(response, body, label, forbiddenIsAllowList);
                }
                if (response.code() == 204 || isBlank(body)) {
                    return null;
                }
                try {
                    return json.readValue(body, type);
                } catch (IOException | RuntimeException e) {
                    throw new SpotifyException(Reason.BAD_RESPONSE,
                            "Spotify GET " + label + " sent unreadable JSON", null, e);
                }
            });
        } catch (HttpSupport.TooLargeException e) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify GET " + label + " sent an oversized answer",
                    null, e);
        } catch (IOException e) {
            throw new SpotifyException(Reason.UNAVAILABLE,
                    "Spotify GET " + label + " failed: " + e.getClass().getSimpleName(), null, e);
        }
    }

    private SpotifyException failure(Response response, byte[] body, String label, boolean forbiddenIsAllowList) {
        int status = response.code();
        JsonNode tree = HttpSupport.errorTree(json, body);
        JsonNode error = tree == null ? null : tree.get("error");
        String message = error != null && error.isObject() ? HttpSupport.text(error, "message")
                : HttpSupport.text(tree, "error_description");
        String reason = error != null && error.isObject() ? HttpSupport.text(error, "reason") : null;
        if (reason == null) {
            reason = HttpSupport.text(tree, "reason");
        }
        String text = "Spotify GET " + label + " answered " + status
                + (message == null ? "" : ": " + HttpSupport.clip(message))
                + (reason == null ? "" : " (" + HttpSupport.clip(reason) + ")");
        if (status == 401) {
            return new SpotifyException(Reason.UNAUTHORIZED, text);
        }
        if (status == 403) {
            return new SpotifyException(forbiddenIsAllowList || notRegistered(message)
                    ? Reason.NOT_ALLOWLISTED : Reason.FORBIDDEN, text);
        }
        if (status == 404) {
            return new SpotifyException(Reason.NOT_FOUND, text);
        }
        if (status == 429) {
            return new SpotifyException(Reason.RATE_LIMITED, text, HttpSupport.pauseOf(response), null);
        }
        if (status >= 500) {
            return new SpotifyException(Reason.UNAVAILABLE, text);
        }
        return new SpotifyException(Reason.BAD_RESPONSE, text);
    }

    /** Spotify's wording for a user missing from a development-mode app's allow-list. */
    static boolean notRegistered(String message) {
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("not registered") || lower.contains("developer dashboard");
    }

    private static Instant playedAt(String value) throws SpotifyException {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new SpotifyException(Reason.BAD_RESPONSE, "Spotify sent an unreadable played_at", null, e);
        }
    }

    private HttpUrl url(String... segments) {
        HttpUrl.Builder builder = apiUrl.newBuilder();
        for (String segment : segments) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String joined(List<String> names) {
        return names.isEmpty() ? null : String.join(", ", names);
    }
}
