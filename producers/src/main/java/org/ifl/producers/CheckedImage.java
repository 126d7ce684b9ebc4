package org.ifl.producers;

import java.nio.ByteBuffer;
import org.ifl.schemas.avro.ImageRef;

/**
 * An image ready to go into queries: its reference (with what was checked: hash, media type, size) and, when
 * it is a local file under the inline cap, its bytes.
 *
 * @param checked whether the image was decoded here (false for a remote URL, which is never fetched)
 */
public record CheckedImage(ImageRef ref, ByteBuffer inlineBytes, boolean checked) {

    /** The inline bytes, read-only and positioned at 0 for each query that carries them. */
    @Override
    public ByteBuffer inlineBytes() {
        return inlineBytes == null ? null : inlineBytes.asReadOnlyBuffer().rewind();
    }
}
