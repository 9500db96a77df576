package dev.spotlink.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.image.ImageCache;
import dev.spotlink.image.ImageFetcher;
import dev.spotlink.image.Images;
import dev.spotlink.spotify.Backoff;
import dev.spotlink.spotify.HttpClients;
import dev.spotlink.spotify.RateLimitGate;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyUri;
import dev.spotlink.testing.FakeSpotify;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cards end to end against the fake Spotify's cover and codes endpoints, through the real HTTP clients. */
@Timeout(60)
class CardsTest {

    static final SpotifyUri TRACK = new SpotifyUri(SpotifyUri.Type.TRACK, "4uLU6hMCjMI75M1A2tKUQC");
    static final CardContent CONTENT = new CardContent("Now playing", "Song", "Artist", "Album",
            new CardContent.Progress(1000, 2000));

    final FakeSpotify spotify = FakeSpotify.start();
    final OkHttpClient http = HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5));
    final Images images = new Images(ImageCache.inMemory(8 << 20), new ImageFetcher(http),
            new SpotifyCodesClient(http, spotify.codesUrl(), new RateLimitGate("test codes"), Backoff.none()));
    final CardRenderer renderer = new CardRenderer();
    final Cards cards = new Cards(images, renderer, 8 << 20);

    @AfterEach
    void stop() {
        images.close();
        spotify.close();
    }

    String cover() {
        return spotify.baseUrl() + "/images/cover-1.png";
    }

    Color dominantOfFakeCover() {
        byte[] bytes = images.cover(cover()).orElseThrow();
        return renderer.dominantColor(renderer.decode(bytes).orElseThrow());
    }

    List<String> paths(String prefix) {
        return spotify.requests().stream().map(FakeSpotify.RecordedRequest::path)
                .filter(p -> p.startsWith(prefix)).toList();
    }

    @Test
    void cardsAreRenderedOnlyWithAFreeRenderingPermit() throws Exception {
        Semaphore permits = new Semaphore(1);
        Cards gated = new Cards(images, renderer, permits, new CardTemplates(0));
        permits.acquire(); // another render holds the only permit
        CompletableFuture<CardImage> card = CompletableFuture.supplyAsync(
                () -> gated.card(CONTENT, cover(), TRACK, ShareStyle.Options.defaultCard()));

        // the images are fetched meanwhile: only rendering waits for the permit
        while (!permits.hasQueuedThreads() && !card.isDone()) {
            Thread.sleep(5);
        }
        assertFalse(card.isDone(), "rendered without a permit");
        assertEquals(1, paths("/uri/plain").size(), "the code was fetched before the wait");
        assertEquals(1, paths("/images").size(), "the cover was fetched before the wait");

        permits.release();
        assertTrue(card.get(30, TimeUnit.SECONDS).hasCover());
        assertEquals(1, permits.availablePermits(), "the permit is given back");
    }

    @Test
    void aCardHasTheCoverColoursAndTheCodeFetchedAsAMask() {
        CardImage card = cards.card(CONTENT, cover(), TRACK, ShareStyle.Options.defaultCard());

        assertTrue(card.hasCode());
        assertTrue(card.hasCover());
        assertEquals("image/png", card.mimeType());
        assertEquals("spotlink-card-track-4uLU6hMCjMI75M1A2tKUQC.png", card.fileName());
        BufferedImage image = Pixels.decode(card.bytes());
        assertEquals(640, image.getWidth());
        assertEquals(CardRenderer.Layout.of(640, true).height, image.getHeight());
        assertEquals(List.of("/uri/plain/png/000000/white/576/spotify:track:4uLU6hMCjMI75M1A2tKUQC"),
                paths("/uri/plain"));
        Color background = dominantOfFakeCover();
        assertEquals(background, new Color(image.getRGB(2, 2)));
        CardRendererTest.assertCodeArea(image, CardRenderer.Layout.of(640, true), background,
                Contrast.blackOrWhite(background), "fake code");
    }

    @Test
    void theNextCardOfTheSameTrackIsFinishedFromTheCachedDrawing() {
        ShareStyle.Options style = ShareStyle.Options.defaultCard();
        CardImage first = cards.card(CONTENT, cover(), TRACK, style);
        CardContent later = new CardContent(CONTENT.label(), CONTENT.title(), CONTENT.artists(),
                CONTENT.collection(), new CardContent.Progress(1_500, 2_000));
        CardImage second = cards.card(later, cover(), TRACK, style);

        assertEquals(new CardTemplates.Stats(1, 1, 1, cards.templateStats().bytes()), cards.templateStats());
        assertTrue(second.hasCover());
        assertTrue(second.hasCode());
        byte[] coverBytes = images.cover(cover()).orElseThrow();
        byte[] codeBytes = images.code(TRACK, CardRenderer.codeMaskStyle(640)).orElseThrow();
        Pixels.assertSamePixels(Pixels.decode(renderer.render(later, Optional.of(coverBytes), Optional.of(codeBytes),
                style)), Pixels.decode(second.bytes()), "a card from the cache");
        assertFalse(Arrays.equals(first.bytes(), second.bytes()), "the progress moved");

        cards.card(later, cover(), TRACK, new ShareStyle.Options(ShareStyle.Mode.CARD, Optional.of(Color.RED),
                ShareStyle.Bars.AUTO, 640));
        cards.card(new CardContent("Сейчас играет", CONTENT.title(), CONTENT.artists(), CONTENT.collection(),
                later.progress()), cover(), TRACK, style);
        assertEquals(3, cards.templateStats().misses(), "another style or other words: drawn anew");
        assertEquals(3, cards.templateStats().entries());
    }

    @Test
    void withoutMemoryForDrawnCardsEveryCardIsDrawnWhole() {
        Cards uncached = new Cards(images, renderer, 0);
        uncached.card(CONTENT, cover(), TRACK, ShareStyle.Options.defaultCard());
        CardImage again = uncached.card(CONTENT, cover(), TRACK, ShareStyle.Options.defaultCard());

        assertEquals(new CardTemplates.Stats(0, 2, 0, 0), uncached.templateStats());
        assertTrue(again.hasCover());
    }

    @Test
    void aCardDrawnWithoutItsCoverIsNotReusedOnceTheCoverLoads() {
        spotify.failNext("/images/", 500);
        assertFalse(cards.card(CONTENT, cover(), TRACK, ShareStyle.Options.defaultCard()).hasCover());

        CardImage withCover = cards.card(CONTENT, cover(), TRACK, ShareStyle.Options.defaultCard());
        assertTrue(withCover.hasCover());
        assertEquals(dominantOfFakeCover(), new Color(Pixels.decode(withCover.bytes()).getRGB(2, 2)));
    }

    @Test
    void upstreamFailuresDegradeTheCardInsteadOfFailingIt() {
        spotify.failNext("/images/", 500);
        CardImage noCover = cards.card(CONTENT, cover(), TRACK, ShareStyle.Options.defaultCard());
        assertFalse(noCover.hasCover());
        assertTrue(noCover.hasCode());
        assertEquals(CardColors.PLACEHOLDER_BACKGROUND, new Color(Pixels.decode(noCover.bytes()).getRGB(2, 2)));

        spotify.failNext("/uri/plain/", 500);
        CardImage noCode = cards.card(CONTENT, cover(), new SpotifyUri(SpotifyUri.Type.ALBUM,
                "1GbtB4zTqAsyfZEsm1RZfx"), ShareStyle.Options.defaultCard());
        assertFalse(noCode.hasCode());
        assertTrue(noCode.hasCover());
        assertEquals(CardRenderer.Layout.of(640, false).height, Pixels.decode(noCode.bytes()).getHeight());
    }

    @Test
    void aLocalFileGetsACardWithoutACodeAndNoCodeRequest() {
        CardImage card = cards.card(CONTENT, null, null, ShareStyle.Options.defaultCard());

        assertFalse(card.hasCode());
        assertFalse(card.hasCover());
        assertEquals("spotlink-card.png", card.fileName());
        assertEquals(List.of(), paths("/uri/plain"));
        assertEquals(CardRenderer.Layout.of(640, false).height, Pixels.decode(card.bytes()).getHeight());
    }

    @Test
    void codeOnlyWithAutoBackgroundUsesTheCoverColour() {
        ShareStyle.Options options = ShareStyle.parse(name -> Optional.empty(), true).options();

        CardImage code = cards.code(TRACK, cover(), options).orElseThrow();

        Color background = dominantOfFakeCover();
        String bars = Contrast.blackOrWhite(background).equals(Color.WHITE) ? "white" : "black";
        assertEquals(List.of("/uri/plain/png/" + CardColors.hex(background) + "/" + bars
                + "/640/spotify:track:4uLU6hMCjMI75M1A2tKUQC"), paths("/uri/plain"));
        assertEquals("image/png", code.mimeType());
        assertEquals("spotlink-code-track-4uLU6hMCjMI75M1A2tKUQC.png", code.fileName());
        assertEquals(640, Pixels.decode(code.bytes()).getWidth());

        long lookups = images.stats().hits() + images.stats().misses();
        CardImage again = cards.code(TRACK, cover(), options).orElseThrow();
        assertEquals(lookups + 1, images.stats().hits() + images.stats().misses(),
                "only the code image was looked up: the cover's colour was remembered");
        assertEquals(1, paths("/uri/plain").size(), "the same style: the cached code");
        assertArrayEquals(code.bytes(), again.bytes());
    }

    @Test
    void codeOnlyWithAnExplicitStyleNeedsNoCoverAndFailuresAreEmpty() {
        ShareStyle.Options options = ShareStyle.parse(
                name -> Optional.ofNullable(Map.of("background", "1DB954", "bars", "black", "size", "300").get(name)),
                true).options();

        assertTrue(cards.code(TRACK, cover(), options).isPresent());
        assertEquals(List.of(), paths("/images"));
        assertEquals(List.of("/uri/plain/png/1db954/black/300/spotify:track:4uLU6hMCjMI75M1A2tKUQC"),
                paths("/uri/plain"));

        assertEquals(List.of("/uri/plain/png/000000/white/640/spotify:album:1GbtB4zTqAsyfZEsm1RZfx"),
                cards.code(new SpotifyUri(SpotifyUri.Type.ALBUM, "1GbtB4zTqAsyfZEsm1RZfx"), null,
                        ShareStyle.parse(name -> Optional.empty(), true).options()).map(c -> paths("/uri/plain/png/0"))
                        .orElseThrow(), "no cover: Spotify black");

        spotify.failNext("/uri/plain/", 500);
        assertEquals(Optional.empty(), cards.code(new SpotifyUri(SpotifyUri.Type.PLAYLIST, "37i9dQZF1DXcBWIGoYBM5M"),
                null, options));
    }
}
