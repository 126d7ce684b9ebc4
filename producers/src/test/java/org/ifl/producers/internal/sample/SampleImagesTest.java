package org.ifl.producers.internal.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImagesTest {

    @TempDir
    Path dir;

    @Test
    void writingTwiceGivesByteIdenticalFiles() throws IOException {
        Map<String, Path> first = SampleImages.writeTo(dir.resolve("first"));
        Map<String, Path> second = SampleImages.writeTo(dir.resolve("second"));
        byte[] before = Files.readAllBytes(first.get("clock"));
        Map<String, Path> again = SampleImages.writeTo(dir.resolve("first"));

        assertEquals(SampleImages.ids(), first.keySet().stream().toList());
        assertEquals(first.keySet(), second.keySet());
        for (String id : first.keySet()) {
            assertArrayEquals(Files.readAllBytes(first.get(id)), Files.readAllBytes(second.get(id)), id);
        }
        assertArrayEquals(before, Files.readAllBytes(again.get("clock")), "rewritten in place");
    }

    @Test
    void everyImageIsAPngNamedByItsIdThatDecodesAtTheSuiteSize() throws IOException {
        Map<String, Path> files = SampleImages.writeTo(dir);

        assertTrue(files.size() >= 10, files.keySet().toString());
        for (Map.Entry<String, Path> file : files.entrySet()) {
            assertEquals(dir.resolve(file.getKey() + ".png"), file.getValue());
            BufferedImage image = ImageIO.read(file.getValue().toFile());
            assertNotNull(image, file.getKey() + " does not decode");
            assertEquals(SampleImages.WIDTH, image.getWidth(), file.getKey());
            assertEquals(SampleImages.HEIGHT, image.getHeight(), file.getKey());
        }
    }

    @Test
    void noTwoImagesAreTheSame() {
        Set<ByteBuffer> pixels = new HashSet<>();
        for (String id : SampleImages.ids()) {
            BufferedImage image = SampleImages.render(id);
            int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            ByteBuffer bytes = ByteBuffer.allocate(rgb.length * 4);
            bytes.asIntBuffer().put(rgb);
            assertTrue(pixels.add(bytes), id + " repeats another image");
        }
    }

    @Test
    void imagesShowWhatTheirAnswersSay() {
        BufferedImage circle = SampleImages.render("red-circle");
        assertRgb(220, 30, 30, circle, 160, 120);
        assertRgb(255, 255, 255, circle, 10, 10);

        BufferedImage squares = SampleImages.render("two-blue-squares");
        assertRgb(30, 70, 210, squares, 90, 120);
        assertRgb(255, 255, 255, squares, 160, 120);
        assertRgb(30, 70, 210, squares, 230, 120);

        BufferedImage light = SampleImages.render("traffic-light");
        assertRgb(90, 25, 25, light, 160, 55);
        assertRgb(95, 85, 25, light, 160, 113);
        assertRgb(40, 230, 70, light, 160, 171);

        BufferedImage stripes = SampleImages.render("three-stripes");
        assertRgb(30, 70, 210, stripes, 160, 40);
        assertRgb(255, 255, 255, stripes, 160, 120);
        assertRgb(220, 30, 30, stripes, 160, 200);

        BufferedImage sun = SampleImages.render("sun-hill-house");
        assertRgb(250, 210, 20, sun, 260, 55);
    }

    @Test
    void anUnknownIdIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleImages.render("purple-cow"));
        assertTrue(e.getMessage().contains("purple-cow") && e.getMessage().contains("red-circle"), e.getMessage());
    }

    private static void assertRgb(int r, int g, int b, BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        assertEquals((r << 16) | (g << 8) | b, rgb,
                () -> String.format("at (%d,%d): expected #%02x%02x%02x, found #%06x", x, y, r, g, b, rgb));
    }
}
