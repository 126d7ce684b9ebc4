package org.ifl.referencevlm;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Scene} as a small square RGB image. The image is a 2x2 grid of cells; each shape fills a square
 * box of about three quarters of a cell, nudged inside it but never touching its neighbours. An {@link Artwork} is
 * drawn in the same grid, its two motifs in opposite cells. Everything is integer geometry with anti-aliasing off,
 * so the same picture gives the same pixels on every run and machine.
 */
public final class SceneRenderer {
    public static final int DEFAULT_SIZE = 32;
    public static final int CHANNELS = 3;
    private static final int MIN_SIZE = 16;
    private static final int BACKGROUND = 0xFFFFFF;
    /** Inner to outer radius of the star: fatter than a classic star so its arms survive at a few pixels. */
    private static final double STAR_WAIST = 0.45;

    private final int size;

    public SceneRenderer() {
        this(DEFAULT_SIZE);
    }

    /** {@code size}: width and height in pixels, even and at least 16. */
    public SceneRenderer(int size) {
        if (size < MIN_SIZE || size % 2 != 0) {
            throw new IllegalArgumentException("image size must be even and at least " + MIN_SIZE + ", was " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Floats in one image: {@code 3 * size * size}. */
    public int pixelCount() {
        return CHANNELS * size * size;
    }

    /** Each shape's box, in drawing order. */
    public List<Rectangle> placements(Scene scene) {
        int cell = size / 2;
        // A pixel of margin inside each cell keeps neighbours apart: touching squares would read as one rectangle.
        int side = cell * 3 / 4 - 1;
        int slack = cell - side - 2;
        int[] cells = cellOrder(scene.layout() % 24);
        long bits = scramble(scene.layout());
        List<Rectangle> boxes = new ArrayList<>(scene.count());
        for (int i = 0; i < scene.count(); i++) {
            int dx = (int) Long.remainderUnsigned(bits >>> (16 * i), slack + 1);
            int dy = (int) Long.remainderUnsigned(bits >>> (16 * i + 8), slack + 1);
            int column = cells[i] % 2;
            int row = cells[i] / 2;
            boxes.add(new Rectangle(column * cell + 1 + dx, row * cell + 1 + dy, side, side));
        }
        return List.copyOf(boxes);
    }

    public BufferedImage render(Scene scene) {
        return draw(g -> {
            g.setColor(new Color(scene.colour().rgb()));
            for (Rectangle box : placements(scene)) {
                fill(g, scene.shape(), box);
            }
        });
    }

    /** An artwork: its first motif in the top left cell, its second in the bottom right one, each as large as fits. */
    public BufferedImage render(Artwork artwork) {
        int cell = size / 2;
        int side = cell - 2;
        return draw(g -> {
            g.setColor(new Color(artwork.first().colour().rgb()));
            fill(g, artwork.first().shape(), new Rectangle(1, 1, side, side));
            g.setColor(new Color(artwork.second().colour().rgb()));
            fill(g, artwork.second().shape(), new Rectangle(cell + 1, cell + 1, side, side));
        });
    }

    public BufferedImage render(Picture picture) {
        return picture instanceof Scene scene ? render(scene) : render((Artwork) picture);
    }

    /** The picture's pixels as the model reads them: channel-major (R, G, B planes), rows top down, in [0, 1]. */
    public float[] pixels(Picture picture) {
        return channelsFirst(render(picture));
    }

    private BufferedImage draw(Consumer<Graphics2D> shapes) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // Hard edges and no dithering: a shape's pixels are exactly its colour and the rest exactly white.
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_DITHERING, RenderingHints.VALUE_DITHER_DISABLE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
            g.setColor(new Color(BACKGROUND));
            g.fillRect(0, 0, size, size);
            shapes.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Any RGB image as channel-major floats in [0, 1]. */
    public static float[] channelsFirst(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] out = new float[CHANNELS * plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int at = y * width + x;
                out[at] = ((rgb >> 16) & 0xFF) / 255f;
                out[plane + at] = ((rgb >> 8) & 0xFF) / 255f;
                out[2 * plane + at] = (rgb & 0xFF) / 255f;
            }
        }
        return out;
    }

    /** Writes the picture as a PNG, for looking at what the model sees. */
    public void writePng(Picture scene, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(render(scene), "png", file.toFile())) {
            throw new IllegalStateException("this JVM has no PNG writer");
        }
    }

    private static void fill(Graphics2D g, Shape shape, Rectangle box) {
        switch (shape) {
            case CIRCLE -> g.fillOval(box.x, box.y, box.width, box.height);
            case SQUARE -> g.fillRect(box.x, box.y, box.width, box.height);
            case TRIANGLE -> g.fillPolygon(
                    new int[] {box.x + box.width / 2, box.x + box.width, box.x},
                    new int[] {box.y, box.y + box.height, box.y + box.height}, 3);
            case STAR -> fillStar(g, box);
        }
    }

    /** Five points, one straight up; vertices rounded to whole pixels (StrictMath: the same on every JVM). */
    private static void fillStar(Graphics2D g, Rectangle box) {
        double cx = box.x + box.width / 2.0;
        double cy = box.y + box.height / 2.0;
        double outer = box.width / 2.0;
        int[] xs = new int[10];
        int[] ys = new int[10];
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? outer : outer * STAR_WAIST;
            double angle = -StrictMath.PI / 2 + i * StrictMath.PI / 5;
            xs[i] = (int) StrictMath.round(cx + radius * StrictMath.cos(angle));
            ys[i] = (int) StrictMath.round(cy + radius * StrictMath.sin(angle));
        }
        g.fillPolygon(xs, ys, 10);
    }

    /** The {@code index}-th of the 24 orders of the cells: 0 top left, 1 top right, 2 bottom left, 3 bottom right. */
    private static int[] cellOrder(int index) {
        List<Integer> left = new ArrayList<>(List.of(0, 1, 2, 3));
        int[] order = new int[4];
        int rest = index;
        for (int i = 0; i < 4; i++) {
            int radix = 4 - i;
            int factorial = switch (radix) {
                case 4 -> 6;
                case 3 -> 2;
                default -> 1;
            };
            order[i] = left.remove(rest / factorial);
            rest %= factorial;
        }
        return order;
    }

    /** SplitMix64's finaliser: spreads a layout number over 64 bits that pick each shape's nudge. */
    private static long scramble(int layout) {
        long z = (layout + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
