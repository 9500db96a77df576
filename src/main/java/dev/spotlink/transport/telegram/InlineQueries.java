package dev.spotlink.transport.telegram;

import dev.spotlink.command.AccountAccess;
import dev.spotlink.command.CommandRateLimit;
import dev.spotlink.command.MemberSpotify;
import dev.spotlink.command.PlaybackFormatter;
import dev.spotlink.command.Reply;
import dev.spotlink.command.SpotifyErrors;
import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.domain.Platform;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.RecentlyPlayed;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyEntity;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyLinkParser;
import dev.spotlink.spotify.SpotifyUri;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultPhoto;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultsButton;

/**
 * Inline mode ({@code @bot} in any chat): the user's current track, or the code of a pasted Spotify link, as a
 * Spotify-code photo. Inline photos must be JPEG URLs, so they point at the codes service instead of uploading.
 * Answers are personal and cached briefly, since they change with what the user plays.
 *
 * <p>Telegram sends a query per keystroke. They are never simply refused: a query overtaken by a newer one of
 * the same user before its turn came is dropped (debounced: the user sees only the newest anyway), recent answers
 * are reused ({@link RecentAnswers}), and only a query that needs Spotify spends from the user's
 * {@link CommandRateLimit}. Over the limit, a pasted link is answered from the link alone and the current track
 * from the last answer; only with nothing to show does the user read when to try again.
 */
final class InlineQueries {

    static final int CACHE_SECONDS = 10;
    /** How long the current track is taken from the last answer instead of Spotify. */
    static final Duration NOW_PLAYING_FRESH = Duration.ofSeconds(CACHE_SECONDS);
    /** How long a pasted link's title and subtitle are taken from the last answer. */
    static final Duration LINK_FRESH = Duration.ofMinutes(10);
    private static final int MAX_RECENT = 10_000;
    private static final String NOW = "now|";
    static final CodeStyle PHOTO = new CodeStyle(CodeStyle.Format.JPEG, "000000", CodeStyle.Bars.WHITE, 640);
    static final CodeStyle THUMBNAIL = new CodeStyle(CodeStyle.Format.JPEG, "000000", CodeStyle.Bars.WHITE, 320);

    private static final Logger log = LoggerFactory.getLogger(InlineQueries.class);

    private final AccountAccess access;
    private final MemberSpotify spotify;
    private final SpotifyCodesClient codes;
    private final Messages messages;
    private final PlaybackFormatter formatter;
    private final SpotifyErrors spotifyErrors;
    private final CommandRateLimit rateLimit;
    private final RecentAnswers<Shown> recent;
    // the newest query of each user waiting for its turn (user id -> query id)
    private final ConcurrentHashMap<Long, String> newest = new ConcurrentHashMap<>();

    /**
     * @param access    the members' linked accounts, as the commands find them
     * @param spotify   Spotify through a member's account (the playback cache the commands share)
     * @param rateLimit the users' allowance of Spotify calls, shared with their commands
     */
    InlineQueries(AccountAccess access, MemberSpotify spotify, SpotifyCodesClient codes, Messages messages,
                  CommandRateLimit rateLimit) {
        this.access = access;
        this.spotify = spotify;
        this.codes = codes;
        this.messages = messages;
        this.formatter = new PlaybackFormatter(messages);
        this.spotifyErrors = new SpotifyErrors(messages);
        this.rateLimit = rateLimit;
        this.recent = new RecentAnswers<>(rateLimit.clock(), MAX_RECENT);
    }

    /** A query arrived (in Telegram's order): from now on it overtakes its user's earlier ones still waiting. */
    void received(InlineQuery query) {
        newest.put(query.getFrom().getId(), query.getId());
    }

    /** A received query will not be answered after all (no room to queue it): it overtakes nothing. */
    void dropped(InlineQuery query) {
        newest.remove(query.getFrom().getId(), query.getId());
    }

    /** The answer, unless a newer query of the same user arrived meanwhile (then nobody would see it). */
    Optional<AnswerInlineQuery> answerUnlessOvertaken(InlineQuery query) {
        Long user = query.getFrom().getId();
        if (!query.getId().equals(newest.getOrDefault(user, query.getId()))) {
            log.debug("Inline query {} of {} overtaken by a newer one: not answered", query.getId(), user);
            return Optional.empty();
        }
        try {
            return Optional.of(answer(query));
        } finally {
            newest.remove(user, query.getId());
        }
    }

