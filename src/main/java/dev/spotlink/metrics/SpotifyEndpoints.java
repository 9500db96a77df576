package dev.spotlink.metrics;

import dev.spotlink.config.SpotifyConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Names the upstream and endpoint of an outgoing request for metric tags: templated paths with every id replaced
 * by {@code {id}}, so the number of series stays bounded and no user or catalogue id ever reaches the metrics.
 */
final class SpotifyEndpoints {

    /** One request's tags: {@code upstream} is api, accounts, codes or images. */
    record Endpoint(String upstream, String path) {
    }

    /** Web API collections whose next segment is an id. */
    private static final Set<String> COLLECTIONS = Set.of("tracks", "albums", "artists", "playlists", "shows",
            "episodes", "users", "audiobooks", "chapters", "categories");
    /** Fixed path words (lower-case letters, '-' and '_'); anything else is an id. */
    private static final Pattern WORD = Pattern.compile("[a-z][a-z_-]{0,39}");
    private static final int MAX_SEGMENTS = 5;

    private final String apiPrefix;
    private final String accountsPrefix;
    private final String codesPrefix;

    SpotifyEndpoints(SpotifyConfig spotify) {
        this.apiPrefix = prefix(spotify.apiUrl());
        this.accountsPrefix = prefix(spotify.accountsUrl());
        this.codesPrefix = prefix(spotify.codesUrl());
    }

    Endpoint classify(HttpUrl url) {
        String full = url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
        // The API first: in tests (and behind some proxies) all three share one host, the API under /v1.
        if (full.startsWith(apiPrefix + "/")) {
            return new Endpoint("api", template(full.substring(apiPrefix.length())));
        }
        if (full.startsWith(accountsPrefix + "/api/token")) {
            return new Endpoint("accounts", "/api/token");
        }
        if (full.startsWith(codesPrefix + "/uri/")) {
            return new Endpoint("codes", "/uri/{style}/{uri}");
        }
        return new Endpoint("images", "{cover}");
    }

    /** {@code /tracks/4uLU6hMCjMI75M1A2tKUQC} → {@code /tracks/{id}}; {@code /me/player/currently-playing} kept. */
    static String template(String path) {
        List<String> out = new ArrayList<>();
        String previous = "";
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (out.size() == MAX_SEGMENTS) {
                out.add("...");
                break;
            }
            boolean id = COLLECTIONS.contains(previous) || !WORD.matcher(segment).matches();
            out.add(id ? "{id}" : segment);
            previous = id ? "" : segment;
        }
        return "/" + String.join("/", out);
    }

    /** {@code scheme://host:port/path} without a trailing slash, as {@link #classify} compares. */
    private static String prefix(String baseUrl) {
        HttpUrl url = HttpUrl.parse(baseUrl);
        if (url == null) {
            return baseUrl;
        }
        String path = url.encodedPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return url.scheme() + "://" + url.host() + ":" + url.port() + path;
    }
}
