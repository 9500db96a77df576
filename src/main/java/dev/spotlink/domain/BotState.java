package dev.spotlink.domain;

import java.util.Optional;

/**
 * Small named values the bot keeps across restarts and processes, such as the hash of the Discord commands it
 * registered. Transports use it without knowing where it is kept (the database, in {@code store}).
 */
public interface BotState {

    /** The value stored under {@code key}, if any. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key}, replacing what was there. */
    void put(String key, String value);
}