    /** The answer for one inline query (calls Spotify; never throws for Spotify failures). */
    AnswerInlineQuery answer(InlineQuery query) {
        Locale locale = messages.resolve(query.getFrom().getLanguageCode());
        ChatUser user = new ChatUser(Platform.TELEGRAM, String.valueOf(query.getFrom().getId()));
        String text = query.getQuery() == null ? "" : query.getQuery().strip();
        Optional<SpotifyUri> link = text.isEmpty() ? Optional.empty() : SpotifyLinkParser.parse(text);
        Optional<LinkedAccount> account = access.find(user);
        try {
            return (link.isPresent() ? linkCode(user, locale, link.get(), account)
                    : nowPlaying(locale, user, account)).to(query);
        } catch (SpotifyException e) {
            spotifyErrors.logFor("inline", user, e);
            Shown shown = switch (e.reason()) {
                case NEEDS_RELINK, INVALID_GRANT, UNAUTHORIZED ->
                        Shown.button(messages.get(locale, "telegram.inline.relink"), "link");
                case NOT_ALLOWLISTED -> Shown.button(messages.get(locale, "telegram.inline.not-allowlisted"),
                        "nowplaying");
                case NOT_FOUND -> Shown.button(messages.get(locale, "telegram.inline.not-found"), "help");
                default -> Shown.button(messages.get(locale, "telegram.inline.unavailable"), "nowplaying");
            };
            return shown.to(query);
        }
    }

    private Shown nowPlaying(Locale locale, ChatUser user, Optional<LinkedAccount> account) throws SpotifyException {
        if (account.isEmpty()) {
            return Shown.button(messages.get(locale, "telegram.inline.not-linked"), "link");
        }
        if (account.get().status() == AccountStatus.NEEDS_RELINK) {
            return Shown.button(messages.get(locale, "telegram.inline.relink"), "link");
        }
        String key = NOW + locale.toLanguageTag();
        Optional<Shown> fresh = recent.fresh(user, key, NOW_PLAYING_FRESH);
        if (fresh.isPresent()) {
            return fresh.get();
        }
        Optional<Duration> wait = rateLimit.tryAcquire(user);
        if (wait.isPresent()) {
            log.debug("Inline now-playing for {} over the limit: last answer or the wait", user);
            return recent.any(user, key).orElseGet(() -> tooFast(locale, wait.get()));
        }
        Shown shown = currentTrack(locale, user, account.get());
        recent.put(user, key, shown);
        return shown;
    }

    private Shown currentTrack(Locale locale, ChatUser user, LinkedAccount account) throws SpotifyException {
        PlayableItem item = spotify.current(account).map(NowPlaying::item).orElse(null);
        String titleKey = "telegram.inline.now-playing";
        if (item == null) {
            // nothing, an ad or something Spotify does not describe: the last track is the next best thing
            item = spotify.lastPlayed(account).map(RecentlyPlayed::item).orElse(null);
            titleKey = "telegram.inline.last-played";
        }
        if (item == null) {
            return Shown.button(messages.get(locale, "telegram.inline.nothing"), "nowplaying");
        }
        Optional<SpotifyUri> uri = item.local() || item.uri() == null ? Optional.empty()
                : SpotifyLinkParser.parse(item.uri());
        if (uri.isEmpty()) {
            return Shown.button(messages.get(locale, "telegram.inline.local-file"), "nowplaying");
        }
        log.debug("Inline now-playing for {}: {}", user, uri.get());
        SpotifyEntity entity = new SpotifyEntity(uri.get(), item.name(), formatter.subtitle(item, locale),
                item.coverUrl());
        return Shown.photo(photo("now-", entity, messages.get(locale, titleKey, item.name()), locale));
    }

