package dev.spotlink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlink.command.AccountAccess;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.MemberSpotify;
import dev.spotlink.command.Notifiers;
import dev.spotlink.domain.BotState;
import dev.spotlink.domain.Leases;
import dev.spotlink.i18n.Messages;
import dev.spotlink.link.LinkService;
import dev.spotlink.link.PasteBack;
import dev.spotlink.spotify.PlaybackCache;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.store.Database;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.web.Health;
import dev.spotlink.web.WebhookEndpoint;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * The platform-neutral services, wired once; transports take what they need from here. {@code playback} is the
 * per-member playback cache every command and inline mode share; {@code botState} and {@code leases} are what
 * transports keep across restarts and processes (registered commands' hash, the Telegram polling lease).
 */
public record Core(
        Clock clock,
        Database database,
        LinkedAccountRepository accounts,
        OkHttpClient http,
        ObjectMapper json,
        SpotifyApiClient api,
        SpotifyCodesClient codes,
        TokenManager tokens,
        Messages messages,
        Notifiers notifiers,
        LinkService links,
        CommandRegistry registry,
        Health health,
        WebhookEndpoint webhooks,
        PasteBack pasteBack,
        PlaybackCache playback,
        AccountAccess access,
        MemberSpotify spotify,
        BotState botState,
        Leases leases) {
}
