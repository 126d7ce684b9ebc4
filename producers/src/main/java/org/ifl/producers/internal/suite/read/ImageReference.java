package org.ifl.producers.internal.suite.read;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.ifl.producers.ImageSource;

/**
 * An image as a suite file names it: a URL stays a remote reference (nothing is downloaded); anything else is a
 * path relative to the folder of the file that names it.
 */
public final class ImageReference {
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

    private ImageReference() {
    }

    public static boolean isUrl(String written) {
        return URL.matcher(written).matches();
    }

    /** The image {@code written} names, seen from {@code folder}; a local file may not exist (see {@link #missing}). */
    public static ImageSource resolve(String written, Path folder) {
        return isUrl(written) ? ImageSource.remote(written) : ImageSource.local(folder.resolve(written));
    }

    /** Why the image cannot be used, or null: a local file that is not there. */
    public static String missing(ImageSource image) {
        return image.isLocal() && !Files.isRegularFile(image.file()) ? "image file " + image.file() + " not found"
                : null;
    }
}
