package org.ifl.inferenceworker;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.ifl.inferenceworker.internal.image.ImageFiles;

/**
 * Reads a query's image, from its inline bytes or from its reference (a file path or a {@code file:} URI; remote
 * URLs are refused, since the worker downloads nothing), checks the producer's SHA-256 when it gave one, and
 * decodes it. Files are read only under the configured roots and, like inline images, only up to the configured
 * size ({@link ImageFiles}). Decoded images are cached by content hash, least recently used first out, up to a
 * byte budget. Thread-safe.
 */
public final class ImageLoader {
    /** The default of {@code ifl.worker.image-max-bytes}: 20 MiB. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

    private final long cacheBytes;
    private final ImageFiles files;
    private final Map<String, QueryImage> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedBytes;
    private long hits;
    private long misses;

    /**
     * @param cacheBytes the most encoded bytes the cache keeps (0 turns it off)
     * @param roots      the folders whose image files may be read; none: inline images only
     * @param maxBytes   the largest image read, from a file or inline
     */
    public ImageLoader(long cacheBytes, List<Path> roots, long maxBytes) {
        this.cacheBytes = cacheBytes;
        this.files = new ImageFiles(roots, maxBytes);
    }

    /** Inline images only, up to {@link #DEFAULT_MAX_BYTES}: no file is read. */
    public ImageLoader(long cacheBytes) {
        this(cacheBytes, List.of(), DEFAULT_MAX_BYTES);
    }

    /**
     * The image of a query.
     *
     * @param inline         the inline bytes, or null
     * @param uri            the reference, or null
     * @param expectedSha256 the producer's hash, or null
     * @throws UnreadableImageException naming what could not be read and why
     */
    public QueryImage load(byte[] inline, String uri, String expectedSha256) throws UnreadableImageException {
        if (expectedSha256 != null) {
            QueryImage cached = cached(expectedSha256.toLowerCase(Locale.ROOT));
            if (cached != null) {
                return cached;
            }
        }
        String where = inline != null ? "inline image" : "image " + uri;
        if (inline != null && inline.length > files.maxBytes()) {
            throw new UnreadableImageException(where + ": " + inline.length + " bytes, over the limit of "
                    + files.maxBytes() + " bytes (" + ImageFiles.MAX_BYTES_SETTING + ")");
        }
        byte[] bytes = inline != null ? inline : read(uri);
        String sha256 = sha256(bytes);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
            throw new UnreadableImageException(where + ": SHA-256 " + sha256 + " differs from the query's "
                    + expectedSha256 + " (changed since it was published?)");
        }
        QueryImage cached = cached(sha256);
        if (cached != null) {
            return cached;
        }
        QueryImage image = decode(where, sha256, bytes);
        remember(image);
        return image;
    }

    /** The folders whose image files may be read. */
    public List<Path> roots() {
        return files.roots();
    }

    /** The largest image read, from a file or inline. */
    public long maxBytes() {
        return files.maxBytes();
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    private synchronized QueryImage cached(String sha256) {
        QueryImage image = cache.get(sha256);
        if (image != null) {
            hits++;
        }
        return image;
    }

    private synchronized void remember(QueryImage image) {
        misses++;
        if (image.sizeBytes() > cacheBytes || cache.containsKey(image.sha256())) {
            return;
        }
        cache.put(image.sha256(), image);
        cachedBytes += image.sizeBytes();
        for (Iterator<QueryImage> it = cache.values().iterator(); cachedBytes > cacheBytes && it.hasNext(); ) {
            cachedBytes -= it.next().sizeBytes();
            it.remove();
        }
    }

    private byte[] read(String uri) throws UnreadableImageException {
        if (uri == null || uri.isBlank()) {
            throw new UnreadableImageException("the query has neither inline image bytes nor an image reference");
        }
        Path file;
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null) {
                file = Path.of(uri);
            } else if ("file".equalsIgnoreCase(parsed.getScheme())) {
                file = Path.of(parsed);
            } else {
                throw new UnreadableImageException("image " + uri + ": only files can be read (scheme '"
                        + parsed.getScheme() + "'); the worker downloads nothing. Publish with --inline-images-under, "
                        + "or give workers the files");
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            file = Path.of(uri);
        }
        try {
            return files.read(file);
        } catch (ImageFiles.Refused e) {
            throw new UnreadableImageException("image " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UnreadableImageException("image " + uri + ": no such file on this worker");
        } catch (IOException e) {
            throw new UnreadableImageException("image " + uri + ": cannot read it: " + e);
        }
    }

    private static QueryImage decode(String where, String sha256, byte[] bytes) throws UnreadableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new UnreadableImageException(where + ": not an image format this worker reads (" + bytes.length
                        + " bytes; PNG, JPEG, GIF, BMP and WBMP are)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                String mediaType = mediaType(reader.getFormatName());
                BufferedImage pixels = reader.read(0);
                return new QueryImage(sha256, mediaType, bytes, pixels);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(where + ": cannot decode it: " + e.getMessage());
        }
    }

    private static String mediaType(String formatName) {
        String f = formatName.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "jpeg", "jpg" -> "image/jpeg";
            case "wbmp" -> "image/vnd.wap.wbmp";
            default -> "image/" + f;
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An image that cannot be used, with the reason. */
    public static final class UnreadableImageException extends Exception {
        public UnreadableImageException(String message) {
            super(message);
        }
    }
}
