package dev.spotlink.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.SpotifyUri.Type;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpotifyLinkParserTest {

    private static final String ID = "4cOdK2wGLETKBW3PvgPWqT";

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("https://open.spotify.com/track/" + ID, Type.TRACK, ID),
                Arguments.of("https://open.spotify.com/track/" + ID + "?si=abc123def456", Type.TRACK, ID),
                Arguments.of("https://open.spotify.com/track/" + ID + "/", Type.TRACK, ID),
                Arguments.of("https://open.spotify.com/track/" + ID + "#fragment", Type.TRACK, ID),
                Arguments.of("https://open.spotify.com/intl-de/track/" + ID + "?si=x", Type.TRACK, ID),
                Arguments.of("https://open.spotify.com/intl-pt/album/" + ID, Type.ALBUM, ID),
                Arguments.of("http://open.spotify.com/playlist/" + ID, Type.PLAYLIST, ID),
                Arguments.of("open.spotify.com/artist/" + ID, Type.ARTIST, ID),
                Arguments.of("HTTPS://OPEN.SPOTIFY.COM/show/" + ID, Type.SHOW, ID),
                Arguments.of("https://play.spotify.com/episode/" + ID, Type.EPISODE, ID),
                Arguments.of("<https://open.spotify.com/track/" + ID + "?si=1>", Type.TRACK, ID),
                Arguments.of("  https://open.spotify.com/track/" + ID + "  ", Type.TRACK, ID),
                Arguments.of("https://open.spotify.com/embed/track/" + ID, Type.TRACK, ID),
                Arguments.of("https://open.spotify.com/user/spotify/playlist/" + ID, Type.PLAYLIST, ID),
                Arguments.of("spotify:track:" + ID, Type.TRACK, ID),
                Arguments.of("spotify:album:" + ID, Type.ALBUM, ID),
                Arguments.of("spotify:playlist:" + ID, Type.PLAYLIST, ID),
                Arguments.of("spotify:artist:" + ID, Type.ARTIST, ID),
                Arguments.of("spotify:show:" + ID, Type.SHOW, ID),
                Arguments.of("spotify:episode:" + ID, Type.EPISODE, ID),
                Arguments.of("<spotify:track:" + ID + ">", Type.TRACK, ID),
                Arguments.of("spotify:user:spotify", Type.USER, "spotify"),
                Arguments.of("spotify:user:john.doe_99-x", Type.USER, "john.doe_99-x"),
                Arguments.of("https://open.spotify.com/user/spotify", Type.USER, "spotify"),
                Arguments.of("https://open.spotify.com/user/1185%2Efoo?si=zz", Type.USER, "1185.foo"),
                Arguments.of("https://open.spotify.com/intl-fr/user/wizzler/", Type.USER, "wizzler"));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValidForms(String text, Type type, String id) {
        assertEquals(Optional.of(new SpotifyUri(type, id)), SpotifyLinkParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "<>",
        "hello",
        "https://spotify.link/AbCdEf123",
        "https://spoti.fi/3abcDEF",
        "https://example.com/track/" + ID,
        "https://open.spotify.com.evil.com/track/" + ID,
        "https://evil.com/open.spotify.com/track/" + ID,
        "javascript:alert(1)//open.spotify.com/track/" + ID,
        "ftp://open.spotify.com/track/" + ID,
        "https://open.spotify.com/track/",
        "https://open.spotify.com/track/" + ID + "x",
        "https://open.spotify.com/track/short",
        "https://open.spotify.com/track/4cOdK2wGLETKBW3PvgPWq!",
        "https://open.spotify.com/audiobook/" + ID,
        "https://open.spotify.com/track/" + ID + "/extra",
        "https://open.spotify.com/intl-de/intl-fr/track/" + ID,
        "https://open.spotify.com/",
        "spotify:track:",
        "spotify:track:" + ID + ":extra",
        "spotify:local:artist:album:title:123",
        "spotify:unknown:" + ID,
        "spotify:user:",
        "spotify:user:bad name",
        "spotify:user:a/b",
        "https://open.spotify.com/user/%ZZ",
        "https://open.spotify.com/user/with%20space",
        "check this https://open.spotify.com/track/" + ID,
        "https://open.spotify.com/track/" + ID + " and more"
    })
    void rejectsEverythingElse(String text) {
        assertEquals(Optional.empty(), SpotifyLinkParser.parse(text));
    }

    @Test
    void rejectsNullAndHugeInputWithoutThrowing() {
        assertTrue(SpotifyLinkParser.parse(null).isEmpty());
        String huge = "https://open.spotify.com/track/" + ID + "?si=" + "a".repeat(1_000_000);
        assertTrue(SpotifyLinkParser.parse(huge).isEmpty());
        assertTrue(SpotifyLinkParser.parse("spotify:user:" + "a".repeat(65)).isEmpty());
        assertEquals(Optional.of(new SpotifyUri(Type.USER, "a".repeat(64))),
                SpotifyLinkParser.parse("spotify:user:" + "a".repeat(64)));
    }

    @Test
    void roundTripsItsOwnOutput() {
        SpotifyUri uri = new SpotifyUri(Type.EPISODE, ID);
        assertEquals(Optional.of(uri), SpotifyLinkParser.parse(uri.uri()));
        assertEquals(Optional.of(uri), SpotifyLinkParser.parse(uri.webUrl()));
    }
}
