package org.ifl.producers.internal.sample;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * The sample suite's images, drawn with Java2D: shapes, counts, colours and small scenes, with no text, so that
 * an image says nothing in any language. Rendering is deterministic (anti-aliasing, dithering and stroke
 * control fixed, {@link StrictMath} for the trigonometry, no randomness), so every run and every machine writes
 * the same bytes and a test can compare them.
 */
public final class SampleImages {
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;

    private static final Color WHITE = Color.WHITE;
    private static final Color SKY = new Color(170, 215, 245);
    private static final Color GRASS = new Color(60, 170, 60);
    private static final Color BROWN = new Color(130, 80, 35);
    private static final Color RED = new Color(220, 30, 30);
    private static final Color BLUE = new Color(30, 70, 210);
    private static final Color GREEN = new Color(30, 160, 50);
    private static final Color YELLOW = new Color(250, 210, 20);
    private static final Color PURPLE = new Color(130, 50, 170);
    private static final Color ORANGE = new Color(245, 140, 20);

    /** Each image's id (the id of the sample item that shows it) and how it is drawn, in suite order. */
    private static final Map<String, Consumer<Graphics2D>> SCENES = scenes();

    private SampleImages() {
    }

    /** The image ids, in suite order. */
    public static List<String> ids() {
        return List.copyOf(SCENES.keySet());
    }

