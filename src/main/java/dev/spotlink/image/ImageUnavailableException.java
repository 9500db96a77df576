package dev.spotlink.image;

/** An image could not be had: upstream error, timeout, wrong content type, too large. Callers degrade. */
public final class ImageUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public ImageUnavailableException(String message) {
        super(message);
    }

    public ImageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
