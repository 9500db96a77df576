package dev.spotlink.spotify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PkceTest {

    /** RFC 7636 Appendix B: these 32 octets, base64url-encoded, are the example verifier. */
    private static final int[] RFC_OCTETS = {116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173,
        187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121};

    @Test
    void challengeMatchesRfc7636AppendixB() {
        byte[] octets = new byte[RFC_OCTETS.length];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) RFC_OCTETS[i];
        }
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(octets);
        assertEquals("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", verifier);
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.challengeOf(verifier));
    }

    @Test
    void generatedVerifierIs64Base64UrlCharsWithMatchingChallenge() {
        Pkce pkce = Pkce.generate();
        assertEquals(64, pkce.verifier().length());
        assertTrue(pkce.verifier().matches("[A-Za-z0-9_-]+"));
        assertEquals(Pkce.challengeOf(pkce.verifier()), pkce.challenge());
        assertEquals(43, pkce.challenge().length());
    }

    @Test
    void pairsAreFresh() {
        assertNotEquals(Pkce.generate().verifier(), Pkce.generate().verifier());
    }

    @Test
    void toStringHidesVerifier() {
        Pkce pkce = Pkce.generate();
        assertFalse(pkce.toString().contains(pkce.verifier()));
    }
}
