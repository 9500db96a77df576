package dev.spotlink.transport.telegram;

import dev.spotlink.command.PlaybackFormatter;
import dev.spotlink.command.Reply;
import dev.spotlink.command.SpotifyErrors;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.CodeStyle;
import dev.spotlink.spotify.NowPlaying;
import dev.spotlink.spotify.PlaybackCache;
import dev.spotlink.spotify.PlayableItem;
import dev.spotlink.spotify.RecentlyPlayed;
import dev.spotlink.spotify.SpotifyApiClient;
import dev.spotlink.spotify.SpotifyCodesClient;
import dev.spotlink.spotify.SpotifyEntity;
import dev.spotlink.spotify.SpotifyException;
import dev.spotlink.spotify.SpotifyLinkParser;
import dev.spotlink.spotify.SpotifyUri;
import dev.spotlink.spotify.TokenManager;
import dev.spotlink.store.AccountStatus;
import dev.spotlink.store.ChatUser;
import dev.spotlink.store.LinkedAccount;
import dev.spotlink.store.LinkedAccountRepository;
import dev.spotlink.store.Platform;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
 */
final class InlineQueries {

    static final int CACHE_SECONDS = 10;
    static final CodeStyle PHOTO = new CodeStyle(CodeStyle.Format.JPEG, "000000", CodeStyle.Bars.WHITE, 640);
    static final CodeStyle THUMBNAIL = new CodeStyle(CodeStyle.Format.JPEG, "000000", CodeStyle.Bars.WHITE, 320);

    private static final Logger log = LoggerFactory.getLogger(InlineQueries.class);

    private final LinkedAccountRepository accounts;
    private final TokenManager tokens;
    private final SpotifyApiClient api;
    private final SpotifyCodesClient codes;
    private final Messages messages;
    private final PlaybackFormatter formatter;
    private final SpotifyErrors spotifyErrors;
    private final PlaybackCache playback;

    /** @param playback what members play now, shared with the commands; null: ask Spotify directly */
    InlineQueries(LinkedAccountRepository accounts, TokenManager tokens, SpotifyApiClient api,
                  SpotifyCodesClient codes, Messages messages, PlaybackCache playback) {
        this.playback = playback;
        this.accounts = accounts;
        this.tokens = tokens;
        this.api = api;
        this.codes = codes;
        this.messages = messages;
        this.formatter = new PlaybackFormatter(messages);
        this.spotifyErrors = new SpotifyErrors(messages);
    }

    /** The answer for one inline query (calls Spotify; never throws for Spotify failures). */
    AnswerInlineQuery answer(InlineQuery query) {
        Locale locale = messages.resolve(query.getFrom().getLanguageCode());
        ChatUser user = new ChatUser(Platform.TELEGRAM, String.valueOf(query.getFrom().getId()));
        String text = query.getQuery() == null ? "" : query.getQuery().strip();
        Optional<SpotifyUri> link = text.isEmpty() ? Optional.empty() : SpotifyLinkParser.parse(text);
        Optional<LinkedAccount> account = accounts.find(user);
        try {
            return link.isPresent() ? linkCode(query, locale, link.get(), account)
                    : nowPlaying(query, locale, user, account);
        } catch (SpotifyException e) {
            spotifyErrors.logFor("inline", user, e);
            return switch (e.reason()) {
                case NEEDS_RELINK, INVALID_GRANT, UNAUTHORIZED ->
                        button(query, messages.get(locale, "telegram.inline.relink"), "link");
                case NOT_ALLOWLISTED -> button(query, messages.get(locale, "telegram.inline.not-allowlisted"),
                        "nowplaying");
                case NOT_FOUND -> button(query, messages.get(locale, "telegram.inline.not-found"), "help");
                default -> button(query, messages.get(locale, "telegram.inline.unavailable"), "nowplaying");
            };
        }
    }

    private AnswerInlineQuery nowPlaying(InlineQuery query, Locale locale, ChatUser user,
                                        Optional<LinkedAccount> account) throws SpotifyException {
        if (account.isEmpty()) {
            return button(query, messages.get(locale, "telegram.inline.not-linked"), "link");
        }
        if (account.get().status() == AccountStatus.NEEDS_RELINK) {
            return button(query, messages.get(locale, "telegram.inline.relink"), "link");
        }
        SpotifyApiClient app = api.forApp(account.get().clientId());
        Optional<NowPlaying> playing = playback != null ? playback.current(account.get())
                : tokens.call(account.get(), app::currentlyPlaying);
        PlayableItem item = playing.map(NowPlaying::item).orElse(null);
        String titleKey = "telegram.inline.now-playing";
        if (item == null) {
            // nothing, an ad or something Spotify does not describe: the last track is the next best thing
            item = tokens.call(account.get(), app::lastPlayed).map(RecentlyPlayed::item).orElse(null);
            titleKey = "telegram.inline.last-played";
        }
        if (item == null) {
            return button(query, messages.get(locale, "telegram.inline.nothing"), "nowplaying");
        }
        Optional<SpotifyUri> uri = item.local() || item.uri() == null ? Optional.empty()
                : SpotifyLinkParser.parse(item.uri());
        if (uri.isEmpty()) {
            return button(query, messages.get(locale, "telegram.inline.local-file"), "nowplaying");
        }
        log.debug("Inline now-playing for {}: {}", user, uri.get());
        SpotifyEntity entity = new SpotifyEntity(uri.get(), item.name(), formatter.subtitle(item, locale),
                item.coverUrl());
        return photos(query, photo("now-", entity, messages.get(locale, titleKey, item.name()), locale));
    }

    private AnswerInlineQuery linkCode(InlineQuery query, Locale locale, SpotifyUri uri,
                                       Optional<LinkedAccount> account) throws SpotifyException {
        SpotifyEntity entity = describe(uri, account, locale);
        return photos(query, photo("link-", entity, entity.title(), locale));
    }

    /** Title and subtitle from the Web API when the user is linked; else from the link alone (as /share does). */
    private SpotifyEntity describe(SpotifyUri uri, Optional<LinkedAccount> account, Locale locale)
            throws SpotifyException {
        Optional<LinkedAccount> active = account.filter(a -> a.status() == AccountStatus.ACTIVE);
        if (active.isPresent() && uri.type() != SpotifyUri.Type.USER) {
            try {
                return tokens.call(active.get(), token -> api.forApp(active.get().clientId()).entity(token, uri));
            } catch (SpotifyException e) {
                if (e.reason() == SpotifyException.Reason.NOT_FOUND) {
                    throw e;
                }
                log.info("Inline title lookup for {} failed ({}); answering with the code alone", uri, e.reason());
            }
        }
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

    private static AnswerInlineQuery photos(InlineQuery query, InlineQueryResultPhoto result) {
        return AnswerInlineQuery.builder()
                .inlineQueryId(query.getId())
                .results(List.of(result))
                .cacheTime(CACHE_SECONDS)
                .isPersonal(true)
                .build();
    }

    /** No results, but a button above them that opens the private chat with {@code /start <payload>}. */
    private static AnswerInlineQuery button(InlineQuery query, String text, String startPayload) {
        return AnswerInlineQuery.builder()
                .inlineQueryId(query.getId())
                .results(List.of())
                .cacheTime(CACHE_SECONDS)
                .isPersonal(true)
                .button(InlineQueryResultsButton.builder().text(text).startParameter(startPayload).build())
                .build();
    }
}
