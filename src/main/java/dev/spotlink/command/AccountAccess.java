package dev.spotlink.command;

import dev.spotlink.domain.AccountStatus;
import dev.spotlink.domain.ChatUser;
import dev.spotlink.domain.LinkedAccount;
import dev.spotlink.i18n.Messages;
import dev.spotlink.store.LinkedAccountRepository;
import java.util.Optional;

/**
 * Finds the linked account a command should use and, when there is none it may use, tells the user why —
 * not linked, link expired, or (for someone else's account) sharing switched off.
 */
public final class AccountAccess {

    private final LinkedAccountRepository accounts;
    private final Messages messages;

    public AccountAccess(LinkedAccountRepository accounts, Messages messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    /** {@code user}'s linked account in whatever state, telling nobody anything (the caller decides). */
    public Optional<LinkedAccount> find(ChatUser user) {
        return accounts.find(user);
    }

    /** {@code user}'s linked account when it works (not waiting for a new /link), telling nobody anything. */
    public Optional<LinkedAccount> active(ChatUser user) {
        return accounts.find(user).filter(account -> account.status() == AccountStatus.ACTIVE);
    }

    /** The caller's own usable account, or empty after telling them to /link. */
    public Optional<LinkedAccount> own(CommandContext context) {
        Optional<LinkedAccount> account = accounts.find(context.user());
        if (account.isEmpty()) {
            context.replyPrivately(Reply.error(messages.get(context.locale(), "error.not-linked")));
            return Optional.empty();
        }
        if (account.get().status() == AccountStatus.NEEDS_RELINK) {
            context.replyPrivately(Reply.error(messages.get(context.locale(), "error.spotify.relink")));
            return Optional.empty();
        }
        return account;
    }

    /**
     * The account of {@code target} (same platform as the caller) when that user linked and shares; otherwise
     * empty after telling the caller — without revealing more than "not available".
     */
    public Optional<LinkedAccount> of(CommandContext context, ChatUser target, String targetLabel) {
        if (target.equals(context.user())) {
            return own(context);
        }
        Optional<LinkedAccount> account = accounts.find(target);
        if (account.isEmpty()) {
            context.replyPrivately(Reply.error(messages.get(context.locale(), "nowplaying.other-not-linked",
                    targetLabel)));
            return Optional.empty();
        }
        if (!account.get().sharingEnabled()) {
            context.replyPrivately(Reply.error(messages.get(context.locale(), "nowplaying.other-private",
                    targetLabel)));
            return Optional.empty();
        }
        if (account.get().status() == AccountStatus.NEEDS_RELINK) {
            context.replyPrivately(Reply.error(messages.get(context.locale(), "nowplaying.other-unavailable",
                    targetLabel)));
            return Optional.empty();
        }
        return account;
    }
}
