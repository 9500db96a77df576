package dev.spotlink.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.SpotifyUri.Type;
import dev.spotlink.testing.Fuzz;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Properties of {@link SpotifyLinkParser#parse}: total on any text, and complete on every valid form. */
class SpotifyLinkParserPropertiesTest {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String USER_CHARS = BASE62 + "._-";
    private static final Pattern SAFE_ID = Pattern.compile("[0-9A-Za-z]{22}");
    private static final Pattern SAFE_USER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final List<Type> CATALOGUE = Arrays.stream(Type.values()).filter(t -> t != Type.USER).toList();

    @Test
    void neverThrowsAndOnlyYieldsSafeIds() {
        Fuzz.forAll("link parser: any text", 1000, Fuzz::anyString, SpotifyLinkParserPropertiesTest::checkSafe);
    }

    @Test
    void nearMissesOfValidLinksNeverThrowAndOnlyYieldSafeIds() {
        Fuzz.forAll("link parser: mutated links", 1000, f -> f.mutate(validForm(f, entity(f)).text()),
                SpotifyLinkParserPropertiesTest::checkSafe);
    }

    @Test
    void acceptsEveryValidLinkAndUriForm() {
        Fuzz.forAll("link parser: valid forms", 1000, f -> validForm(f, entity(f)),
                form -> assertEquals(Optional.of(form.expected()), SpotifyLinkParser.parse(form.text())));
    }

    @Test
    void itsOwnUrisAndWebUrlsParseBack() {
        Fuzz.forAll("link parser: round trip", 500, SpotifyLinkParserPropertiesTest::entity, uri -> {
            assertEquals(Optional.of(uri), SpotifyLinkParser.parse(uri.uri()));
            assertEquals(Optional.of(uri), SpotifyLinkParser.parse(uri.webUrl()));
        });
    }

    /** Whatever comes out is fit to put into a codes URL or a Web API path: no separators, no escapes. */
    private static void checkSafe(String text) {
        Optional<SpotifyUri> parsed = SpotifyLinkParser.parse(text);
        assertNotNull(parsed);
        parsed.ifPresent(uri -> assertTrue(uri.type() == Type.USER ? SAFE_USER.matcher(uri.id()).matches()
                : SAFE_ID.matcher(uri.id()).matches(), uri.toString()));
    }

    private static SpotifyUri entity(Fuzz f) {
        if (f.chance(0.2)) {
            return new SpotifyUri(Type.USER, f.from(USER_CHARS, 1, 64));
        }
        return new SpotifyUri(f.oneOf(CATALOGUE), f.from(BASE62, 22, 22));
    }

    private record Form(String text, SpotifyUri expected) {
    }

    /** One of the ways people paste {@code uri}, with decorations that must not matter. */
    private static Form validForm(Fuzz f, SpotifyUri uri) {
        String type = uri.type().path();
        String text;
        if (f.chance(0.3)) {
            String prefix = f.oneOf("spotify:", "SPOTIFY:", "Spotify:");
            String typed = f.chance(0.7) ? type : type.toUpperCase(Locale.ROOT);
            text = uri.type() == Type.PLAYLIST && f.chance(0.3)
                    ? prefix + "user:" + f.from(USER_CHARS, 1, 20) + ":playlist:" + uri.id()
                    : prefix + typed + ":" + uri.id();
        } else {
            String scheme = f.oneOf("https://", "http://", "", "HTTPS://");
            String host = f.oneOf("open.spotify.com", "play.spotify.com", "OPEN.SPOTIFY.COM", "open.spotify.com:443");
            String locale = f.chance(0.3) ? "/" + f.oneOf("intl-de", "intl-pt-BR", "INTL-ja") : "";
            String embed = f.chance(0.2) ? "/embed" : "";
            String id = uri.type() == Type.USER && f.chance(0.3) ? percentEncodeSome(f, uri.id()) : uri.id();
            String path = uri.type() == Type.PLAYLIST && f.chance(0.2)
                    ? "/user/" + f.from(USER_CHARS, 1, 20) + "/playlist/" + id
                    : "/" + type + "/" + id;
            String tail = f.oneOf("", "/", "?si=" + f.from(BASE62, 8, 22), "?si=abc&utm_source=copy-link",
                    "#t=1:02", "/?nd=1");
            text = scheme + host + locale + embed + path + tail;
        }
        if (f.chance(0.2)) {
            text = "<" + text + ">";
        }
        if (f.chance(0.2)) {
            text = f.oneOf(" ", "\n", "\t ") + text + f.oneOf(" ", "\r\n", "");
        }
        return new Form(text, uri);
    }

    private static String percentEncodeSome(Fuzz f, String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(f.chance(0.3) ? String.format("%%%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
