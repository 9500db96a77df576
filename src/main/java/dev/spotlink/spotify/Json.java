package dev.spotlink.spotify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds the Jackson mapper used for Spotify's JSON (and fit for the rest of the bot). */
public final class Json {

    private Json() {
    }

    /** A new mapper that ignores unknown properties: Spotify adds fields without notice. */
    public static ObjectMapper mapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