    /** The image with this id, {@value #WIDTH}x{@value #HEIGHT} RGB. */
    public static BufferedImage render(String id) {
        Consumer<Graphics2D> scene = SCENES.get(id);
        if (scene == null) {
            throw new IllegalArgumentException("no sample image '" + id + "'; known: " + SCENES.keySet());
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
            g.setRenderingHint(RenderingHints.KEY_DITHERING, RenderingHints.VALUE_DITHER_DISABLE);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_NORMALIZE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_SPEED);
            g.setColor(WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            scene.accept(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes every image into {@code dir} (created if missing) as {@code <id>.png}, replacing what is there.
     *
     * @return each id's file, in suite order
     */
    public static Map<String, Path> writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> files = new LinkedHashMap<>();
        for (String id : SCENES.keySet()) {
            Path file = dir.resolve(id + ".png");
            Files.deleteIfExists(file);
            // To a file, not a stream: ImageIO then needs no cache file of its own.
            if (!ImageIO.write(render(id), "png", file.toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
            files.put(id, file);
        }
        return Collections.unmodifiableMap(files);
    }

    private static Map<String, Consumer<Graphics2D>> scenes() {
        Map<String, Consumer<Graphics2D>> s = new LinkedHashMap<>();
        s.put("red-circle", SampleImages::redCircle);
        s.put("two-blue-squares", SampleImages::twoBlueSquares);
        s.put("sun-hill-house", SampleImages::sunHillHouse);
        s.put("tree", SampleImages::tree);
        s.put("boat", SampleImages::boat);
        s.put("traffic-light", SampleImages::trafficLight);
        s.put("clock", SampleImages::clock);
        s.put("three-green-triangles", SampleImages::threeGreenTriangles);
        s.put("five-yellow-stars", SampleImages::fiveYellowStars);
        s.put("big-circle-small-square", SampleImages::bigCircleSmallSquare);
        s.put("three-stripes", SampleImages::threeStripes);
        s.put("four-balloons", SampleImages::fourBalloons);
        return Collections.unmodifiableMap(s);
    }

    private static void redCircle(Graphics2D g) {
        g.setColor(RED);
        g.fill(new Ellipse2D.Double(80, 40, 160, 160));
    }

    private static void twoBlueSquares(Graphics2D g) {
        g.setColor(BLUE);
        g.fillRect(45, 75, 90, 90);
        g.fillRect(185, 75, 90, 90);
    }

    private static void sunHillHouse(Graphics2D g) {
        sky(g);
        g.setColor(YELLOW);
        g.fill(new Ellipse2D.Double(230, 25, 60, 60));
        g.setColor(GRASS);
        g.fill(new Ellipse2D.Double(-60, 150, 440, 220));
        g.setColor(new Color(230, 200, 150));
        g.fillRect(130, 120, 60, 45);
        g.setColor(new Color(170, 40, 40));
        g.fillPolygon(new int[] {120, 160, 200}, new int[] {120, 90, 120}, 3);
        g.setColor(BROWN);
        g.fillRect(152, 140, 16, 25);
    }

    private static void tree(Graphics2D g) {
        sky(g);
        g.setColor(GRASS);
        g.fillRect(0, 190, WIDTH, HEIGHT - 190);
        g.setColor(BROWN);
        g.fillRect(148, 120, 24, 80);
        g.setColor(GREEN);
        g.fill(new Ellipse2D.Double(100, 30, 120, 110));
    }

    private static void boat(Graphics2D g) {
        sky(g);
        g.setColor(new Color(30, 90, 200));
        g.fillRect(0, 160, WIDTH, HEIGHT - 160);
        g.setColor(BROWN);
        g.fillPolygon(new int[] {100, 220, 200, 120}, new int[] {150, 150, 180, 180}, 4);
        g.setColor(new Color(60, 40, 20));
        g.setStroke(new BasicStroke(4));
        g.draw(new Line2D.Double(160, 150, 160, 60));
        g.setColor(WHITE);
        g.fillPolygon(new int[] {165, 165, 215}, new int[] {65, 140, 140}, 3);
    }

    private static void trafficLight(Graphics2D g) {
        g.setColor(new Color(120, 120, 120));
        g.fillRect(152, 200, 16, 40);
        g.setColor(new Color(50, 50, 55));
        g.fill(new RoundRectangle2D.Double(125, 20, 70, 185, 20, 20));
        g.setColor(new Color(90, 25, 25));
        g.fill(new Ellipse2D.Double(137, 32, 46, 46));
        g.setColor(new Color(95, 85, 25));
        g.fill(new Ellipse2D.Double(137, 90, 46, 46));
        g.setColor(new Color(40, 230, 70));
        g.fill(new Ellipse2D.Double(137, 148, 46, 46));
    }

    private static void clock(Graphics2D g) {
        double cx = 160;
        double cy = 120;
        g.setColor(Color.BLACK);
        g.fill(new Ellipse2D.Double(cx - 100, cy - 100, 200, 200));
        g.setColor(WHITE);
        g.fill(new Ellipse2D.Double(cx - 92, cy - 92, 184, 184));
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        for (int hour = 0; hour < 12; hour++) {
            double angle = hour * StrictMath.PI / 6;
            double sin = StrictMath.sin(angle);
            double cos = StrictMath.cos(angle);
            g.draw(new Line2D.Double(Math.rint(cx + 78 * sin), Math.rint(cy - 78 * cos), Math.rint(cx + 88 * sin),
                    Math.rint(cy - 88 * cos)));
        }
        g.setStroke(new BasicStroke(8, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(cx, cy, cx + 50, cy));
        g.setStroke(new BasicStroke(4, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(cx, cy, cx, cy - 75));
        g.fill(new Ellipse2D.Double(cx - 6, cy - 6, 12, 12));
    }

    private static void threeGreenTriangles(Graphics2D g) {
        g.setColor(GREEN);
        for (int i = 0; i < 3; i++) {
            int left = 25 + i * 95;
            g.fillPolygon(new int[] {left, left + 40, left + 80}, new int[] {165, 80, 165}, 3);
        }
    }

    private static void fiveYellowStars(Graphics2D g) {
        g.setColor(new Color(20, 30, 90));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(YELLOW);
        int[][] centres = {{60, 60}, {160, 45}, {260, 70}, {100, 165}, {225, 175}};
        for (int[] c : centres) {
            g.fillPolygon(star(c[0], c[1], 30, 12));
        }
    }

    private static Polygon star(int cx, int cy, double outer, double inner) {
        Polygon star = new Polygon();
        for (int i = 0; i < 10; i++) {
            double radius = i % 2 == 0 ? outer : inner;
            double angle = i * StrictMath.PI / 5;
            star.addPoint((int) StrictMath.round(cx + radius * StrictMath.sin(angle)),
                    (int) StrictMath.round(cy - radius * StrictMath.cos(angle)));
        }
        return star;
    }

    private static void bigCircleSmallSquare(Graphics2D g) {
        g.setColor(ORANGE);
        g.fill(new Ellipse2D.Double(30, 45, 150, 150));
        g.setColor(PURPLE);
        g.fillRect(225, 100, 50, 50);
    }

    private static void threeStripes(Graphics2D g) {
        g.setColor(BLUE);
        g.fillRect(0, 0, WIDTH, 80);
        g.setColor(WHITE);
        g.fillRect(0, 80, WIDTH, 80);
        g.setColor(RED);
        g.fillRect(0, 160, WIDTH, 80);
    }

    private static void fourBalloons(Graphics2D g) {
        sky(g);
        Color[] colours = {RED, YELLOW, GREEN, PURPLE};
        for (int i = 0; i < colours.length; i++) {
            int cx = 55 + i * 70;
            int top = 40 + (i % 2) * 25;
            g.setColor(new Color(80, 80, 80));
            g.setStroke(new BasicStroke(1));
            g.draw(new Line2D.Double(cx, top + 70, cx, 225));
            g.setColor(colours[i]);
            g.fill(new Ellipse2D.Double(cx - 25, top, 50, 70));
        }
    }

    private static void sky(Graphics2D g) {
        g.setColor(SKY);
        g.fillRect(0, 0, WIDTH, HEIGHT);
    }
}
