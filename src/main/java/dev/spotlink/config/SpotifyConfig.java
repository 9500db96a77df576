package dev.spotlink.config;

import java.net.URI;

/**
 * The admin's Spotify app and Spotify endpoints.
 *
 * @param accountsUrl base of the accounts service, without trailing slash (authorize = accountsUrl + "/authorize")
 * @param apiUrl      Web API base, without trailing slash (e.g. {@code https://api.spotify.com/v1})
 * @param codesUrl    Spotify codes image service base, without trailing slash
 */
public record SpotifyConfig(
        String clientId,
        Secret clientSecret,
        URI redirectUri,
        String accountsUrl,
        String apiUrl,
        String codesUrl) {
}
