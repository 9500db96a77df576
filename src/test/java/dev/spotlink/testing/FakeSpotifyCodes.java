package dev.spotlink.testing;

import java.awt.Color;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** The codes-service half of {@link FakeSpotify}: {@code /uri/plain/{fmt}/{bg}/{bars}/{size}/{spotify URI}}. */
final class FakeSpotifyCodes {

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{6}");
    private static final Pattern URI = Pattern.compile(
            "spotify:(track|album|playlist|artist|show|episode):[0-9A-Za-z]{22}|spotify:user:[A-Za-z0-9._-]{1,64}");

    private FakeSpotifyCodes() {
    }

    static FakeSpotifyResponse respond(String rawPath) {
        String[] parts = rawPath.substring(1).split("/", -1);
        if (parts.length != 7) {
            return FakeSpotifyResponse.text(400, "expected /uri/plain/{fmt}/{bg}/{bars}/{size}/{uri}");
        }
        String format = parts[2];
        String background = parts[3];
        String bars = parts[4];
        String uri = URLDecoder.decode(parts[6], StandardCharsets.UTF_8);
        if (!format.equals("png") && !format.equals("jpeg") && !format.equals("svg")) {
            return FakeSpotifyResponse.text(400, "format must be png, jpeg or svg");
        }
        if (!HEX.matcher(background).matches()) {
            return FakeSpotifyResponse.text(400, "background must be 6 hex digits");
        }
        if (!bars.equals("white") && !bars.equals("black")) {
            return FakeSpotifyResponse.text(400, "bars must be white or black");
        }
        int size;
        try {
            size = Integer.parseInt(parts[5]);
        } catch (NumberFormatException e) {
            return FakeSpotifyResponse.text(400, "size must be a number");
        }
        if (size < 16 || size > 4000) {
            return FakeSpotifyResponse.text(400, "size out of range");
        }
        if (!URI.matcher(uri).matches()) {
            return FakeSpotifyResponse.text(400, "not a Spotify URI");
        }
        if (uri.substring(uri.lastIndexOf(':') + 1).startsWith("missing")) {
            return FakeSpotifyResponse.text(404, "Not found");
        }
        Color barColour = bars.equals("white") ? Color.WHITE : Color.BLACK;
        byte[] image = FakeSpotifyImages.code(format, FakeSpotifyImages.parseColour(background), barColour, size, uri);
        String type = switch (format) {
            case "png" -> "image/png";
            case "jpeg" -> "image/jpeg";
            default -> "image/svg+xml";
        };
        return FakeSpotifyResponse.bytes(type, image);
    }
}
