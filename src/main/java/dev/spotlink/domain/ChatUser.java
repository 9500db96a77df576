package dev.spotlink.domain;

import java.util.Objects;

/** A user on one chat platform: the key every linked account and pending link hangs on. */
public record ChatUser(Platform platform, String userId) {
    public ChatUser {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String toString() {
        return platform.id() + ":" + userId;
    }
}
