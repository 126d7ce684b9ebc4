package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCheckerTest {

    private static Path png(Path dir, String name, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillOval(2, 2, width - 4, height - 4);
        g.dispose();
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void aDecodableFileIsReferencedWithItsHashTypeAndSize(@TempDir Path dir) throws IOException {
        Path file = png(dir, "ball.png", 40, 30);
        ImageChecker checker = new ImageChecker(0);
        ImageChecker.Result result = checker.check(ImageSource.local(file));
        CheckedImage image = assertInstanceOf(ImageChecker.Usable.class, result).image();
        assertTrue(image.checked());
        assertEquals(file.toAbsolutePath().toString(), image.ref().getUri());
        assertEquals(ImageChecker.sha256(Files.readAllBytes(file)), image.ref().getSha256());
        assertEquals(64, image.ref().getSha256().length());
        assertEquals("image/png", image.ref().getMediaType());
        assertEquals(40, image.ref().getWidthPx());
        assertEquals(30, image.ref().getHeightPx());
        assertNull(image.inlineBytes(), "a cap of 0 never inlines");
        assertSame(result, checker.check(ImageSource.local(file)), "a file is read once");
    }

    @Test
    void bytesGoInlineOnlyUnderTheCap(@TempDir Path dir) throws IOException {
        Path file = png(dir, "ball.png", 40, 30);
        long size = Files.size(file);
        CheckedImage under = ((ImageChecker.Usable) new ImageChecker(size).check(ImageSource.local(file))).image();
        ByteBuffer bytes = under.inlineBytes();
        byte[] read = new byte[bytes.remaining()];
        bytes.get(read);
        assertTrue(Arrays.equals(Files.readAllBytes(file), read));
        assertEquals(size, under.inlineBytes().remaining(), "each query gets the bytes from the start");
        CheckedImage over = ((ImageChecker.Usable) new ImageChecker(size - 1).check(ImageSource.local(file))).image();
        assertNull(over.inlineBytes());
    }

    @Test
    void anUnreadableImageIsRefusedNamingItsFileAndWhy(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("not-an-image.png"), "hello");
        ImageChecker checker = new ImageChecker(0);
        String notImage = assertInstanceOf(ImageChecker.Unusable.class, checker.check(ImageSource.local(text)))
                .reason();
        assertTrue(notImage.startsWith("image " + text.toAbsolutePath() + " is not in a format ImageIO reads"),
                notImage);

        Path good = png(dir, "good.png", 40, 30);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
        String cut = assertInstanceOf(ImageChecker.Unusable.class, checker.check(ImageSource.local(truncated)))
                .reason();
        assertTrue(cut.startsWith("image " + truncated.toAbsolutePath() + " does not decode"), cut);

        Path missing = dir.resolve("missing.jpg");
        assertEquals("image " + missing.toAbsolutePath() + " does not exist",
                assertInstanceOf(ImageChecker.Unusable.class, checker.check(ImageSource.local(missing))).reason());
    }

    @Test
    void aRemoteImageGoesByReferenceUnchecked() {
        CheckedImage remote = assertInstanceOf(ImageChecker.Usable.class,
                new ImageChecker(1_000_000).check(ImageSource.remote("https://example.org/a.jpg"))).image();
        assertFalse(remote.checked());
        assertEquals("https://example.org/a.jpg", remote.ref().getUri());
        assertNull(remote.ref().getSha256());
        assertNull(remote.inlineBytes());
    }
}
