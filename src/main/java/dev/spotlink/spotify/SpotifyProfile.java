package dev.spotlink.spotify;

/** From {@code GET /me}: the stable account id and the (nullable) display name. */
public record SpotifyProfile(String accountId, String displayName) {

    public String shownName() {
        return displayName == null || displayName.isBlank() ? accountId : displayName;
    }
}
