package dev.spotlink.link;

import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.i18n.Messages;
import dev.spotlink.spotify.SpotifyException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linking without a public address ({@code link.paste-back}): the redirect URI is a loopback address, so Spotify
 * sends each member's browser to their own machine, where it shows an error page; the member copies that page's
 * address and sends it to the bot privately, which completes the link exactly as its callback server would
 * ({@link LinkService#completePasted}), for the member who sends it only. Transports recognize the address, and
 * answer with what this class says.
 */
public final class PasteBack {

    private static final Logger log = LoggerFactory.getLogger(PasteBack.class);
    private static final String ACCESS_DENIED = "access_denied";

    private final LinkService links;
    private final Messages messages;
    private final URI redirectUri;
    private final boolean enabled;

    /**
     * @param redirectUri {@code spotify.redirect-uri}: the address members will paste starts with it
     * @param enabled     {@code link.paste-back}, resolved
     */
    public PasteBack(LinkService links, Messages messages, URI redirectUri, boolean enabled) {
        this.links = Objects.requireNonNull(links, "links");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.enabled = enabled;
    }

    /** Whether members finish links by sending the address back. */
    public boolean enabled() {
        return enabled;
    }

    /** The callback address {@code text} consists of, when paste-back is on; else empty. */
    public Optional<CallbackAddress> recognize(String text) {
        if (!enabled) {
            return Optional.empty();
        }
        String path = redirectUri.getRawPath();
        return CallbackAddress.parse(text, path == null || path.isEmpty() ? "/" : path);
    }

    /** What {@code /link} adds before the member clicks: the error page is expected; send its address here. */
    public String instructions(Locale locale) {
        return messages.get(locale, "link.paste-back.instructions", redirectUri.toString());
    }

    /** The label of the button that opens a form for the address, where a platform needs one (Discord). */
    public String buttonLabel(Locale locale) {
        return messages.get(locale, "link.paste-back.button");
    }

    /**
     * Completes the link {@code address} belongs to, for {@code user} who sent it privately, and returns the answer:
     * the confirmation, or why nothing was linked.
     */
    public Reply complete(ChatUser user, Locale locale, CallbackAddress address) {
        log.debug("{} sent a callback address", user); // never the address: it holds the code
        List<Reply> told = new ArrayList<>();
        CallbackResult result;
        try {
            result = links.completePasted(user, address, locale, (to, reply) -> told.add(reply));
        } catch (RuntimeException e) {
            // e.g. the database is away: the member is told, the transport's thread lives on
            log.error("Completing the address {} sent failed", user, e);
            return Reply.error(messages.get(locale, "error.internal"));
        }
        if (!told.isEmpty()) {
            return told.get(told.size() - 1);
        }
        return Reply.error(messages.get(result.locale(), problemKey(result)));
    }

    /** The answer to a text given as the address that is none (Discord's form takes anything). */
    public Reply notAnAddress(Locale locale) {
        return Reply.error(messages.get(locale, "link.paste-back.not-an-address", redirectUri.toString()));
    }

    /** The answer to an address sent where others can read it: it was not used; send it privately. */
    public Reply sendPrivately(Locale locale) {
        return Reply.error(messages.get(locale, "link.paste-back.not-here"));
    }

    /** What to tell for a result that told the member nothing itself. */
    static String problemKey(CallbackResult result) {
        if (result instanceof CallbackResult.Denied denied) {
            return ACCESS_DENIED.equals(denied.error()) ? "link.paste-back.cancelled" : "link.paste-back.refused";
        }
        if (result instanceof CallbackResult.NotYours) {
            return "link.paste-back.not-yours";
        }
        if (result instanceof CallbackResult.ExpiredState) {
            return "link.paste-back.expired";
        }
        if (result instanceof CallbackResult.UsedState) {
            return "link.paste-back.used";
        }
        if (result instanceof CallbackResult.UnknownState) {
            return "link.paste-back.unknown";
        }
        if (result instanceof CallbackResult.MissingParameters) {
            return "link.paste-back.incomplete";
        }
        if (result instanceof CallbackResult.ExchangeFailed failed
                && failed.reason() == SpotifyException.Reason.INVALID_GRANT) {
            return "link.paste-back.refused";
        }
        if (result instanceof CallbackResult.NotAllowlisted) {
            return "page.profile.not-allowlisted";
        }
        return "link.paste-back.unavailable";
    }
}
