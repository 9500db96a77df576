package dev.spotlink.store;

/** A database or key problem the bot cannot work around; its message is meant for the admin. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
