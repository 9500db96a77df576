package dev.spotlink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Web API half of {@link FakeSpotify} ({@code /v1/...}). Catalogue entities are generated from their id
 * unless set with {@link FakeSpotify#setEntity}; ids starting with {@code missing} are 404.
 */
final class FakeSpotifyApi {

    private static final Pattern ENTITY = Pattern.compile("/v1/(tracks|albums|playlists|artists|shows|episodes)/([^/]+)");
    private static final Pattern BASE62_ID = Pattern.compile("[0-9A-Za-z]{22}");

    /** What one fake user has: profile, allow-list state, playback. */
    static final class User {
        final String accountId;
        final String displayName;
        volatile boolean notAllowlisted;
        /** Apps (client ids) whose allow-list lacks this user; {@link #notAllowlisted} means every app. */
        final Set<String> notAllowlistedBy = ConcurrentHashMap.newKeySet();
        volatile String playing;
        volatile List<JsonNode> history = List.of();
        volatile List<JsonNode> topTracks = List.of();
        volatile List<JsonNode> topArtists = List.of();

        User(String accountId, String displayName) {
            this.accountId = accountId;
            this.displayName = displayName;
        }

        /** The Spotify user id; deliberately not the account id, so clients that link by {@code id} show up. */
        String userId() {
            return "uid-" + accountId.toLowerCase(Locale.ROOT);
        }
    }

    private final FakeSpotifyJson json;
    private final FakeSpotifyAccounts accounts;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, String> entities = new ConcurrentHashMap<>();
    private volatile boolean enforceScopes = true;
    /** 0, or the status every {@code /me/top/...} answers (an app Spotify refuses the endpoint to). */
    volatile int topRefusal;

    FakeSpotifyApi(FakeSpotifyJson json, FakeSpotifyAccounts accounts) {
        this.json = json;
        this.accounts = accounts;
    }

    void addUser(String accountId, String displayName) {
        users.put(accountId, new User(accountId, displayName));
    }

    User user(String accountId) {
        User user = users.get(accountId);
        if (user == null) {
            throw new IllegalArgumentException("unknown user " + accountId + " (call addUser first)");
        }
        return user;
    }

    boolean hasUser(String accountId) {
        return users.containsKey(accountId);
    }

    void setEntity(String type, String id, String entityJson) {
        entities.put(type + "/" + id, entityJson);
    }

    void setEnforceScopes(boolean enforce) {
        enforceScopes = enforce;
    }

    FakeSpotifyResponse handle(FakeSpotify.RecordedRequest request) {
        if (!request.method().equals("GET")) {
            return FakeSpotifyResponse.apiError(405, "Method not allowed");
        }
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return FakeSpotifyResponse.apiError(401, "No token provided");
        }
        FakeSpotifyAccounts.AccessToken token = accounts.accessToken(auth.substring(7).strip());
        if (token == null) {
            return FakeSpotifyResponse.apiError(401, "Invalid access token");
        }
        if (!token.expiresAt().isAfter(Instant.now())) {
            return FakeSpotifyResponse.apiError(401, "The access token expired");
        }
        User user = user(token.accountId());
        if (user.notAllowlisted || user.notAllowlistedBy.contains(token.clientId())) {
            return FakeSpotifyResponse.apiError(403, "User not registered in the Developer Dashboard");
        }
        String path = request.path();
        Set<String> scopes = Set.of(token.scope() == null ? new String[0] : token.scope().split(" "));
        switch (path) {
            case "/v1/me" -> {
                return ok(json.privateUser(user.accountId, user.userId(), user.displayName));
            }
            case "/v1/me/player/currently-playing" -> {
                if (enforceScopes && !scopes.contains("user-read-currently-playing")
                        && !scopes.contains("user-read-playback-state")) {
                    return FakeSpotifyResponse.apiError(403, "Insufficient client scope");
                }
                return currentlyPlaying(user, request.query().getOrDefault("additional_types", ""));
            }
            case "/v1/me/player/recently-played" -> {
                if (enforceScopes && !scopes.contains("user-read-recently-played")) {
                    return FakeSpotifyResponse.apiError(403, "Insufficient client scope");
                }
                return recentlyPlayed(user, request.query().get("limit"));
            }
            case "/v1/me/top/tracks", "/v1/me/top/artists" -> {
                if (enforceScopes && !scopes.contains("user-top-read")) {
                    return FakeSpotifyResponse.apiError(403, "Insufficient client scope");
                }
                return topItems(user, path.endsWith("tracks"), request.query());
            }
            default -> {
                Matcher m = ENTITY.matcher(path);
                return m.matches() ? entity(m.group(1), m.group(2))
                        : FakeSpotifyResponse.apiError(404, "Service not found");
            }
        }
    }

    private FakeSpotifyResponse currentlyPlaying(User user, String additionalTypes) {
        String playing = user.playing;
        if (playing == null) {
            return FakeSpotifyResponse.noContent();
        }
        JsonNode parsed = tryParse(playing);
        if (!(parsed instanceof ObjectNode context)) {
            // Whatever the test set is sent as is (lets a test feed malformed JSON).
            return FakeSpotifyResponse.json(200, playing);
        }
        // Without additional_types=episode Spotify hides the episode itself and sends item null.
        if ("episode".equals(context.path("currently_playing_type").asText())
                && !List.of(additionalTypes.split(",")).contains("episode")) {
            context.putNull("item");
        }
        return ok(context);
    }

    private FakeSpotifyResponse recentlyPlayed(User user, String limitParam) {
        int limit = 20;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                return FakeSpotifyResponse.apiError(400, "Invalid limit");
            }
            if (limit < 1 || limit > 50) {
                return FakeSpotifyResponse.apiError(400, "Invalid limit");
            }
        }
        return ok(json.recentlyPlayed(user.history, limit));
    }

    /** PagingTrackObject or PagingArtistObject; {@code time_range} and {@code limit} checked as Spotify does. */
    private FakeSpotifyResponse topItems(User user, boolean tracks, Map<String, String> query) {
        if (topRefusal != 0) {
            return FakeSpotifyResponse.apiError(topRefusal, topRefusal == 404 ? "Service not found" : "Forbidden");
        }
        String range = query.getOrDefault("time_range", "medium_term");
        if (!List.of("short_term", "medium_term", "long_term").contains(range)) {
            return FakeSpotifyResponse.apiError(400, "Invalid time range");
        }
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        } catch (NumberFormatException e) {
            return FakeSpotifyResponse.apiError(400, "Invalid limit");
        }
        if (limit < 1 || limit > 50) {
            return FakeSpotifyResponse.apiError(400, "Invalid limit");
        }
        List<JsonNode> items = tracks ? user.topTracks : user.topArtists;
        return ok(json.page("me/top/" + (tracks ? "tracks" : "artists"), items, limit));
    }

    private FakeSpotifyResponse entity(String collection, String id) {
        if (!BASE62_ID.matcher(id).matches()) {
            return FakeSpotifyResponse.apiError(400, "Invalid base62 id");
        }
        String type = collection.substring(0, collection.length() - 1);
        String set = entities.get(type + "/" + id);
        if (set != null) {
            return FakeSpotifyResponse.json(200, set);
        }
        if (id.startsWith("missing")) {
            return FakeSpotifyResponse.apiError(404, "Resource not found");
        }
        String tag = id.substring(0, 6);
        JsonNode node = switch (type) {
            case "track" -> json.track(id, "Track " + tag, List.of("Artist " + tag), "Album " + tag, 215_000);
            case "album" -> json.album(id, "Album " + tag, List.of("Artist " + tag));
            case "playlist" -> json.playlist(id, "Playlist " + tag, "owner-" + tag.toLowerCase(Locale.ROOT), "Owner " + tag);
            case "artist" -> json.artist(id, "Artist " + tag);
            case "show" -> json.show(id, "Show " + tag, "Publisher " + tag, true);
            default -> json.episode(id, "Episode " + tag, "Show " + tag, "Publisher " + tag, 1_800_000);
        };
        return ok(node);
    }

    private FakeSpotifyResponse ok(JsonNode node) {
        try {
            return FakeSpotifyResponse.json(200, json.mapper().writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tryParse(String text) {
        try {
            return json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
