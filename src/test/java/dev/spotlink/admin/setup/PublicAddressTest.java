package dev.spotlink.admin.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicAddressTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "https://bot.example.org,       https://bot.example.org/callback,   null",
        "https://bot.example.org/,      https://bot.example.org/callback,   null",
        "https://example.org/spotlink,  https://example.org/spotlink/callback, null",
        "'',                            http://127.0.0.1:8080/callback,     null",
        "http://127.0.0.1:9000,         http://127.0.0.1:9000/callback,     null",
        "http://[::1]:9000,             http://[::1]:9000/callback,         null",
        "http://localhost:8080,         null, setup.address.localhost",
        "https://LOCALHOST,             null, setup.address.localhost",
        "http://bot.example.org,        null, setup.address.https",
        "ftp://bot.example.org,         null, setup.address.invalid",
        "bot.example.org,               null, setup.address.invalid",
        "https://bot.example.org/?a=1,  null, setup.address.extra",
        "https://user@bot.example.org,  null, setup.address.extra",
        "'https://bad host',            null, setup.address.invalid"})
    void addressesFollowSpotifysRedirectRules(String typed, String redirectUri, String errorKey) {
        PublicAddress.Result result = PublicAddress.redirectUriFor(typed, "http://127.0.0.1:8080");
        assertEquals(redirectUri, result.redirectUri());
        assertEquals(errorKey, result.errorKey());
    }
}
