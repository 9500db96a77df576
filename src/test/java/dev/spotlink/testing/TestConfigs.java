package dev.spotlink.testing;

import dev.spotlink.config.CacheConfig;
import dev.spotlink.config.CommandConfig;
import dev.spotlink.config.DatabaseConfig;
import dev.spotlink.config.DiscordConfig;
import dev.spotlink.config.LinkConfig;
import dev.spotlink.config.Secret;
import dev.spotlink.config.SecurityConfig;
import dev.spotlink.config.ServerConfig;
import dev.spotlink.config.SpotifyConfig;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.config.TelegramConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configs for tests: everything on 127.0.0.1, data in a temp folder, Spotify pointing at a {@link FakeSpotify}. */
public final class TestConfigs {

    public static final String CLIENT_ID = "spotlink-test-client";
    public static final String CLIENT_SECRET = "spotlink-test-secret-0123456789";

    private TestConfigs() {
    }

    /** A config with a fixed free port (the redirect URI must name it before the server starts). */
    public static SpotlinkConfig config(FakeSpotify spotify, Path dataDir) {
        return config(spotify, dataDir, freePort(), Optional.empty(), Optional.empty());
    }

    public static SpotlinkConfig config(FakeSpotify spotify, Path dataDir, int port,
                                        Optional<DiscordConfig> discord, Optional<TelegramConfig> telegram) {
        spotify.registerApp(CLIENT_ID, CLIENT_SECRET);
        return new SpotlinkConfig(
                dataDir.resolve("config.properties").toAbsolutePath(),
                new SpotifyConfig(CLIENT_ID, new Secret(CLIENT_SECRET),
                        URI.create("http://127.0.0.1:" + port + "/callback"),
                        spotify.accountsUrl(), spotify.apiUrl(), spotify.codesUrl()),
                new ServerConfig("127.0.0.1", port),
                new DatabaseConfig("jdbc:sqlite:" + dataDir.resolve("spotlink.db").toAbsolutePath()),
                new SecurityConfig(dataDir.resolve("spotlink.key")),
                new LinkConfig(Duration.ofMinutes(10)),
                discord,
                telegram,
                // Playback asked anew every time: tests change it between commands; the cache has its own tests.
                new CacheConfig(CacheConfig.DEFAULT_MEMORY_BYTES, false, CacheConfig.DEFAULT_DISK_BYTES, Duration.ZERO),
                // No cooldown: tests run commands back to back; the cooldown has its own tests.
                new CommandConfig(Duration.ZERO));
    }

    /** {@code config} with other command rules (tests of the per-user rate limit). */
    public static SpotlinkConfig withCommands(SpotlinkConfig c, CommandConfig command) {
        return new SpotlinkConfig(c.source(), c.spotify(), c.server(), c.database(), c.security(), c.link(),
                c.discord(), c.telegram(), c.cache(), command, c.metrics());
    }

    /** {@code config} with another callback server section (e.g. {@code server.trust-proxy}). */
    public static SpotlinkConfig withServer(SpotlinkConfig c, ServerConfig server) {
        return new SpotlinkConfig(c.source(), c.spotify(), server, c.database(), c.security(), c.link(),
                c.discord(), c.telegram(), c.cache(), c.command(), c.metrics());
    }

    /**
     * {@code base} with paste-back on and its callback server on another port than the redirect URI names (a port
     * that was free a moment ago, where nothing listens): a member's browser sent there by Spotify reaches nothing,
     * as on a machine that is not the member's, so a link can only complete by pasting the address back.
     */
    public static SpotlinkConfig pasteBack(SpotlinkConfig base) {
        int redirectPort = freePort();
        while (redirectPort == base.server().port()) {
            redirectPort = freePort();
        }
        SpotifyConfig spotify = base.spotify();
        LinkConfig link = base.link();
        return new SpotlinkConfig(base.source(),
                new SpotifyConfig(spotify.clientId(), spotify.clientSecret(),
                        URI.create("http://127.0.0.1:" + redirectPort + "/callback"), spotify.accountsUrl(),
                        spotify.apiUrl(), spotify.codesUrl()),
                base.server(), base.database(), base.security(),
                new LinkConfig(link.ttl(), link.ownApp(), link.extendedQuota(), true),
                base.discord(), base.telegram(), base.cache(), base.command(), base.metrics());
    }

    /** {@code config} whose members' playback is reused for {@code playbackTtl} (tests of that reuse). */
    public static SpotlinkConfig withPlaybackTtl(SpotlinkConfig config, Duration playbackTtl) {
        CacheConfig cache = config.cache();
        return new SpotlinkConfig(config.source(), config.spotify(), config.server(), config.database(),
                config.security(), config.link(), config.discord(), config.telegram(),
                new CacheConfig(cache.memoryBytes(), cache.disk(), cache.diskBytes(), playbackTtl), config.command(),
                config.metrics());
    }

    /** A port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
