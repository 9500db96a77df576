package dev.spotlink.domain;

/** The chat platforms a user can come from. Stored by {@link #id()} in the database. */
public enum Platform {
    CONSOLE("console"),
    DISCORD("discord"),
    TELEGRAM("telegram");

    private final String id;

    Platform(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Platform fromId(String id) {
        for (Platform p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown platform: " + id);
    }
}
