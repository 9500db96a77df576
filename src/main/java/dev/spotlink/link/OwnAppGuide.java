package dev.spotlink.link;

import dev.spotlink.command.Reply;
import dev.spotlink.i18n.Messages;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The steps a member follows to link through a Spotify app of their own: create it at Spotify's developer
 * dashboard with exactly our redirect URI, then hand us its client id. The same text in chat and on pages.
 */
public final class OwnAppGuide {

    /** Where Spotify apps are created. */
    public static final String DASHBOARD = "https://developer.spotify.com/dashboard";

    private final Messages messages;
    private final URI redirectUri;

    /** @param redirectUri {@code spotify.redirect-uri}: the member registers exactly this in their app */
    public OwnAppGuide(Messages messages, URI redirectUri) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
    }

    /** The numbered steps, in the member's language. */
    public String steps(Locale locale) {
        return messages.get(locale, "link.own-app.steps", DASHBOARD, redirectUri.toString());
    }

    /** A private answer: {@code introKey}'s text, the steps, and a button to the dashboard. */
    public Reply reply(Locale locale, String introKey) {
        return Reply.builder()
                .body(messages.get(locale, introKey) + "\n\n" + steps(locale))
                .button(messages.get(locale, "link.own-app.dashboard-button"), DASHBOARD)
                .build();
    }
}
