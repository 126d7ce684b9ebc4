package org.ifl.lidstream.internal.detect.fasttext;

import java.io.IOException;

/**
 * A file that is not a fastText model this reader can serve: bad magic number, unsupported version, not a
 * supervised model, inconsistent sizes, or truncated. The message names the file and what was wrong.
 */
final class FastTextFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    FastTextFormatException(String file, String problem) {
        super(file + ": " + problem);
    }
}
