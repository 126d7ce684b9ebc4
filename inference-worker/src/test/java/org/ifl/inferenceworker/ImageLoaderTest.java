package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query's image as the worker reads it: files under its roots, by path or file: URI, inline bytes, all bounded. */
class ImageLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void anImageUnderARootIsReadByPathAndByFileUri() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("data"));
        byte[] png = TestQueries.png(Color.RED, 2);
        Path file = Files.write(Files.createDirectories(root.resolve("sample-images")).resolve("red.png"), png);
        ImageLoader loader = new ImageLoader(1 << 20, List.of(root), 1 << 20);

        QueryImage byPath = loader.load(null, file.toString(), null);
        assertEquals("image/png", byPath.mediaType());
        assertEquals(32, byPath.pixels().getWidth());
        assertEquals(byPath.sha256(), loader.load(null, file.toUri().toString(), null).sha256());
    }

    @Test
    void anImageOutsideTheRootsFailsItsQueryNamingTheFileAndTheSetting() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Path file = Files.write(tmp.resolve("elsewhere.png"), TestQueries.png(Color.RED, 1));
        ImageLoader loader = new ImageLoader(1 << 20, List.of(root), 1 << 20);

        ImageLoader.UnreadableImageException e = assertThrows(ImageLoader.UnreadableImageException.class,
                () -> loader.load(null, root.resolve("../elsewhere.png").toString(), null));
        assertTrue(e.getMessage().startsWith("image " + root.resolve("../elsewhere.png") + " (" + file.toRealPath()
                + ") is outside the folders images are read from"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("ifl.worker.image-roots: "
                + root), e.getMessage());
    }

    @Test
    void filesAndInlineImagesOverTheLimitAreRefused() throws IOException {
        byte[] png = TestQueries.png(Color.BLUE, 3);
        Path file = Files.write(tmp.resolve("blue.png"), png);
        ImageLoader loader = new ImageLoader(1 << 20, List.of(tmp), png.length - 1);

        ImageLoader.UnreadableImageException fromFile = assertThrows(ImageLoader.UnreadableImageException.class,
                () -> loader.load(null, file.toString(), null));
        assertTrue(fromFile.getMessage().contains("is " + png.length + " bytes, over the limit of "
                + (png.length - 1) + " bytes (ifl.worker.image-max-bytes)"), fromFile.getMessage());
        ImageLoader.UnreadableImageException inline = assertThrows(ImageLoader.UnreadableImageException.class,
                () -> loader.load(png, null, null));
        assertEquals("inline image: " + png.length + " bytes, over the limit of " + (png.length - 1)
                + " bytes (ifl.worker.image-max-bytes)", inline.getMessage());
    }

    @Test
    void withoutRootsOnlyInlineImagesAreRead() throws Exception {
        byte[] png = TestQueries.png(Color.GREEN, 1);
        Path file = Files.write(tmp.resolve("green.png"), png);
        ImageLoader inlineOnly = new ImageLoader(1 << 20);

        assertEquals(32, inlineOnly.load(png, null, null).pixels().getHeight());
        ImageLoader.UnreadableImageException e = assertThrows(ImageLoader.UnreadableImageException.class,
                () -> inlineOnly.load(null, file.toString(), null));
        assertTrue(e.getMessage().contains("only inline images are read"), e.getMessage());
    }
}
