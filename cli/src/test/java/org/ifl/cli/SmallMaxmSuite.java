package org.ifl.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The smallest MaXM suite that fills a report row per language: one question about one local image in each. */
final class SmallMaxmSuite {
    private SmallMaxmSuite() {
    }

    /**
     * Writes the suite under {@code dir}: a red square, one question per language with its answer, and the
     * image's caption in each language; returns its {@code --suite} value.
     */
    static String write(Path dir, List<String> languages) throws Exception {
        Path maxm = Files.createDirectories(dir.resolve("suite").resolve("images"));
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, 32, 32);
        graphics.dispose();
        ImageIO.write(image, "png", maxm.resolve("ball.png").toFile());
        List<String> captions = new ArrayList<>(List.of("image_id,language,caption"));
        for (String language : languages) {
            Files.writeString(maxm.resolveSibling(language + ".json"), "{\"split\": \"" + language + "\", "
                    + "\"annotations\": [{\"image_id\": \"ball\", \"qa_pairs\": [{\"question_id\": \"" + language
                    + "-1\", \"question\": \"What colour is it?\", \"answers\": [\"red\"]}]}]}");
            captions.add("ball," + language + ",A red square.");
        }
        Path captionsFile = Files.write(dir.resolve("captions.csv"), captions);
        return "maxm=" + maxm.getParent() + ",captions=" + captionsFile;
    }
}
