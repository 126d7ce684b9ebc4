package org.ifl.producers;

import java.nio.file.Path;

/**
 * Where an item's image is: the reference as the benchmark gives it (a path relative to the suite, or a URL),
 * and the file on this machine when there is one. Only a local file can be checked (decoded) and inlined; a
 * remote URL is published by reference, unchecked, since nothing is downloaded.
 *
 * @param uri  what the query carries: the local file's absolute path when {@code file} is set, else the URL
 * @param file the image on this machine, or null
 */
public record ImageSource(String uri, Path file) {

    public static ImageSource local(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new ImageSource(absolute.toString(), absolute);
    }

    public static ImageSource remote(String url) {
        return new ImageSource(url, null);
    }

    public boolean isLocal() {
        return file != null;
    }
}
