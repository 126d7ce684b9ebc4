package org.ifl.producers.internal.suite;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The benchmark fixtures under {@code src/test/resources/suites}, and small images written where tests need them. */
public final class SuiteFixtures {

    private SuiteFixtures() {
    }

    /** A fixture file or folder, e.g. {@code maxm/questions}. */
    public static Path resource(String name) {
        try {
            return Path.of(SuiteFixtures.class.getResource("/suites/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a fixture folder's contents into {@code target}, so that a test can add to it. */
    public static Path copy(String name, Path target) throws IOException {
        Path source = resource(name);
        try (Stream<Path> tree = Files.walk(source)) {
            tree.forEach(p -> {
                Path to = target.resolve(source.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }

    /** A small PNG of one colour. */
    public static Path writePng(Path file, Color color) throws IOException {
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 8, 6);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A text file, written in UTF-8. */
    public static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, text);
    }
}