    private Shown linkCode(ChatUser user, Locale locale, SpotifyUri uri, Optional<LinkedAccount> account)
            throws SpotifyException {
        String key = uri.uri() + "|" + locale.toLanguageTag();
        Optional<Shown> fresh = recent.fresh(user, key, LINK_FRESH);
        if (fresh.isPresent()) {
            return fresh.get();
        }
        Optional<SpotifyEntity> described = described(user, uri, account);
        SpotifyEntity entity = described.orElseGet(() -> fromLinkAlone(uri, locale));
        Shown shown = Shown.photo(photo("link-", entity, entity.title(), locale));
        if (described.isPresent()) {
            recent.put(user, key, shown); // only what took a Spotify call: the bare link is no work to redo
        }
        return shown;
    }

    /**
     * Title and subtitle from the Web API when the user is linked and within their limit (empty otherwise, and
     * when the lookup fails for another reason than "no such item").
     */
    private Optional<SpotifyEntity> described(ChatUser user, SpotifyUri uri, Optional<LinkedAccount> account)
            throws SpotifyException {
        Optional<LinkedAccount> active = account.filter(a -> a.status() == AccountStatus.ACTIVE);
        if (active.isEmpty() || uri.type() == SpotifyUri.Type.USER || rateLimit.tryAcquire(user).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(spotify.describe(active.get(), uri));
        } catch (SpotifyException e) {
            if (e.reason() == SpotifyException.Reason.NOT_FOUND) {
                throw e;
            }
            log.info("Inline title lookup for {} failed ({}); answering with the code alone", uri, e.reason());
            return Optional.empty();
        }
    }

    /** What the link itself tells (as /share does): no Spotify call. */
    private SpotifyEntity fromLinkAlone(SpotifyUri uri, Locale locale) {
        String title = uri.type() == SpotifyUri.Type.USER ? uri.id() : uri.webUrl();
        return new SpotifyEntity(uri, title, messages.get(locale, "share.type." + uri.type().path()), null);
    }

    private InlineQueryResultPhoto photo(String idPrefix, SpotifyEntity entity, String resultTitle, Locale locale) {
        SpotifyUri uri = entity.uri();
        Reply card = Reply.builder()
                .title(entity.title(), uri.webUrl())
                .body(entity.subtitle())
                .button(messages.get(locale, "button.open-in-spotify"), uri.webUrl())
                .build();
        return InlineQueryResultPhoto.builder()
                .id(idPrefix + Integer.toHexString(uri.uri().hashCode()))
                .photoUrl(codes.url(uri, PHOTO).toString())
                .thumbnailUrl(codes.url(uri, THUMBNAIL).toString())
                .photoWidth(PHOTO.size())
                .photoHeight(PHOTO.size() / 4) // codes are drawn 4:1
                .title(resultTitle)
                .description(entity.subtitle())
                .caption(ReplyRenderer.html(card, ReplyRenderer.CAPTION_LIMIT))
                .parseMode(ParseMode.HTML)
                .replyMarkup(ReplyRenderer.keyboard(card.buttons()))
                .build();
    }

    /** Over the limit with nothing to show: when to try again; Telegram keeps it that long. */
    private Shown tooFast(Locale locale, Duration wait) {
        long seconds = CommandRateLimit.wholeSeconds(wait);
        return new Shown(List.of(), InlineQueryResultsButton.builder()
                .text(messages.get(locale, "telegram.inline.too-fast", seconds)).startParameter("nowplaying").build(),
                (int) Math.min(seconds, CACHE_SECONDS));
    }

    /**
     * What an answer shows, apart from the query it answers: results, or a button above none that opens the
     * private chat with {@code /start <payload>}. Reusable for later queries of the same user.
     */
    private record Shown(List<InlineQueryResultPhoto> results, InlineQueryResultsButton button, int cacheSeconds) {

        static Shown photo(InlineQueryResultPhoto result) {
            return new Shown(List.of(result), null, CACHE_SECONDS);
        }

        static Shown button(String text, String startPayload) {
            return new Shown(List.of(), InlineQueryResultsButton.builder().text(text).startParameter(startPayload)
                    .build(), CACHE_SECONDS);
        }

        AnswerInlineQuery to(InlineQuery query) {
            return AnswerInlineQuery.builder()
                    .inlineQueryId(query.getId())
                    .results(results)
                    .cacheTime(cacheSeconds)
                    .isPersonal(true)
                    .button(button)
                    .build();
        }
    }
}
