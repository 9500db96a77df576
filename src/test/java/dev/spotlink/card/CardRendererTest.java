package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardRendererTest {

    static final CardRenderer RENDERER = new CardRenderer();
    static final byte[] ARTWORK = CardFixtures.png(CardFixtures.artwork(640));
    static final CardContent SONG = new CardContent("Now playing", "Bohemian Rhapsody", "Queen",
            "A Night At The Opera", new CardContent.Progress(62_000, 354_000));

    static Optional<byte[]> mask(int width) {
        return Optional.of(CardFixtures.png(CardFixtures.codeMask(CardRenderer.codeMaskStyle(width).size())));
    }

    static ShareStyle.Options card(int width, Color background, ShareStyle.Bars bars) {
        return new ShareStyle.Options(ShareStyle.Mode.CARD, Optional.ofNullable(background), bars, width);
    }

    static BufferedImage render(CardContent content, Optional<byte[]> cover, Optional<byte[]> code,
                                ShareStyle.Options options) {
        return Pixels.decode(RENDERER.render(content, cover, code, options));
    }

    @Test
    void rendersA640PixelPngWithTheCodeBeneath() {
        byte[] png = RENDERER.render(SONG, Optional.of(ARTWORK), mask(640), ShareStyle.Options.defaultCard());

        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        BufferedImage image = Pixels.decode(png);
        CardRenderer.Layout layout = CardRenderer.Layout.of(640, true);
        assertEquals(640, image.getWidth());
        assertEquals(layout.height, image.getHeight());
        assertEquals(576, CardRenderer.codeMaskStyle(640).size(), "the code is fetched exactly as wide as drawn");
        assertFalse(Pixels.blank(image, layout.pad, layout.codeY, layout.pad + layout.codeWidth,
                layout.codeY + layout.codeHeight, new Color(image.getRGB(1, 1))), "the code is drawn");
    }

    @ParameterizedTest
    @ValueSource(ints = {320, 641, 1280})
    void aCardFinishedFromItsTemplateIsExactlyTheCardDrawnWhole(int width) {
        BufferedImage cover = RENDERER.coverFor(ARTWORK, width).orElseThrow();
        BufferedImage code = Pixels.decode(mask(width).orElseThrow());
        CardColors colors = RENDERER.colorsFor(cover);
        List<CardContent.Progress> positions = List.of(new CardContent.Progress(0, 354_000),
                new CardContent.Progress(62_000, 354_000), new CardContent.Progress(354_000, 354_000),
                new CardContent.Progress(500_000, 354_000), new CardContent.Progress(3_723_000, 7_200_000),
                new CardContent.Progress(1_000, 0));
        for (BufferedImage withCover : Arrays.asList(cover, null)) {
            for (BufferedImage withCode : Arrays.asList(code, null)) {
                CardTemplate template = RENDERER.template(SONG, withCover, withCode, colors, width);
                assertTrue(template.hasBand());
                for (CardContent.Progress progress : positions) {
                    CardContent content = new CardContent(SONG.label(), SONG.title(), SONG.artists(),
                            SONG.collection(), progress);
                    Pixels.assertSamePixels(RENDERER.draw(content, withCover, withCode, colors, width),
                            Pixels.decode(RENDERER.png(template, progress)),
                            "width " + width + ", cover " + (withCover != null) + ", code " + (withCode != null)
                                    + ", " + progress);
                }
            }
        }
    }

    @Test
    void aCardWithoutProgressIsKeptWhole() {
        CardContent album = new CardContent("Album", "A Night At The Opera", "Queen", null, null);
        BufferedImage cover = RENDERER.coverFor(ARTWORK, 640).orElseThrow();
        CardTemplate template = RENDERER.template(album, cover, null, RENDERER.colorsFor(cover), 640);

        assertFalse(template.hasBand());
        assertSame(RENDERER.png(template, null), RENDERER.png(template, null), "the same bytes every time");
        Pixels.assertSamePixels(RENDERER.draw(album, cover, null, RENDERER.colorsFor(cover), 640),
                Pixels.decode(RENDERER.png(template, null)), "album card");
    }

    @ParameterizedTest
    @ValueSource(ints = {320, 480, 1000, 1280})
    void scalesToOtherWidths(int width) {
        BufferedImage image = render(SONG, Optional.of(ARTWORK), mask(width), card(width, null, ShareStyle.Bars.AUTO));

        assertEquals(width, image.getWidth());
        assertEquals(CardRenderer.Layout.of(width, true).height, image.getHeight());
        assertEquals(width - 2 * CardRenderer.Layout.of(width, true).pad, CardRenderer.codeMaskStyle(width).size());
    }

    @Test
    void withoutACodeTheCardIsShorterAndHasNoCodeArea() {
        BufferedImage image = render(SONG, Optional.of(ARTWORK), Optional.empty(), ShareStyle.Options.defaultCard());

        assertEquals(CardRenderer.Layout.of(640, false).height, image.getHeight());
        assertTrue(image.getHeight() < CardRenderer.Layout.of(640, true).height);
    }

    @Test
    void aCodeOfAnotherSizeIsFittedIntoTheCodeArea() {
        Color background = new Color(0x1e3264);
        CardRenderer.Layout l = CardRenderer.Layout.of(640, true);
        for (BufferedImage code : List.of(CardFixtures.codeMask(800), CardFixtures.codeMask(200),
                new BufferedImage(300, 300, BufferedImage.TYPE_INT_RGB))) {
            BufferedImage image = render(SONG, Optional.of(ARTWORK), Optional.of(CardFixtures.png(code)),
                    card(640, background, ShareStyle.Bars.AUTO));

            assertEquals(l.height, image.getHeight());
            assertTrue(Pixels.blank(image, 0, l.codeY + l.codeHeight, 640, l.height, background), "nothing below");
            assertTrue(Pixels.blank(image, 640 - l.pad, l.codeY, 640, l.height, background), "nothing right");
            assertTrue(Pixels.blank(image, 0, l.codeY, l.pad, l.height, background), "nothing left");
        }
    }

    @Test
    void anUndecodableCodeCountsAsNoCode() {
        BufferedImage image = render(SONG, Optional.of(ARTWORK), Optional.of(new byte[] {1, 2, 3}),
                ShareStyle.Options.defaultCard());

        assertEquals(CardRenderer.Layout.of(640, false).height, image.getHeight());
    }

    @Test
    void codeAreaIsDrawnInTheCardBackgroundAndChosenBarColour() {
        record Case(Color background, ShareStyle.Bars bars, Color expectedBars) {
        }
        List<Case> cases = List.of(
                new Case(new Color(0x1db954), ShareStyle.Bars.AUTO, Color.BLACK),
                new Case(new Color(0x1e3264), ShareStyle.Bars.AUTO, Color.WHITE),
                new Case(Color.WHITE, ShareStyle.Bars.AUTO, Color.BLACK),
                new Case(new Color(0xffd400), ShareStyle.Bars.WHITE, Color.WHITE),
                new Case(Color.BLACK, ShareStyle.Bars.AUTO, Color.WHITE));
        for (Case c : cases) {
            ShareStyle.Options options = card(640, c.background(), c.bars());
            assertEquals(c.expectedBars(), options.colors(null).barColor(), c.toString());
            BufferedImage image = render(SONG, Optional.of(ARTWORK), mask(640), options);
            assertCodeArea(image, CardRenderer.Layout.of(640, true), c.background(), c.expectedBars(), c.toString());
        }
    }

    @Test
    void automaticColoursComeFromTheCover() {
        byte[] redCover = CardFixtures.png(CardFixtures.split(new Color(0xd01010), new Color(0x1010d0), 0.7, 300));

        BufferedImage image = render(SONG, Optional.of(redCover), mask(640), ShareStyle.Options.defaultCard());

        Color background = new Color(image.getRGB(2, 2));
        assertTrue(background.getRed() > 180 && background.getBlue() < 60, background.toString());
        Color bars = Contrast.blackOrWhite(background);
        assertCodeArea(image, CardRenderer.Layout.of(640, true), background, bars, "auto");
    }

    /** Every code-area pixel lies between background and bar colour; both are well represented. */
    static void assertCodeArea(BufferedImage image, CardRenderer.Layout l, Color background, Color bars, String what) {
        int barPixels = 0;
        int groundPixels = 0;
        int total = 0;
        for (int y = l.codeY; y < l.codeY + l.codeHeight; y++) {
            for (int x = l.pad; x < l.pad + l.codeWidth; x++) {
                Color p = new Color(image.getRGB(x, y));
                double t = along(p, background, bars);
                Color expected = Contrast.mix(background, bars, t);
                assertFalse(Pixels.differs(p.getRGB(), expected.getRGB(), 3),
                        what + ": pixel " + p + " at " + x + "," + y + " is not between " + background + " and " + bars);
                barPixels += t > 0.9 ? 1 : 0;
                groundPixels += t < 0.1 ? 1 : 0;
                total++;
            }
        }
        assertTrue(barPixels > total / 20, what + ": bars drawn (" + barPixels + " of " + total + ")");
        assertTrue(groundPixels > total / 2, what + ": background around the bars");
    }

    /** Position of {@code p} on the line from {@code a} to {@code b}, by the channel that differs most. */
    static double along(Color p, Color a, Color b) {
        int[] pc = {p.getRed(), p.getGreen(), p.getBlue()};
        int[] ac = {a.getRed(), a.getGreen(), a.getBlue()};
        int[] bc = {b.getRed(), b.getGreen(), b.getBlue()};
        int channel = 0;
        for (int i = 1; i < 3; i++) {
            if (Math.abs(bc[i] - ac[i]) > Math.abs(bc[channel] - ac[channel])) {
                channel = i;
            }
        }
        int span = bc[channel] - ac[channel];
        return span == 0 ? 0 : Math.max(0, Math.min(1, (double) (pc[channel] - ac[channel]) / span));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x757575, 0x767676, 0x777777, 0x808080, 0x1db954, 0xff0000, 0xffff00, 0x0000ff, 0x00ffff,
            0xff00ff, 0x2e3250, 0xf2a541, 0x000000, 0xffffff, 0x5a5a5a, 0x9e9e9e})
    void measuredTextContrastIsAtLeastAa(int rgb) {
        Color background = new Color(rgb);
        CardContent content = new CardContent("Album", "Title Words", "Artist Name", "Collection Name", null);

        BufferedImage image = render(content, Optional.of(ARTWORK), Optional.empty(),
                card(640, background, ShareStyle.Bars.AUTO));

        CardRenderer.Layout l = CardRenderer.Layout.of(640, false);
        List<int[]> bands = Pixels.inkBands(image, l.textX, l.pad, 640 - l.pad, l.pad + l.coverSize, background);
        assertEquals(4, bands.size(), "label, title, artists, collection");
        for (int[] band : bands) {
            double contrast = Pixels.maxContrast(image, l.textX, band[0], 640 - l.pad, band[1], background);
            assertTrue(contrast >= Contrast.AA_TEXT, String.format("text rows %d-%d on %06x: %.2f:1", band[0], band[1],
                    rgb, contrast));
        }
    }

    @Test
    void russianTitlesRenderWithTheBundledFont() {
        String title = "Группа крови";
        String artist = "Кино · Виктор Цой";
        CardFonts fonts = new CardFonts();
        assertEquals(-1, RENDERER.titleFont().canDisplayUpTo(title + artist));
        assertEquals(-1, fonts.regular.canDisplayUpTo(title + artist + "ЁёЪъЩщ…·—"));
        assertEquals(-1, fonts.bold.canDisplayUpTo("СЕЙЧАС ИГРАЕТ"));

        BufferedImage image = render(new CardContent("Сейчас играет", title, artist, "Группа крови", null),
                Optional.empty(), mask(640), ShareStyle.Options.defaultCard());

        CardRenderer.Layout l = CardRenderer.Layout.of(640, true);
        assertEquals(4, Pixels.inkBands(image, l.textX, l.pad, 640 - l.pad, l.pad + l.coverSize,
                CardColors.PLACEHOLDER_BACKGROUND).size());
    }

    @Test
    void longTitlesAreEllipsizedInsideTheTextColumn() {
        String longTitle = "Supercalifragilisticexpialidocious Symphony in Twelve Movements for Orchestra, "
                + "Choir and an Unreasonably Long Subtitle (Deluxe Remastered Anniversary Edition)";
        String noSpaces = "Ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа";
        for (String title : List.of(longTitle, noSpaces)) {
            CardContent content = new CardContent("Now playing", title, longTitle, longTitle,
                    new CardContent.Progress(10_000, 20_000));
            BufferedImage image = render(content, Optional.of(ARTWORK), mask(640),
                    card(640, new Color(0x1e3264), ShareStyle.Bars.AUTO));

            CardRenderer.Layout l = CardRenderer.Layout.of(640, true);
            assertTrue(Pixels.blank(image, 640 - l.pad, 0, 640, l.codeY, new Color(0x1e3264)),
                    "nothing drawn in the right margin");
            List<int[]> bands = Pixels.inkBands(image, l.textX, l.pad, 640 - l.pad, l.pad + l.coverSize - 40,
                    new Color(0x1e3264));
            assertEquals(5, bands.size(), "label, two title lines, artists, collection; then the progress bar");
        }
    }

    @Test
    void aMissingOrBrokenCoverGetsThePlaceholder() {
        BufferedImage missing = render(SONG, Optional.empty(), Optional.empty(), ShareStyle.Options.defaultCard());
        BufferedImage broken = render(SONG, Optional.of("<html>".getBytes()), Optional.empty(),
                ShareStyle.Options.defaultCard());

        CardRenderer.Layout l = CardRenderer.Layout.of(640, false);
        assertEquals(CardColors.PLACEHOLDER_BACKGROUND, new Color(missing.getRGB(2, 2)));
        Color topLeft = new Color(missing.getRGB(l.pad + 20, l.pad + 20));
        Color bottomRight = new Color(missing.getRGB(l.pad + l.coverSize - 20, l.pad + l.coverSize - 20));
        assertTrue(Contrast.luminance(topLeft) > Contrast.luminance(bottomRight), "a diagonal gradient");
        int centre = l.pad + l.coverSize / 2;
        assertTrue(Pixels.maxContrast(missing, centre - 30, centre - 30, centre + 30, centre + 30, topLeft) > 1.5,
                "a note glyph in the middle");
        for (int y = 0; y < missing.getHeight(); y++) {
            for (int x = 0; x < missing.getWidth(); x++) {
                assertEquals(missing.getRGB(x, y), broken.getRGB(x, y));
            }
        }
    }

    @Test
    void progressBarShowsThePosition() {
        Color background = new Color(0x1e3264);
        CardContent half = new CardContent(null, "Song", "Artist", null, new CardContent.Progress(90_000, 180_000));

        BufferedImage image = render(half, Optional.of(ARTWORK), Optional.empty(),
                card(640, background, ShareStyle.Bars.AUTO));

        CardRenderer.Layout l = CardRenderer.Layout.of(640, false);
        CardColors colors = CardColors.on(background);
        int y = l.pad + l.coverSize - 30 + 3;
        assertEquals(colors.text(), new Color(image.getRGB(l.textX + l.textWidth / 4, y)));
        assertEquals(colors.track(), new Color(image.getRGB(l.textX + l.textWidth * 9 / 10, y)));
        assertEquals("1:30", CardRenderer.clock(90_000));
        assertEquals("1:02:03", CardRenderer.clock(3_723_000));
    }

    @Test
    void concurrentRendersGiveTheSameBytes() throws Exception {
        byte[] expected = RENDERER.render(SONG, Optional.of(ARTWORK), mask(640), ShareStyle.Options.defaultCard());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> RENDERER.render(SONG, Optional.of(ARTWORK), mask(640),
                        ShareStyle.Options.defaultCard())));
            }
            for (Future<byte[]> result : results) {
                assertArrayEquals(expected, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void matchesTheGoldenImages() throws Exception {
        Pixels.assertMatchesGolden("now-playing", render(SONG, Optional.of(ARTWORK), mask(640),
                ShareStyle.Options.defaultCard()));
        Pixels.assertMatchesGolden("placeholder-russian", render(
                new CardContent("Сейчас играет", "Группа крови", "Кино", "Группа крови",
                        new CardContent.Progress(125_000, 287_000)),
                Optional.empty(), mask(640), ShareStyle.Options.defaultCard()));
        Pixels.assertMatchesGolden("album-no-code-320", render(new CardContent("Album", "Blue", "Joni Mitchell",
                        null, null),
                Optional.of(CardFixtures.jpeg(CardFixtures.artwork(500))),
                Optional.empty(), card(320, null, ShareStyle.Bars.AUTO)));
    }
}
