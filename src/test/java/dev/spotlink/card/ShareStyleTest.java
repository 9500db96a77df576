package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.spotify.CodeStyle;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShareStyleTest {

    static ShareStyle.Result parse(Map<String, String> options, boolean forLink) {
        return ShareStyle.parse(name -> Optional.ofNullable(options.get(name)), forLink);
    }

    @Test
    void defaultsAreACardForTheCurrentTrackAndACodeForALink() {
        ShareStyle.Options current = parse(Map.of(), false).options();
        ShareStyle.Options link = parse(Map.of(), true).options();

        assertEquals(new ShareStyle.Options(ShareStyle.Mode.CARD, Optional.empty(), ShareStyle.Bars.AUTO, 640), current);
        assertEquals(ShareStyle.Options.defaultCard(), current);
        assertEquals(new ShareStyle.Options(ShareStyle.Mode.CODE, Optional.empty(), ShareStyle.Bars.AUTO, 640), link);
    }

    @Test
    void readsEveryOption() {
        ShareStyle.Options o = parse(Map.of("style", "CARD", "background", "#1DB954", "bars", "Black", "size", "1000"),
                true).options();

        assertEquals(ShareStyle.Mode.CARD, o.mode());
        assertEquals(Optional.of(new Color(0x1db954)), o.background());
        assertEquals(ShareStyle.Bars.BLACK, o.bars());
        assertEquals(1000, o.size());
        assertEquals(ShareStyle.Mode.CODE, parse(Map.of("style", " code "), false).options().mode());
        assertEquals(Optional.empty(), parse(Map.of("background", "AUTO"), false).options().background());
        assertEquals(ShareStyle.Bars.AUTO, parse(Map.of("bars", "auto"), false).options().bars());
        assertEquals(ShareStyle.Bars.AUTO, parse(Map.of("bars", "  "), false).options().bars(), "blank = unset");
    }

    @Test
    void badValuesGiveAMessageKeyWithTheValidValues() {
        assertProblem(parse(Map.of("style", "poster"), false),
                "error.option.choice", "style", "poster", "card, code");
        assertProblem(parse(Map.of("bars", "green"), false),
                "error.option.choice", "bars", "green", "white, black, auto");
        assertProblem(parse(Map.of("background", "red"), false), "error.option.background", "red");
        assertProblem(parse(Map.of("background", "#12345"), false), "error.option.background", "#12345");
        assertProblem(parse(Map.of("size", "big"), false), "error.option.integer", "size", "big");
        assertProblem(parse(Map.of("size", "-5"), false), "error.option.integer", "size", "-5");
    }

    @Test
    void sizeRangesDependOnTheStyle() {
        assertProblem(parse(Map.of("size", "200"), false), "error.option.size", "200", "320", "1280");
        assertEquals(200, parse(Map.of("size", "200"), true).options().size(), "a 200 px code is fine");
        assertProblem(parse(Map.of("size", "2001"), true), "error.option.size", "2001", "160", "2000");
        assertProblem(parse(Map.of("size", "1500", "style", "card"), true), "error.option.size", "1500", "320", "1280");
        assertTrue(parse(Map.of("size", "320"), false).ok());
        assertTrue(parse(Map.of("size", "1280"), false).ok());
        assertTrue(parse(Map.of("size", "160"), true).ok());
    }

    @Test
    void codeStylesResolveAutoFromTheCoverOrFallBackToBlack() {
        ShareStyle.Options auto = parse(Map.of(), true).options();
        assertTrue(auto.needsCoverColour());

        CodeStyle fromCover = auto.codeStyle(new Color(0xffd400));
        assertEquals(new CodeStyle(CodeStyle.Format.PNG, "ffd400", CodeStyle.Bars.BLACK, 640), fromCover);
        assertEquals(new CodeStyle(CodeStyle.Format.PNG, "000000", CodeStyle.Bars.WHITE, 640), auto.codeStyle(null));

        ShareStyle.Options fixed = parse(Map.of("background", "1e3264", "bars", "black", "size", "300"), true)
                .options();
        assertFalse(fixed.needsCoverColour());
        assertEquals(new CodeStyle(CodeStyle.Format.PNG, "1e3264", CodeStyle.Bars.BLACK, 300),
                fixed.codeStyle(new Color(0xffd400)), "an explicit background wins over the cover");
        assertEquals(CodeStyle.Bars.WHITE,
                parse(Map.of("background", "1e3264"), true).options().codeStyle(null).bars(), "auto bars by contrast");
    }

    @Test
    void cardColoursFollowTheOptions() {
        ShareStyle.Options auto = ShareStyle.Options.defaultCard();
        assertEquals(CardColors.PLACEHOLDER_BACKGROUND, auto.colors(null).background());
        assertEquals(new Color(0x123456), auto.colors(new Color(0x123456)).background());

        ShareStyle.Options fixed = parse(Map.of("background", "ffffff", "bars", "white"), false).options();
        assertEquals(Color.WHITE, fixed.colors(Color.RED).background());
        assertEquals(CodeStyle.Bars.WHITE, fixed.colors(Color.RED).bars());
        assertEquals(Color.BLACK, fixed.colors(Color.RED).text());
    }

    static void assertProblem(ShareStyle.Result result, String key, String... args) {
        assertFalse(result.ok());
        assertEquals(new ShareStyle.Problem(key, List.of(args)), result.problem());
    }
}
