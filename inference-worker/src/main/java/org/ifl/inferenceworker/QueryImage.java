package org.ifl.inferenceworker;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A query's image, read and decoded once (the worker caches it by content hash): the bytes as stored, for
 * backends that send them on (as a data URL), and the decoded pixels, for backends that compute on them.
 *
 * @param sha256    hex SHA-256 of {@code bytes}
 * @param mediaType e.g. image/png
 */
public record QueryImage(String sha256, String mediaType, byte[] bytes, BufferedImage pixels) {

    public QueryImage {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(pixels, "pixels");
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int sizeBytes() {
        return bytes.length;
    }
}
