package org.ifl.inferenceworker.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image files a worker reads: only under its roots, as real paths, and only up to the size limit. */
class ImageFilesTest {
    private static final long LIMIT = 100;

    @TempDir
    Path tmp;
    private Path root;
    private Path outside;
    private ImageFiles files;

    @BeforeEach
    void layOut() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(root.resolve("suite/images"));
        Files.write(root.resolve("suite/images/a.png"), bytes(10));
        Files.write(outside.resolve("secret.png"), bytes(10));
        files = new ImageFiles(List.of(root), LIMIT);
    }

    @Test
    void aFileUnderARootIsRead() throws Exception {
        assertArrayEquals(bytes(10), files.read(root.resolve("suite/images/a.png")));
        // Also by a relative path with .. that stays inside.
        Path relative = Path.of("").toAbsolutePath().relativize(root.resolve("suite/images/../images/a.png"));
        assertArrayEquals(bytes(10), files.read(relative));
    }

    @Test
    void aFileOutsideEveryRootIsRefusedNamingTheFileAndTheRoots() {
        ImageFiles.Refused refused = assertThrows(ImageFiles.Refused.class,
                () -> files.read(outside.resolve("secret.png")));
        assertTrue(refused.getMessage().contains(outside.resolve("secret.png").toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(ImageFiles.ROOTS_SETTING + ": " + root), refused.getMessage());
    }

    @Test
    void dotDotCannotLeadOutOfARoot() {
        Path escape = root.resolve("suite/../../outside/secret.png");
        ImageFiles.Refused refused = assertThrows(ImageFiles.Refused.class, () -> files.read(escape));
        assertTrue(refused.getMessage().contains("outside the folders images are read from"), refused.getMessage());
        // A missing file outside is refused as outside, not reported as missing: nothing is said about what is there.
        assertThrows(ImageFiles.Refused.class, () -> files.read(root.resolve("../outside/missing.png")));
    }

    @Test
    void aSymbolicLinkCannotLeadOutOfARoot() throws IOException {
        Path fileLink = root.resolve("suite/images/link.png");
        Path folderLink = root.resolve("suite/elsewhere");
        try {
            Files.createSymbolicLink(fileLink, outside.resolve("secret.png"));
            Files.createSymbolicLink(folderLink, outside);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no symbolic links on this file system");
        }
        ImageFiles.Refused refused = assertThrows(ImageFiles.Refused.class, () -> files.read(fileLink));
        assertTrue(refused.getMessage().contains(fileLink + " (" + outside.resolve("secret.png").toRealPath() + ")"),
                refused.getMessage());
        assertThrows(ImageFiles.Refused.class, () -> files.read(folderLink.resolve("secret.png")));
    }

    @Test
    void aRootReachedThroughASymbolicLinkHoldsItsFiles() throws Exception {
        Path linkedRoot = tmp.resolve("linked-root");
        try {
            Files.createSymbolicLink(linkedRoot, root);
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no symbolic links on this file system");
        }
        ImageFiles viaLink = new ImageFiles(List.of(linkedRoot), LIMIT);
        assertArrayEquals(bytes(10), viaLink.read(root.resolve("suite/images/a.png")));
        assertArrayEquals(bytes(10), viaLink.read(linkedRoot.resolve("suite/images/a.png")));
    }

    @Test
    void aMissingFileInsideARootIsReportedMissing() {
        assertThrows(NoSuchFileException.class, () -> files.read(root.resolve("suite/images/missing.png")));
    }

    @Test
    void noRootsReadNoFiles() {
        ImageFiles none = new ImageFiles(List.of(), LIMIT);
        ImageFiles.Refused refused = assertThrows(ImageFiles.Refused.class,
                () -> none.read(root.resolve("suite/images/a.png")));
        assertTrue(refused.getMessage().contains("only inline images are read"), refused.getMessage());
    }

    @Test
    void aRootThatDoesNotExistYetHoldsItsFilesOnceItDoes() throws Exception {
        Path later = tmp.resolve("later");
        ImageFiles laterFiles = new ImageFiles(List.of(later), LIMIT);
        Files.createDirectories(later);
        Files.write(later.resolve("b.png"), bytes(5));
        assertArrayEquals(bytes(5), laterFiles.read(later.resolve("b.png")));
    }

    @Test
    void aFileAtTheLimitIsReadAndOneByteOverIsRefused() throws Exception {
        Files.write(root.resolve("at-limit.png"), bytes((int) LIMIT));
        Files.write(root.resolve("over.png"), bytes((int) LIMIT + 1));
        assertEquals(LIMIT, files.read(root.resolve("at-limit.png")).length);
        ImageFiles.Refused refused = assertThrows(ImageFiles.Refused.class,
                () -> files.read(root.resolve("over.png")));
        assertEquals(root.resolve("over.png") + " is 101 bytes, over the limit of 100 bytes ("
                + ImageFiles.MAX_BYTES_SETTING + ")", refused.getMessage());
    }

    @Test
    void aDeviceIsNotReadEvenUnderARoot() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero exists here");
        ImageFiles dev = new ImageFiles(List.of(Path.of("/dev")), LIMIT);
        ImageFiles.Refused refused = assertThrows(ImageFiles.Refused.class, () -> dev.read(zero));
        assertTrue(refused.getMessage().contains("is not a regular file"), refused.getMessage());
    }

    @Test
    void aBoundedReadStopsOneBytePastTheLimitOfAnEndlessStream() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero exists here");
        try (CountingStream in = new CountingStream(Files.newInputStream(zero))) {
            ImageFiles.Refused refused = assertThrows(ImageFiles.Refused.class,
                    () -> ImageFiles.readAtMost(in, 1 << 20, "/dev/zero"));
            assertEquals("/dev/zero is more than 1048576 bytes, over the limit of 1048576 bytes ("
                    + ImageFiles.MAX_BYTES_SETTING + ")", refused.getMessage());
            assertEquals((1 << 20) + 1, in.count, "read no more than one byte past the limit");
        }
    }

    @Test
    void aBoundedReadReturnsAStreamThatEndsWithinTheLimit() throws Exception {
        assertArrayEquals(bytes(100), ImageFiles.readAtMost(new ByteArrayInputStream(bytes(100)), 100, "s"));
        assertThrows(ImageFiles.Refused.class,
                () -> ImageFiles.readAtMost(new ByteArrayInputStream(bytes(101)), 100, "s"));
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        long count;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
