package dev.spotlink.admin.setup;

import dev.spotlink.config.ConfigKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the admin has entered so far, starting from the existing config file. Secrets are held here to run the
 * checks and to write the file, but pages only learn whether one is saved ({@link #hasSecret}). Each platform's
 * check result is kept until its value changes. Guarded by the set-up server (one session, synchronized calls).
 */
final class SetupDraft {

    /** A bot that passed its check: display name and user id. */
    record Bot(String name, String id) {
    }

    static final String CALLBACK_PATH = "/callback";

    private final Map<ConfigKey, String> values = new LinkedHashMap<>();
    private final Map<String, String> endpoints;
    private final int port;
    private boolean spotifyVerified;
    private Bot discordBot;
    private Bot telegramBot;

    /**
     * @param file     the config file's current values
     * @param env      the environment: endpoints set there win over the file, as in the config loader
     * @param port     the port the bot will listen on (for the default local redirect URI)
     */
    SetupDraft(Map<String, String> file, Map<String, String> env, int port) {
        this.port = port;
        for (ConfigKey key : new ConfigKey[] {ConfigKey.SPOTIFY_CLIENT_ID, ConfigKey.SPOTIFY_CLIENT_SECRET,
                ConfigKey.SPOTIFY_REDIRECT_URI, ConfigKey.DISCORD_TOKEN, ConfigKey.TELEGRAM_TOKEN}) {
            String value = file.get(key.key());
            if (value != null && !value.isBlank()) {
                values.put(key, value.strip());
            }
        }
        this.endpoints = new LinkedHashMap<>();
        for (ConfigKey key : new ConfigKey[] {ConfigKey.SPOTIFY_ACCOUNTS_URL, ConfigKey.DISCORD_API_URL,
                ConfigKey.TELEGRAM_API_URL}) {
            String fromEnv = env.get(key.envName());
            String value = fromEnv != null && !fromEnv.isBlank() ? fromEnv : file.get(key.key());
            endpoints.put(key.key(), value != null && !value.isBlank() ? value.strip()
                    : key.defaultValue().orElseThrow());
        }
    }

    Optional<String> value(ConfigKey key) {
        return Optional.ofNullable(values.get(key));
    }

    boolean hasSecret(ConfigKey key) {
        return values.containsKey(key);
    }

    /** Where the checks go: the configured (or default) endpoint for {@code key}. */
    String endpoint(ConfigKey key) {
        return endpoints.get(key.key());
    }

    /** The public address: the redirect URI without its callback path, else the local default. */
    String publicAddress() {
        return value(ConfigKey.SPOTIFY_REDIRECT_URI).map(SetupDraft::addressOf).orElse(localAddress());
    }

    String localAddress() {
        return "http://127.0.0.1:" + port;
    }

    /** The redirect URI to register with Spotify: the public address + {@value #CALLBACK_PATH}. */
    String redirectUri() {
        return value(ConfigKey.SPOTIFY_REDIRECT_URI).orElse(localAddress() + CALLBACK_PATH);
    }

    void setRedirectUri(String redirectUri) {
        values.put(ConfigKey.SPOTIFY_REDIRECT_URI, redirectUri);
    }

    /** Sets the Spotify app; a null secret keeps the saved one. Clears the earlier check. */
    void setSpotify(String clientId, String clientSecret) {
        values.put(ConfigKey.SPOTIFY_CLIENT_ID, clientId);
        if (clientSecret != null) {
            values.put(ConfigKey.SPOTIFY_CLIENT_SECRET, clientSecret);
        }
        spotifyVerified = false;
    }

    void spotifyVerified() {
        spotifyVerified = true;
    }

    boolean isSpotifyVerified() {
        return spotifyVerified;
    }

    /** Sets (non-null) or removes (null) a platform token, forgetting that platform's earlier check. */
    void setToken(ConfigKey key, String token) {
        if (token == null) {
            values.remove(key);
        } else {
            values.put(key, token);
        }
        if (key == ConfigKey.DISCORD_TOKEN) {
            discordBot = null;
        } else {
            telegramBot = null;
        }
    }

    void verified(ConfigKey tokenKey, Bot bot) {
        if (tokenKey == ConfigKey.DISCORD_TOKEN) {
            discordBot = bot;
        } else {
            telegramBot = bot;
        }
    }

    Optional<Bot> discordBot() {
        return Optional.ofNullable(discordBot);
    }

    Optional<Bot> telegramBot() {
        return Optional.ofNullable(telegramBot);
    }

    /** Spotify set and checked, and at least one chat platform set. */
    boolean complete() {
        return spotifyComplete() && (hasSecret(ConfigKey.DISCORD_TOKEN) || hasSecret(ConfigKey.TELEGRAM_TOKEN));
    }

    boolean spotifyComplete() {
        return hasSecret(ConfigKey.SPOTIFY_CLIENT_ID) && hasSecret(ConfigKey.SPOTIFY_CLIENT_SECRET)
                && hasSecret(ConfigKey.SPOTIFY_REDIRECT_URI);
    }

    /** The keys the set-up page owns, for the file: null removes a key (a platform turned off). */
    Map<String, String> changes() {
        Map<String, String> changes = new LinkedHashMap<>();
        for (ConfigKey key : new ConfigKey[] {ConfigKey.SPOTIFY_CLIENT_ID, ConfigKey.SPOTIFY_CLIENT_SECRET,
                ConfigKey.SPOTIFY_REDIRECT_URI, ConfigKey.DISCORD_TOKEN, ConfigKey.TELEGRAM_TOKEN}) {
            changes.put(key.key(), values.get(key));
        }
        return changes;
    }

    private static String addressOf(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String base = path.endsWith(CALLBACK_PATH) ? path.substring(0, path.length() - CALLBACK_PATH.length())
                    : "";
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + base;
        } catch (URISyntaxException | RuntimeException e) {
            return redirectUri;
        }
    }
}
