package dev.spotlink.spotify;

import okhttp3.OkHttpClient;

/** Fetches code images: {@code {codes}/uri/plain/{format}/{bg}/{white|black}/{size}/{spotify URI}}. */
public final class SpotifyCodesClient {

    public SpotifyCodesClient(OkHttpClient http, String codesUrl) {
        throw new UnsupportedOperationException("spotify helper");
    }

    public byte[] fetch(SpotifyUri uri, CodeStyle style) throws SpotifyException {
        throw new UnsupportedOperationException("spotify helper");
    }
}
