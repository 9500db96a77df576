package dev.spotlink.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValuesTest {

    @ParameterizedTest
    @CsvSource({"30s, 30", "10m, 600", "1h, 3600", "90, 90", "2D, 172800", "PT10M, 600", "pt1h30m, 5400",
            "45 m, 2700"})
    void readsDurations(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), ConfigValues.duration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "10 minutes", "-5m", "1.5h", "P", "PTxM", "10mm", "99999999999s"})
    void refusesWhatIsNotADuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.duration(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m", "60", "24h", "PT24H", "1d"})
    void ttlBoundsAreInclusive(String text) {
        ConfigValues.ttl(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"59s", "0", "25h", "2d"})
    void ttlOutsideOneMinuteToOneDayIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigValues.ttl(text));
        assertEquals("must be between 1m and 24h", e.getMessage());
    }

    @Test
    void formatsDurationsBackInTheShortForm() {
        assertEquals("10m", ConfigValues.formatDuration(Duration.ofMinutes(10)));
        assertEquals("90s", ConfigValues.formatDuration(Duration.ofSeconds(90)));
        assertEquals("2h", ConfigValues.formatDuration(Duration.ofHours(2)));
        assertEquals("1d", ConfigValues.formatDuration(Duration.ofHours(24)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bot.example.org/callback", "http://127.0.0.1:8080/callback",
            "http://[::1]:9000/cb", "https://127.0.0.1/callback?x=1"})
    void acceptsRedirectUris(String uri) {
        assertEquals(uri, ConfigValues.redirectUri(uri).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://localhost:8080/callback | Spotify refuses `localhost`",
            "https://LOCALHOST/callback | Spotify refuses `localhost`",
            "http://bot.example.org/callback | plain http is only allowed",
            "http://127.0.0.2/callback | plain http is only allowed",
            "ftp://bot.example.org/callback | must use https",
            "/callback | must be an absolute URL",
            "bot.example.org/callback | must be an absolute URL",
            "https://bot.example.org/callback#top | must not contain a fragment",
            "https://bot.example.org | needs a path",
            "https://bot.example.org/health | must not be /health",
            "https://bot example.org/callback | is not a valid URL"})
    void refusesRedirectUris(String uri, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigValues.redirectUri(uri));
        assertEquals(true, e.getMessage().startsWith(reason), e.getMessage());
    }

    @Test
    void portsAndSnowflakes() {
        assertEquals(0, ConfigValues.port("0"));
        assertEquals(65535, ConfigValues.port("65535"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.port("-1"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.port("65536"));
        assertEquals("81384788765712384", ConfigValues.snowflake("81384788765712384"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.snowflake("0"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.snowflake("99999999999999999999"));
    }

    @Test
    void telegramTokensAreCheckedLoosely() {
        ConfigValues.telegramToken("123456789:AAEhBP0av28hZ3abcdefghijklmnopq_-");
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.telegramToken("123456789"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.telegramToken("abc:AAEhBP0av28hZ3abcdefghij"));
        assertThrows(IllegalArgumentException.class, () -> ConfigValues.telegramToken("1:short"));
    }

    @Test
    void suggestsOnlyCloseKeys() {
        assertEquals(Optional.of("spotify.client-id"), KeySuggestions.suggest("spotify.client_id"));
        assertEquals(Optional.of("spotify.client-id"), KeySuggestions.suggest("Spotify.ClientId"));
        assertEquals(Optional.of("spotify.client-id"), KeySuggestions.suggest("SPOTLINK_SPOTIFY_CLIENT_ID"));
        assertEquals(Optional.of("spotify.redirect-uri"), KeySuggestions.suggest("redirect-uri"));
        assertEquals(Optional.of("discord.dev-guild-id"), KeySuggestions.suggest("discord.guild-id"));
        assertEquals(Optional.of("server.port"), KeySuggestions.suggest("server.prot"));
        assertEquals(Optional.empty(), KeySuggestions.suggest("logging.level"));
        assertEquals(Optional.empty(), KeySuggestions.suggest("x"));
    }
}
