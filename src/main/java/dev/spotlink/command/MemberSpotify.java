package dev.spotlink.command;

import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.PlaybackCache;
import dev.spotlink.spotify.RecentlyPlayed;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyEntity;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyUri;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.spotify.TopArtist;
import dev.spotlink.spotify.TopRange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Spotify as seen through one member's linked account: what they play now (through the shared playback cache),
 * what they played, their top items, and what a link points to. Every call goes through the member's own app,
 * its rate-limit gate and the token refresh. The commands and Telegram's inline mode both ask through here.
 */
public final class MemberSpotify {

    private final PlaybackCache playback;
    private final TokenManager tokens;
    private final SpotifyApiClient api;

    public MemberSpotify(PlaybackCache playback, TokenManager tokens, SpotifyApiClient api) {
        this.playback = Objects.requireNonNull(playback, "playback");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.api = Objects.requireNonNull(api, "api");
    }

    /** What the member plays now (empty: nothing), reused for {@code cache.playback-ttl}. */
    public Optional<NowPlaying> current(LinkedAccount account) throws SpotifyException {
        return playback.current(account);
    }

    /** The last item the member played, if Spotify remembers one. */
    public Optional<RecentlyPlayed> lastPlayed(LinkedAccount account) throws SpotifyException {
        return tokens.call(account, app(account)::lastPlayed);
    }

    /** The last {@code limit} items the member played, newest first. */
    public List<RecentlyPlayed> recentlyPlayed(LinkedAccount account, int limit) throws SpotifyException {
        return tokens.call(account, token -> app(account).recentlyPlayed(token, limit));
    }

    public List<PlayableItem> topTracks(LinkedAccount account, TopRange range, int limit) throws SpotifyException {
        return tokens.call(account, token -> app(account).topTracks(token, range, limit));
    }

    public List<TopArtist> topArtists(LinkedAccount account, TopRange range, int limit) throws SpotifyException {
        return tokens.call(account, token -> app(account).topArtists(token, range, limit));
    }

    /** Title and subtitle of what {@code uri} points to, looked up with the member's token. */
    public SpotifyEntity describe(LinkedAccount account, SpotifyUri uri) throws SpotifyException {
        return tokens.call(account, token -> app(account).entity(token, uri));
    }

    private SpotifyApiClient app(LinkedAccount account) {
        return api.forApp(account.clientId());
    }
}
