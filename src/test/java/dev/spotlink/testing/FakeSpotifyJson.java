package dev.spotlink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Spec-shaped JSON (spotify-openapi.yml schemas) for the fake's answers. Deprecated fields are left out unless
 * the schema marks them required. Image URLs point at the fake's own {@code /images/...}.
 */
final class FakeSpotifyJson {

    private static final String API = "https://api.spotify.com/v1/";
    private static final String OPEN = "https://open.spotify.com/";

    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;

    FakeSpotifyJson(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** PrivateUserObject. */
    ObjectNode privateUser(String accountId, String userId, String displayName) {
        ObjectNode user = base("user", userId);
        user.put("account_id", accountId);
        user.put("display_name", displayName);
        user.set("images", mapper.createArrayNode());
        return user;
    }

    /** TrackObject. */
    ObjectNode track(String id, String name, List<String> artists, String albumName, long durationMs) {
        ObjectNode track = base("track", id);
        track.set("album", simplifiedAlbum(derivedId("al", id), albumName, artists));
        track.set("artists", artists(artists, id));
        track.put("disc_number", 1);
        track.put("duration_ms", durationMs);
        track.put("explicit", false);
        track.set("external_ids", mapper.createObjectNode().put("isrc", "QZFAK" + Math.abs(id.hashCode() % 10_000_000)));
        track.put("is_playable", true);
        track.put("name", name);
        track.put("track_number", 1);
        track.put("is_local", false);
        return track;
    }

    /** A local file as Spotify reports it: {@code is_local}, null ids and hrefs, a {@code spotify:local:} URI. */
    ObjectNode localTrack(String name, String artist, String album, long durationMs) {
        ObjectNode track = mapper.createObjectNode();
        ObjectNode localAlbum = mapper.createObjectNode();
        localAlbum.putNull("album_type");
        localAlbum.set("artists", mapper.createArrayNode());
        localAlbum.set("available_markets", mapper.createArrayNode());
        localAlbum.set("external_urls", mapper.createObjectNode());
        localAlbum.putNull("href");
        localAlbum.putNull("id");
        localAlbum.set("images", mapper.createArrayNode());
        localAlbum.put("name", album);
        localAlbum.putNull("release_date");
        localAlbum.putNull("release_date_precision");
        localAlbum.put("type", "album");
        localAlbum.putNull("uri");
        track.set("album", localAlbum);
        ObjectNode localArtist = mapper.createObjectNode();
        localArtist.set("external_urls", mapper.createObjectNode());
        localArtist.putNull("href");
        localArtist.putNull("id");
        localArtist.put("name", artist);
        localArtist.put("type", "artist");
        localArtist.putNull("uri");
        track.set("artists", mapper.createArrayNode().add(localArtist));
        track.put("disc_number", 0);
        track.put("duration_ms", durationMs);
        track.put("explicit", false);
        track.set("external_ids", mapper.createObjectNode());
        track.set("external_urls", mapper.createObjectNode());
        track.putNull("href");
        track.putNull("id");
        track.put("is_local", true);
        track.put("name", name);
        track.put("track_number", 0);
        track.put("type", "track");
        track.put("uri", "spotify:local:" + plus(artist) + ":" + plus(album) + ":" + plus(name) + ":"
                + durationMs / 1000);
        return track;
    }

    /** EpisodeObject (with its SimplifiedShowObject). */
    ObjectNode episode(String id, String name, String showName, String publisher, long durationMs) {
        ObjectNode episode = base("episode", id);
        episode.putNull("audio_preview_url");
        episode.put("description", "About " + name);
        episode.put("html_description", "<p>About " + name + "</p>");
        episode.put("duration_ms", durationMs);
        episode.put("explicit", false);
        episode.set("images", images("episode", id));
        episode.put("is_externally_hosted", false);
        episode.put("is_playable", true);
        episode.set("languages", mapper.createArrayNode().add("en"));
        episode.put("name", name);
        episode.put("release_date", "2025-06-01");
        episode.put("release_date_precision", "day");
        episode.set("show", show(derivedId("sh", id), showName, publisher, false));
        return episode;
    }

    /** ShowObject ({@code full} adds the episodes page) or SimplifiedShowObject. */
    ObjectNode show(String id, String name, String publisher, boolean full) {
        ObjectNode show = base("show", id);
        show.set("available_markets", mapper.createArrayNode());
        show.set("copyrights", mapper.createArrayNode());
        show.put("description", "The " + name + " podcast");
        show.put("html_description", "<p>The " + name + " podcast</p>");
        show.put("explicit", false);
        show.set("images", images("show", id));
        show.put("is_externally_hosted", false);
        show.set("languages", mapper.createArrayNode().add("en"));
        show.put("media_type", "audio");
        show.put("name", name);
        show.put("publisher", publisher);
        show.put("total_episodes", 0);
        if (full) {
            show.set("episodes", emptyPage("shows/" + id + "/episodes"));
        }
        return show;
    }

    /** AlbumObject. */
    ObjectNode album(String id, String name, List<String> artists) {
        ObjectNode album = simplifiedAlbum(id, name, artists);
        album.set("tracks", emptyPage("albums/" + id + "/tracks"));
        album.set("copyrights", mapper.createArrayNode());
        album.set("external_ids", mapper.createObjectNode().put("upc", "000000000000"));
        album.set("genres", mapper.createArrayNode());
        album.put("label", "Fake Records");
        album.put("popularity", 50);
        return album;
    }

    /** ArtistObject. */
    ObjectNode artist(String id, String name) {
        ObjectNode artist = base("artist", id);
        artist.set("images", images("artist", id));
        artist.put("name", name);
        return artist;
    }

    /** PlaylistObject; its single image has no size, as Spotify's mosaic covers do. */
    ObjectNode playlist(String id, String name, String ownerId, String ownerName) {
        ObjectNode playlist = base("playlist", id);
        playlist.put("collaborative", false);
        playlist.put("description", "");
        ObjectNode image = mapper.createObjectNode().put("url", baseUrl + "/images/playlist-" + id + ".jpg");
        image.putNull("width");
        image.putNull("height");
        playlist.set("images", mapper.createArrayNode().add(image));
        playlist.put("name", name);
        ObjectNode owner = base("user", ownerId);
        owner.put("display_name", ownerName);
        playlist.set("owner", owner);
        playlist.put("public", true);
        playlist.put("snapshot_id", "MSxmYWtl");
        playlist.set("items", emptyPage("playlists/" + id + "/tracks"));
        return playlist;
    }

    /** CurrentlyPlayingContextObject as {@code /me/player/currently-playing} sends it (no device). */
    ObjectNode currentlyPlaying(String type, JsonNode item, long progressMs, boolean playing) {
        ObjectNode context = mapper.createObjectNode();
        context.put("timestamp", System.currentTimeMillis());
        context.putNull("context");
        context.put("progress_ms", progressMs);
        context.set("item", item);
        context.put("currently_playing_type", type);
        context.set("actions", mapper.createObjectNode().set("disallows",
                mapper.createObjectNode().put("resuming", playing)));
        context.put("is_playing", playing);
        return context;
    }

    /** CursorPagingPlayHistoryObject. */
    ObjectNode recentlyPlayed(List<JsonNode> history, int limit) {
        ObjectNode page = mapper.createObjectNode();
        page.put("href", API + "me/player/recently-played?limit=" + limit);
        page.put("limit", limit);
        page.putNull("next");
        ArrayNode items = mapper.createArrayNode();
        history.stream().limit(limit).forEach(items::add);
        ObjectNode cursors = mapper.createObjectNode();
        if (items.isEmpty()) {
            cursors.putNull("after");
            cursors.putNull("before");
        } else {
            cursors.put("after", "1700000000000");
            cursors.put("before", "1600000000000");
        }
        page.set("cursors", cursors);
        page.put("total", history.size());
        page.set("items", items);
        return page;
    }

    /** PlayHistoryObject. */
    ObjectNode playHistory(JsonNode track, String playedAt) {
        ObjectNode entry = mapper.createObjectNode();
        entry.set("track", track);
        entry.put("played_at", playedAt);
        entry.putNull("context");
        return entry;
    }

    private ObjectNode simplifiedAlbum(String id, String name, List<String> artists) {
        ObjectNode album = base("album", id);
        album.put("album_type", "album");
        album.put("total_tracks", 10);
        album.set("images", images("album", id));
        album.put("name", name);
        album.put("release_date", "2024-01-19");
        album.put("release_date_precision", "day");
        album.set("artists", artists(artists, id));
        return album;
    }

    private ArrayNode artists(List<String> names, String seed) {
        ArrayNode array = mapper.createArrayNode();
        for (int i = 0; i < names.size(); i++) {
            ObjectNode artist = base("artist", derivedId("ar" + i, seed));
            artist.put("name", names.get(i));
            array.add(artist);
        }
        return array;
    }

    /** Widest first, as Spotify lists them. */
    private ArrayNode images(String kind, String id) {
        ArrayNode array = mapper.createArrayNode();
        for (int size : new int[] {640, 300, 64}) {
            array.add(mapper.createObjectNode().put("url", baseUrl + "/images/" + kind + "-" + id + "-" + size + ".jpg")
                    .put("width", size).put("height", size));
        }
        return array;
    }

    /** A paging object of {@code items} (the first {@code limit}). */
    ObjectNode page(String path, List<JsonNode> items, int limit) {
        ObjectNode page = emptyPage(path);
        page.put("href", API + path + "?offset=0&limit=" + limit);
        page.put("limit", limit);
        page.put("total", items.size());
        ArrayNode array = mapper.createArrayNode();
        items.stream().limit(limit).forEach(array::add);
        page.set("items", array);
        return page;
    }

    private ObjectNode emptyPage(String path) {
        ObjectNode page = mapper.createObjectNode();
        page.put("href", API + path + "?offset=0&limit=20");
        page.put("limit", 20);
        page.putNull("next");
        page.put("offset", 0);
        page.putNull("previous");
        page.put("total", 0);
        page.set("items", mapper.createArrayNode());
        return page;
    }

    /** external_urls, href, id, type, uri: common to every entity. */
    private ObjectNode base(String type, String id) {
        ObjectNode node = mapper.createObjectNode();
        node.set("external_urls", mapper.createObjectNode().put("spotify", OPEN + type + "/" + id));
        node.put("href", API + type + "s/" + id);
        node.put("id", id);
        node.put("type", type);
        node.put("uri", "spotify:" + type + ":" + id);
        return node;
    }

    /** A stable 22-char base62 id for a related entity (the album of a track, ...). */
    static String derivedId(String prefix, String seed) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder id = new StringBuilder(prefix.replaceAll("[^0-9A-Za-z]", ""));
        long h = (prefix + ":" + seed).hashCode() & 0xffffffffL;
        while (id.length() < 22) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            id.append(alphabet.charAt((int) ((h >>> 33) % 62)));
        }
        return id.substring(0, 22);
    }

    private static String plus(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
