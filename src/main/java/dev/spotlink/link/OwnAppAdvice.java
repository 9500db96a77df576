package dev.spotlink.link;

import dev.spotlink.command.AllowListAdvice;
import dev.spotlink.command.Reply;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.LinkedAccountRepository;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A linked member whom Spotify now refuses (403, not on the allow-list): through the admin's app, the admin is
 * told and the member is offered their own app (when allowed); through their own app, they are told to put
 * their account on their app's allow-list.
 */
public final class OwnAppAdvice implements AllowListAdvice {

    private final LinkedAccountRepository accounts;
    private final AdminAlerts alerts;
    private final OwnAppGuide guide;
    private final Messages messages;
    private final String adminClientId;
    private final boolean ownApp;

    /** @param ownApp whether members may link through their own app ({@code link.own-app}) */
    public OwnAppAdvice(LinkedAccountRepository accounts, AdminAlerts alerts, OwnAppGuide guide, Messages messages,
                        String adminClientId, boolean ownApp) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.guide = Objects.requireNonNull(guide, "guide");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.adminClientId = Objects.requireNonNull(adminClientId, "adminClientId");
        this.ownApp = ownApp;
    }

    @Override
    public Reply adviceFor(ChatUser user, Locale locale) {
        Optional<LinkedAccount> account = accounts.find(user);
        if (account.isPresent() && !adminClientId.equals(account.get().clientId())) {
            return Reply.error(messages.get(locale, "error.spotify.own-app-not-allowlisted"));
        }
        alerts.turnedAway(user, AdminAlerts.Kind.NOT_ALLOWLISTED);
        return ownApp ? guide.reply(locale, "error.spotify.not-allowlisted.own-app")
                : Reply.error(messages.get(locale, "error.spotify.not-allowlisted"));
    }
}
