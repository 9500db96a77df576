package dev.spotlink.spotify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Raw shapes of the Spotify Web API objects Spotlink reads (spotify-openapi.yml schemas, only the fields used),
 * and their mapping to the public domain records. Every field may be missing or null.
 */
final class ApiDtos {

    private ApiDtos() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Image(String url, Integer width, Integer height) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ExternalUrls(String spotify) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Artist(String id, String name, String uri, List<Image> images,
                  @JsonProperty("external_urls") ExternalUrls externalUrls) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Album(String id, String name, String uri, List<Artist> artists, List<Image> images) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Show(String id, String name, String uri, String publisher, List<Image> images) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Owner(String id, @JsonProperty("display_name") String displayName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Playlist(String id, String name, String uri, Owner owner, List<Image> images) {
    }

    /** A TrackObject or an EpisodeObject ({@code type} tells which); the union of the fields used. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Item(
            String type,
            String id,
            String uri,
            String name,
            @JsonProperty("duration_ms") Long durationMs,
            @JsonProperty("is_local") Boolean isLocal,
            @JsonProperty("external_urls") ExternalUrls externalUrls,
            List<Artist> artists,
            Album album,
            Show show,
            List<Image> images) {

        boolean episode() {
            return "episode".equals(type) || (type == null && show != null && album == null);
        }

        boolean local() {
            return Boolean.TRUE.equals(isLocal) || (uri != null && uri.startsWith("spotify:local:"));
        }

        PlayableItem toPlayable() {
            boolean local = local();
            String itemType = episode() ? "episode" : "track";
            String webUrl = null;
            if (!local) {
                webUrl = externalUrls != null && externalUrls.spotify() != null ? externalUrls.spotify()
                        : id != null ? "https://open.spotify.com/" + itemType + "/" + id : null;
            }
            long duration = durationMs == null ? 0 : durationMs;
            if (episode()) {
                List<String> publisher = show == null || show.publisher() == null
                        ? List.of() : List.of(show.publisher());
                String cover = largest(images);
                if (cover == null && show != null) {
                    cover = largest(show.images());
                }
                return new PlayableItem(itemType, local ? null : uri, name, publisher,
                        show == null ? null : show.name(), cover, duration, local, webUrl);
            }
            return new PlayableItem(itemType, local ? null : uri, name, artistNames(artists),
                    album == null ? null : album.name(), album == null ? null : largest(album.images()),
                    duration, local, webUrl);
        }
    }

    /** CurrentlyPlayingContextObject. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CurrentlyPlaying(
            @JsonProperty("is_playing") Boolean isPlaying,
            @JsonProperty("progress_ms") Long progressMs,
            @JsonProperty("currently_playing_type") String currentlyPlayingType,
            Item item) {

        NowPlaying toNowPlaying() {
            NowPlaying.Kind kind = kind();
            // Ads and unknown content carry no item worth showing, whatever Spotify put there.
            PlayableItem playable = (kind == NowPlaying.Kind.TRACK || kind == NowPlaying.Kind.EPISODE)
                    && item != null ? item.toPlayable() : null;
            return new NowPlaying(kind, Boolean.TRUE.equals(isPlaying), progressMs == null ? 0 : progressMs,
                    playable);
        }

        private NowPlaying.Kind kind() {
            String type = currentlyPlayingType;
            if (type == null && item != null) {
                type = item.episode() ? "episode" : "track";
            }
            if (type == null) {
                return NowPlaying.Kind.UNKNOWN;
            }
            return switch (type) {
                case "track" -> NowPlaying.Kind.TRACK;
                case "episode" -> NowPlaying.Kind.EPISODE;
                case "ad" -> NowPlaying.Kind.AD;
                default -> NowPlaying.Kind.UNKNOWN;
            };
        }
    }

    /** PlayHistoryObject. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlayHistory(Item track, @JsonProperty("played_at") String playedAt) {
    }

    /** CursorPagingPlayHistoryObject. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecentlyPlayedPage(List<PlayHistory> items) {
    }

    /** PagingTrackObject of {@code GET /me/top/tracks}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TopTracksPage(List<Item> items) {
    }

    /** PagingArtistObject of {@code GET /me/top/artists}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TopArtistsPage(List<Artist> items) {
    }

    /** PrivateUserObject. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PrivateUser(
            @JsonProperty("account_id") String accountId,
            String id,
            @JsonProperty("display_name") String displayName) {
    }

    /** The URL of the widest image; Spotify lists widest first, so that one wins when sizes are missing. */
    static String largest(List<Image> images) {
        if (images == null) {
            return null;
        }
        return images.stream()
                .filter(Objects::nonNull)
                .filter(i -> i.url() != null && !i.url().isBlank())
                .max(Comparator.comparingLong(ApiDtos::area))
                .map(Image::url)
                .orElse(null);
    }

    private static long area(Image image) {
        long w = image.width() == null ? 0 : image.width();
        long h = image.height() == null ? 0 : image.height();
        return w * h;
    }

    static List<String> artistNames(List<Artist> artists) {
        if (artists == null) {
            return List.of();
        }
        return artists.stream().filter(Objects::nonNull).map(Artist::name).filter(Objects::nonNull)
                .filter(n -> !n.isBlank()).toList();
    }
}
