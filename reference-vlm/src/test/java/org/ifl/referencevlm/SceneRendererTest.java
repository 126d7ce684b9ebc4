package org.ifl.referencevlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.ifl.referencevlm.data.SceneSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneRendererTest {
    private static final int WHITE = 0xFFFFFF;
    private final SceneRenderer renderer = new SceneRenderer();

    @Test
    void theSameSceneGivesTheSamePixelsEveryTime() {
        for (Scene scene : SceneSpace.scenes(SceneSpace.all(), 17)) {
            float[] first = renderer.pixels(scene);
            assertArrayEquals(first, renderer.pixels(scene), scene.toString());
            assertArrayEquals(first, new SceneRenderer().pixels(scene), scene.toString());
        }
    }

    @Test
    void everyShapeIsItsColourAtItsCentreAndTheRestOfTheImageIsWhiteOrThatColour() {
        for (int layout = 0; layout < Scene.LAYOUTS; layout += 7) {
            for (Scene scene : SceneSpace.scenes(SceneSpace.all(), layout)) {
                BufferedImage image = renderer.render(scene);
                int colour = scene.colour().rgb();
                for (Rectangle box : renderer.placements(scene)) {
                    assertEquals(colour, rgb(image, box.x + box.width / 2, box.y + box.height / 2),
                            () -> scene + " centre of " + box);
                }
                Set<Integer> seen = new HashSet<>();
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        seen.add(rgb(image, x, y));
                    }
                }
                assertEquals(Set.of(WHITE, colour), seen, scene::toString);
            }
        }
    }

    @Test
    void shapesSitInsideTheImageWithAGapBetweenNeighbours() {
        for (int layout = 0; layout < Scene.LAYOUTS; layout++) {
            Scene scene = new Scene(Shape.SQUARE, Colour.BLUE, 4, layout);
            List<Rectangle> boxes = renderer.placements(scene);
            assertEquals(4, boxes.size());
            Rectangle frame = new Rectangle(0, 0, renderer.size(), renderer.size());
            for (int i = 0; i < boxes.size(); i++) {
                assertTrue(frame.contains(boxes.get(i)), scene + " " + boxes.get(i));
                Rectangle grown = new Rectangle(boxes.get(i));
                grown.grow(1, 1);
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertFalse(grown.intersects(boxes.get(j)), scene + " " + boxes);
                }
            }
        }
    }

    @Test
    void squarePixelsCountTheSquares() {
        for (int count = 1; count <= 4; count++) {
            Scene scene = new Scene(Shape.SQUARE, Colour.RED, count, 5);
            int side = renderer.placements(scene).get(0).width;
            assertEquals(count * side * side, colouredPixels(renderer.render(scene)), scene::toString);
        }
    }

    @Test
    void layoutsMoveTheShapes() {
        Set<String> images = new HashSet<>();
        for (int layout = 0; layout < Scene.LAYOUTS; layout++) {
            images.add(Arrays.toString(renderer.pixels(new Scene(Shape.CIRCLE, Colour.GREEN, 1, layout))));
        }
        assertTrue(images.size() >= 16, "only " + images.size() + " distinct one-circle images");
    }

    @Test
    void pixelsAreChannelMajorInUnitRange() {
        SceneRenderer small = new SceneRenderer(24);
        Scene scene = new Scene(Shape.STAR, Colour.YELLOW, 2, 3);
        float[] pixels = small.pixels(scene);
        assertEquals(3 * 24 * 24, pixels.length);
        assertEquals(small.pixelCount(), pixels.length);
        BufferedImage image = small.render(scene);
        Rectangle box = small.placements(scene).get(0);
        int x = box.x + box.width / 2;
        int y = box.y + box.height / 2;
        int plane = 24 * 24;
        assertEquals(0xF5 / 255f, pixels[y * 24 + x]);
        assertEquals(0xCD / 255f, pixels[plane + y * 24 + x]);
        assertEquals(0x1E / 255f, pixels[2 * plane + y * 24 + x]);
        assertEquals(Colour.YELLOW.rgb(), rgb(image, x, y));
        for (float v : pixels) {
            assertTrue(v >= 0f && v <= 1f);
        }
    }

    @Test
    void writesAPngThatReadsBackAsTheSameImage(@TempDir Path dir) throws Exception {
        Scene scene = new Scene(Shape.TRIANGLE, Colour.BLACK, 3, 11);
        Path file = dir.resolve("scenes/triangles.png");
        renderer.writePng(scene, file);
        assertArrayEquals(renderer.pixels(scene), SceneRenderer.channelsFirst(ImageIO.read(file.toFile())));
    }

    @Test
    void refusesOddOrTinySizes() {
        assertThrows(IllegalArgumentException.class, () -> new SceneRenderer(15));
        assertThrows(IllegalArgumentException.class, () -> new SceneRenderer(8));
    }

    private static int rgb(BufferedImage image, int x, int y) {
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    private static int colouredPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += rgb(image, x, y) == WHITE ? 0 : 1;
            }
        }
        return n;
    }
}
