package dev.spotlink.spotify;

/** Title and subtitle of anything /share can show (track: artists; album: artists; playlist: owner; ...). */
public record SpotifyEntity(SpotifyUri uri, String title, String subtitle, String imageUrl) {
}
