package dev.spotlink.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which pasted texts are a callback address, and what they hold. */
class CallbackAddressTest {

    private static final String PATH = "/callback";
    private static final String STATE = "s".repeat(43);

    @Test
    void theAddressAsCopiedGivesCodeAndState() {
        CallbackAddress address = CallbackAddress.parse(" \n http://127.0.0.1:8080/callback?code=AQB-x_y.z~1&state="
                + STATE + "\t", PATH).orElseThrow();
        assertEquals(new CallbackAddress("AQB-x_y.z~1", STATE, null), address);
    }

    @Test
    void withoutSchemeAsSomeBrowsersCopyIt() {
        assertEquals(Optional.of(new CallbackAddress("c", STATE, null)),
                CallbackAddress.parse("127.0.0.1:8080/callback?state=" + STATE + "&code=c", PATH));
    }

    @Test
    void aCancelledConsentCarriesTheErrorAndTheFirstValueOfEachParameterCounts() {
        assertEquals(Optional.of(new CallbackAddress(null, STATE, "access_denied")),
                CallbackAddress.parse("http://[::1]:9/callback?error=access_denied&state=" + STATE + "&error=x", PATH));
        assertEquals(Optional.of(new CallbackAddress("a b", null, null)),
                CallbackAddress.parse("http://127.0.0.1/callback?code=a%20b", PATH));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "hello",
            "/link",
            "http://127.0.0.1:8080/callback",
            "http://127.0.0.1:8080/callback?foo=bar",
            "http://127.0.0.1:8080/elsewhere?code=c&state=s",
            "here it is: http://127.0.0.1:8080/callback?code=c&state=s",
            "http://127.0.0.1:8080/callback?code=c&state=s http://127.0.0.1:8080/callback?code=d&state=t",
            "ftp://127.0.0.1/callback?code=c",
            "http://127.0.0.1:8080/callback?code=%zz&state=s",
            "http://bad host/callback?code=c"})
    void otherTextsAreNone(String text) {
        assertEquals(Optional.empty(), CallbackAddress.parse(text, PATH), text);
    }

    @Test
    void overlongTextsAreNone() {
        String longCode = "c".repeat(CallbackAddress.MAX_LENGTH);
        assertTrue(CallbackAddress.parse("http://127.0.0.1/callback?code=" + longCode, PATH).isEmpty());
    }

    @Test
    void itsTextShowsNeitherCodeNorState() {
        String shown = new CallbackAddress("secret-code", STATE, "access_denied").toString();
        assertFalse(shown.contains("secret-code") || shown.contains(STATE) || shown.contains("access_denied"), shown);
    }
}
