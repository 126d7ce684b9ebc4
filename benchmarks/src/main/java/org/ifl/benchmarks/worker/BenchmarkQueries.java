package org.ifl.benchmarks.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.SceneRenderer;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.topic.RecordKey;

/**
 * The worker benchmark's queries: evaluation items of the reference VLM as the producers publish them, one query
 * per item and arm, the arms of an item next to each other, images inline as the PNG the model reads. Each scene
 * is drawn once; every run id gets the same queries under new ids.
 */
public final class BenchmarkQueries {
    public static final String MODEL = "reference-vlm";
    public static final String CHECKPOINT = "bundled";
    public static final String DATASET = "reference-scenes";
    private static final Instant CREATED_AT = Instant.parse("2026-12-01T00:00:00Z");

    private final List<EvaluationItem> items;
    private final List<Arm> arms;
    private final int limit;
    private final int maxNewTokens;
    private final Map<Scene, byte[]> pngs = new HashMap<>();

    /**
     * @param items        the items, in the order they are asked
     * @param arms         the arms each item is asked on, in this order
     * @param limit        the most queries (0: every item on every arm)
     * @param maxNewTokens each query's answer length budget
     */
    public BenchmarkQueries(List<EvaluationItem> items, List<Arm> arms, int limit, int maxNewTokens) {
        if (items.isEmpty() || arms.isEmpty()) {
            throw new IllegalArgumentException("the benchmark needs at least one item and one arm");
        }
        if (limit < 0 || maxNewTokens < 1) {
            throw new IllegalArgumentException("limit must not be negative (" + limit + ") and maxNewTokens must be "
                    + "at least 1 (" + maxNewTokens + ")");
        }
        this.items = List.copyOf(items);
        this.arms = List.copyOf(arms);
        this.limit = limit;
        this.maxNewTokens = maxNewTokens;
        SceneRenderer renderer = new SceneRenderer();
        int asked = arms.stream().allMatch(a -> a == Arm.TEXT) ? 0 : (size() + arms.size() - 1) / arms.size();
        for (EvaluationItem item : this.items.subList(0, asked)) {
            pngs.computeIfAbsent(item.scene(), scene -> png(renderer, scene));
        }
    }

    /** How many queries each run has. */
    public int size() {
        int all = items.size() * arms.size();
        return limit == 0 ? all : Math.min(limit, all);
    }

    /** The images the queries carry: one per distinct scene asked. */
    public int distinctImages() {
        return pngs.size();
    }

    /** The queries of run {@code runId}: ids {@code run|model|checkpoint|dataset|item|language|arm}. */
    public List<Query> forRun(String runId) {
        return forRun(runId, List.of(CHECKPOINT));
    }

    /**
     * The queries of run {@code runId} spread over {@code checkpoints}: the i-th item is asked of checkpoint
     * {@code i mod k}, so consecutive items switch checkpoints (the worst order for a worker that loads them).
     */
    public List<Query> forRun(String runId, List<String> checkpoints) {
        List<Query> queries = new ArrayList<>(size());
        Map<String, Integer> perLanguage = new HashMap<>();
        int asked = 0;
        for (EvaluationItem item : items) {
            String checkpoint = checkpoints.get(asked++ % checkpoints.size());
            int index = perLanguage.merge(item.language(), 1, Integer::sum);
            String itemId = String.format(Locale.ROOT, "%s-%02d", item.split().name().toLowerCase(Locale.ROOT),
                    index);
            for (Arm arm : arms) {
                if (queries.size() == size()) {
                    return queries;
                }
                queries.add(query(runId, checkpoint, itemId, item, arm));
            }
        }
        return queries;
    }

    private Query query(String runId, String checkpoint, String itemId, EvaluationItem item, Arm arm) {
        PairKey pair = PairKey.newBuilder().setRunId(runId).setModel(MODEL).setCheckpoint(checkpoint)
                .setDataset(DATASET).setItemId(itemId).setLanguage(item.language()).build();
        boolean withImage = arm != Arm.TEXT;
        return Query.newBuilder()
                .setQueryId(RecordKey.of(runId, MODEL, checkpoint, DATASET, itemId, item.language(), arm.name()))
                .setPair(pair)
                .setCondition(Condition.newBuilder().setArm(arm).setTask(TaskKind.FIDELITY)
                        .setInstructionLanguage(item.language()).setExpectedLanguage(item.expectedLanguage())
                        .setPattern(null).setAlignment(null).build())
                .setPrompt(item.question())
                .setDescription(withImage ? null : item.description())
                .setImage(null)
                .setImageBytes(withImage ? ByteBuffer.wrap(pngs.get(item.scene())) : null)
                .setReferences(ItemReferences.newBuilder().setAnswers(List.of(item.expectedAnswer()))
                        .setReferenceText(null).setEntities(List.of()).setCooccurringPairs(List.of()).build())
                .setMaxNewTokens(maxNewTokens)
                .setCreatedAt(CREATED_AT)
                .build();
    }

    private static byte[] png(SceneRenderer renderer, Scene scene) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(renderer.render(scene), "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
