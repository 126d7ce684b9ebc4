package org.ifl.inferenceworker.internal.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The image files a worker may read: regular files under one of its roots, at most {@code maxBytes} long. A file
 * and the roots are compared as real paths ({@link Path#toRealPath}), so neither {@code ..} nor a symbolic link
 * leads out of a root; a root that does not exist (yet) holds nothing. Reading stops one byte past the limit, so
 * a file that grows while it is read cannot exhaust the worker either. Thread-safe.
 */
public final class ImageFiles {
    /** The settings a refusal names, so that an operator knows what to change. */
    public static final String ROOTS_SETTING = "ifl.worker.image-roots";
    public static final String MAX_BYTES_SETTING = "ifl.worker.image-max-bytes";

    private final List<Path> roots;
    private final long maxBytes;

    /**
     * @param roots    folders whose files (and their subfolders' files) may be read; none: no file may
     * @param maxBytes the largest file read
     */
    public ImageFiles(List<Path> roots, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException(MAX_BYTES_SETTING + " must be at least 1, not " + maxBytes);
        }
        this.roots = roots.stream().map(r -> r.toAbsolutePath().normalize()).distinct().toList();
        this.maxBytes = maxBytes;
    }

    public List<Path> roots() {
        return roots;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The bytes of {@code file}.
     *
     * @throws Refused             naming the file and the root or limit it breaks
     * @throws NoSuchFileException when a file inside a root is missing
     * @throws IOException         when it cannot be read
     */
    public byte[] read(Path file) throws Refused, IOException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            if (rootOf(file.toAbsolutePath().normalize()) == null) {
                throw outside(file, file.toAbsolutePath().normalize());
            }
            throw e;
        }
        if (rootOf(real) == null) {
            throw outside(file, real);
        }
        if (!Files.isRegularFile(real)) {
            throw new Refused(describe(file, real) + " is not a regular file; only image files are read");
        }
        long size = Files.size(real);
        if (size > maxBytes) {
            throw tooLarge(describe(file, real), size + " bytes", maxBytes);
        }
        try (InputStream in = Files.newInputStream(real)) {
            return readAtMost(in, maxBytes, describe(file, real));
        }
    }

    /**
     * At most {@code maxBytes} bytes of {@code in}, to its end; {@link Refused} as soon as there are more.
     *
     * @param what names the source in the refusal
     */
    public static byte[] readAtMost(InputStream in, long maxBytes, String what) throws Refused, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - total))) > 0) {
            total += n;
            if (total > maxBytes) {
                throw tooLarge(what, "more than " + maxBytes + " bytes", maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The real path of the root holding {@code path}, or null. */
    private Path rootOf(Path path) {
        for (Path root : realRoots()) {
            if (path.startsWith(root)) {
                return root;
            }
        }
        return null;
    }

    private List<Path> realRoots() {
        List<Path> real = new ArrayList<>(roots.size());
        for (Path root : roots) {
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                // A root that does not exist (yet) holds nothing.
            }
        }
        return real;
    }

    private Refused outside(Path file, Path resolved) {
        String allowed = roots.isEmpty() ? "none are set, so only inline images are read"
                : roots.stream().map(Path::toString).collect(Collectors.joining(", "));
        return new Refused(describe(file, resolved) + " is outside the folders images are read from ("
                + ROOTS_SETTING + ": " + allowed + ")");
    }

    private static Refused tooLarge(String what, String size, long maxBytes) {
        return new Refused(what + " is " + size + ", over the limit of " + maxBytes + " bytes (" + MAX_BYTES_SETTING
                + ")");
    }

    private static String describe(Path file, Path real) {
        return file.equals(real) ? file.toString() : file + " (" + real + ")";
    }

    /** A file the worker may not read, with the reason. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }
}
