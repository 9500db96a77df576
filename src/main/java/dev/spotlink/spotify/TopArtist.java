package dev.spotlink.spotify;

/**
 * One of a member's top artists ({@code GET /me/top/artists}).
 *
 * @param imageUrl largest image URL, or null
 * @param webUrl   open.spotify.com URL, or null
 */
public record TopArtist(String name, String imageUrl, String webUrl) {
}
