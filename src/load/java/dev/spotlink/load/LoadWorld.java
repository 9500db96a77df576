package dev.spotlink.load;

import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.Platform;
import dev.spotlink.link.LinkService;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.NewLink;
import dev.spotlink.testing.FakeSpotify;
import dev.spotlink.testing.StoreAccess;
import dev.spotlink.testing.TestConfigs;
import dev.spotlink.testing.discord.FakeDiscord;
import dev.spotlink.testing.telegram.FakeTelegram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * The fakes the bot talks to (Spotify with configurable latency, Discord, Telegram), a data folder with the
 * seeded accounts, and the upstream time the fake Spotify spent on each account's requests — the critical path a
 * command cannot beat.
 */
final class LoadWorld implements AutoCloseable {

    static final String TELEGRAM_TOKEN = "424242:AAH-load-driver_token";
    /** Telegram chat user ids of the seeded accounts: {@code FIRST_USER + index}. */
    static final long FIRST_USER = 5_000_000_000L;

    final LoadSettings settings;
    final FakeSpotify spotify = FakeSpotify.start();
    final FakeDiscord discord = FakeDiscord.start();
    final FakeTelegram telegram = FakeTelegram.start(TELEGRAM_TOKEN);
    final Path dataDir;
    private final AtomicLongArray upstreamNanos;
    final AtomicLong tokenRefreshes = new AtomicLong();
    final AtomicLong unattributed = new AtomicLong();
    final AtomicLong imageFetches = new AtomicLong();

    LoadWorld(LoadSettings settings) throws IOException {
        this.settings = settings;
        this.dataDir = Files.createTempDirectory("spotlink-load");
        this.upstreamNanos = new AtomicLongArray(settings.accounts());
        spotify.registerApp(TestConfigs.CLIENT_ID, TestConfigs.CLIENT_SECRET);
        spotify.setRecording(false);
        spotify.setObserver(this::served);
    }

    /** Linked accounts 0..n-1 in the database and at the fake; every tenth has a stale token to refresh. */
    void seed() {
        String scope = String.join(" ", LinkService.SCOPES);
        Instant now = Instant.now();
        try (StoreAccess store = StoreAccess.open(dataDir)) {
            LinkedAccountRepository accounts = store.accounts();
            for (int i = 0; i < settings.accounts(); i++) {
                String account = accountId(i);
                spotify.addUser(account, "Listener " + i);
                spotify.setPlaying(account, spotify.trackJson(trackId(i % settings.tracks()), "Track " + i
                        % settings.tracks(), List.of("Artist " + i % 50), "Album " + i % settings.tracks(),
                        30_000 + i % 60_000, 210_000, true));
                FakeSpotify.Tokens tokens = spotify.issueTokens(account, TestConfigs.CLIENT_ID, scope);
                Instant expires = i % 10 == 0 ? now.minusSeconds(60) : tokens.expiresAt();
                accounts.save(new NewLink(user(i), account, "Listener " + i, TestConfigs.CLIENT_ID,
                        tokens.accessToken(), tokens.refreshToken(), expires, scope), now);
            }
        }
    }

    /** From now on the fakes answer with the configured latency. */
    void slowDown() {
        spotify.setLatency(settings.apiLatency());
        spotify.setImageLatency(settings.imageLatency());
    }

    static String accountId(int index) {
        return "acct-" + index;
    }

    static ChatUser user(int index) {
        return new ChatUser(Platform.TELEGRAM, Long.toString(FIRST_USER + index));
    }

    /** A 22-character base62 id. */
    static String trackId(int index) {
        return String.format("4uLU6hMCjMI75M1A2t%04d", index);
    }

    /** Resets the account's upstream clock before one of its commands. */
    void startClock(int index) {
        upstreamNanos.set(index, 0);
    }

    long upstream(int index) {
        return upstreamNanos.get(index);
    }

    private void served(String accountId, String path, long nanos) {
        if (path.equals("/api/token")) {
            tokenRefreshes.incrementAndGet();
        }
        if (path.startsWith("/images/") || path.startsWith("/uri/plain/")) {
            imageFetches.incrementAndGet();
        }
        if (accountId == null || !accountId.startsWith("acct-")) {
            unattributed.incrementAndGet();
            return;
        }
        int index = Integer.parseInt(accountId.substring(5));
        if (index < upstreamNanos.length()) {
            // a command's calls to Spotify are sequential, so their sum is its critical path
            upstreamNanos.addAndGet(index, nanos);
        }
    }

    /** The config both the in-process bot and the jar use: fakes, this data folder, no cooldown. */
    SpotlinkConfig config(int port) {
        return TestConfigs.config(spotify, dataDir, port,
                Optional.of(new DiscordConfig(new Secret(discord.token()), discord.apiUrl(), discord.gatewayUrl(),
                        Optional.empty())),
                Optional.of(new TelegramConfig(new Secret(TELEGRAM_TOKEN), telegram.url())));
    }

    /** The same as a {@code config.properties} for {@code java -jar}. */
    Path writeConfigFile(int port) {
        SpotlinkConfig c = config(port);
        String text = String.join("\n",
                "spotify.client-id=" + TestConfigs.CLIENT_ID,
                "spotify.client-secret=" + TestConfigs.CLIENT_SECRET,
                "spotify.redirect-uri=" + c.spotify().redirectUri(),
                "spotify.accounts-url=" + spotify.accountsUrl(),
                "spotify.api-url=" + spotify.apiUrl(),
                "spotify.codes-url=" + spotify.codesUrl(),
                "server.host=127.0.0.1",
                "server.port=" + port,
                "database.url=" + c.database().url(),
                "security.key-file=" + c.security().keyFile().toAbsolutePath(),
                "discord.token=" + discord.token(),
                "discord.api-url=" + discord.apiUrl(),
                "discord.gateway-url=" + discord.gatewayUrl(),
                "telegram.token=" + TELEGRAM_TOKEN,
                "telegram.api-url=" + telegram.url(),
                "command.refill=0",
                "");
        Path file = dataDir.resolve("config.properties");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        spotify.close();
        discord.close();
        telegram.close();
        if (!Boolean.getBoolean("load.keep-data")) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
