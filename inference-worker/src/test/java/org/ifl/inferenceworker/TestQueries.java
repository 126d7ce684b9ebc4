package org.ifl.inferenceworker;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;

/** Queries as the producers publish them, for the worker's tests: each item asked on all three arms. */
final class TestQueries {
    private static final Color[] COLOURS = {Color.RED, Color.BLUE, Color.GREEN, Color.YELLOW, Color.BLACK};
    static final Map<String, String[]> QUESTIONS = Map.of(
            "de", new String[] {"Was siehst du auf dem Bild?", "Auf dem Bild ist ein Kreis."},
            "fr", new String[] {"Que vois-tu sur l'image ?", "Sur l'image, il y a un cercle."});

    private TestQueries() {
    }

    /**
     * {@code items} items per language of {@link #QUESTIONS}, three arms each, images inline as PNG. The run id is
     * also the model name, so a worker serving that model answers only this run.
     */
    static List<Query> suite(String runId, int items) {
        List<Query> queries = new ArrayList<>();
        for (String language : List.of("de", "fr")) {
            for (int item = 0; item < items; item++) {
                byte[] png = png(COLOURS[item % COLOURS.length], 1 + item % 3);
                for (Arm arm : Arm.values()) {
                    queries.add(query(runId, "item-" + item, language, arm, png));
                }
            }
        }
        return queries;
    }

    static Query query(String runId, String itemId, String language, Arm arm, byte[] imageBytes) {
        PairKey pair = PairKey.newBuilder().setRunId(runId).setModel(runId).setCheckpoint("bundled")
                .setDataset("worker-test").setItemId(itemId).setLanguage(language).build();
        String[] texts = QUESTIONS.get(language);
        return Query.newBuilder()
                .setQueryId(String.join("|", runId, runId, "bundled", "worker-test", itemId, language, arm.name()))
                .setPair(pair)
                .setCondition(Condition.newBuilder().setArm(arm).setTask(TaskKind.FIDELITY)
                        .setInstructionLanguage(language).setExpectedLanguage(language).setPattern(null)
                        .setAlignment(null).build())
                .setPrompt(texts[0])
                .setDescription(texts[1])
                .setImage(null)
                .setImageBytes(arm == Arm.TEXT || imageBytes == null ? null : ByteBuffer.wrap(imageBytes))
                .setReferences(ItemReferences.newBuilder().setAnswers(List.of()).setReferenceText(null)
                        .setEntities(List.of()).setCooccurringPairs(List.of()).build())
                .setMaxNewTokens(8)
                .setCreatedAt(Instant.parse("2026-12-01T00:00:00Z"))
                .build();
    }

    /** {@code count} circles of one colour on white, 32×32. */
    static byte[] png(Color colour, int count) {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 32, 32);
            g.setColor(colour);
            for (int i = 0; i < count; i++) {
                g.fillOval(2 + 10 * i, 10, 8, 8);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
