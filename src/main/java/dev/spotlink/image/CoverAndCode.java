package dev.spotlink.image;

import java.util.Optional;

/** The two images of one card, each empty when it was not asked for or could not be had. */
public record CoverAndCode(Optional<byte[]> cover, Optional<byte[]> code) {
}
