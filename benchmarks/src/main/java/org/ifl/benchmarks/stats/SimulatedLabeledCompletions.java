package org.ifl.benchmarks.stats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.SimulatedCompletions;

/**
 * The stats benchmark's input, drawn from a seed: the cells of a simulated evaluation, and the labeled completions,
 * repeats and expert annotations of their items as the serialized records that go to the broker.
 *
 * <p>One {@link SplittableRandom} draws everything in one fixed order (cells, then per item its cell, its arms'
 * fidelities, repeats, an annotation), so the same seed and record count give the same records on every run.
 */
public final class SimulatedLabeledCompletions {
    /** The simulated evaluation: 2 models x 2 checkpoints x 5 datasets x the IFL paper's 14 languages. */
    static final List<String> MODELS = List.of("bench-llava-a", "bench-llava-b");
    static final List<String> CHECKPOINTS = List.of("ckpt-1000", "ckpt-2000");
    static final List<String> DATASETS = List.of("maxm", "palo", "visit-bench", "llava-bench-wild", "artwork");
    static final List<String> LANGUAGES = List.of(
            "ar", "bn", "de", "en", "es", "fr", "he", "hi", "ja", "ro", "ru", "th", "ur", "zh");
    /** Share of the records that are a completion sent again (an at-least-once redelivery). */
    static final double REPEAT_RATE = 0.01;
    /** Share of the items one of whose arms an expert labels; also the labels' sampling probability. */
    static final double ANNOTATION_RATE = 0.002;
    /** A repeat is a copy of one of this many records sent last. */
    static final int REPEAT_HORIZON = 10_000;
    /** Record timestamps spread evenly over this span before the start, so the hopping windows move. */
    public static final Duration SPAN = Duration.ofHours(2);
    static final String RUN_ID = "bench-stats";

    /** A cell ({@code pair} without an item) and the true fidelity of each arm, by ordinal. */
    public record Cell(PairKey pair, double[] fidelity) {
    }

    /**
     * What {@link #draw} sent.
     *
     * @param records labeled completions, repeats included
     * @param valueBytes serialized size of all of them
     */
    record Counts(long records, long repeats, long items, int cells, long annotations, long valueBytes) {
    }

    private final long records;
    private final long seed;
    private final String labeled;
    private final String annotations;
    private final Serializer<LabeledCompletion> completionBytes;
    private final Serializer<ExpertAnnotation> annotationBytes;

    /** {@code records} labeled completions (repeats included) drawn from {@code seed}, serialized by {@code topics}. */
    SimulatedLabeledCompletions(long records, long seed, Topics topics) {
        this.records = records;
        this.seed = seed;
        this.labeled = Topics.LABELED.name();
        this.annotations = Topics.ANNOTATIONS.name();
        this.completionBytes = topics.topic(Topics.LABELED).valueSerde().serializer();
        this.annotationBytes = topics.topic(Topics.ANNOTATIONS).valueSerde().serializer();
    }

    /**
     * Hands every record, in order, to {@code send}. Items go to cells at random, their arms one after another;
     * after any record, with {@link #REPEAT_RATE}, one of the last {@link #REPEAT_HORIZON} records goes again, the
     * same bytes. Each cell has its own true fidelity per arm. Timestamps spread over the {@link #SPAN} before
     * {@code endMillis}. Stops early, after an item, once {@code stop} is true (the producer failed).
     */
    Counts draw(long endMillis, Consumer<ProducerRecord<byte[], byte[]>> send, BooleanSupplier stop) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Cell> cells = cells(random);
        long[] itemsOfCell = new long[cells.size()];
        List<ProducerRecord<byte[], byte[]>> recent = new ArrayList<>(REPEAT_HORIZON);
        long sent = 0;
        long repeats = 0;
        long items = 0;
        long annotated = 0;
        long valueBytes = 0;
        long firstTimestamp = endMillis - SPAN.toMillis();
        while (sent < records) {
            int cell = random.nextInt(cells.size());
            PairKey pair = PairKey.newBuilder(cells.get(cell).pair()).setItemId("item-" + itemsOfCell[cell]++)
                    .build();
            byte[] key = RecordKey.cell(pair).getBytes(StandardCharsets.UTF_8);
            long timestamp = firstTimestamp + SPAN.toMillis() * sent / records;
            Instant at = Instant.ofEpochMilli(timestamp);
            int[] fidelity = new int[SimulatedCompletions.ALL_ARMS.size()];
            for (Arm arm : SimulatedCompletions.ALL_ARMS) {
                if (sent == records) {
                    break;
                }
                int f = random.nextDouble() < cells.get(cell).fidelity()[arm.ordinal()] ? 1 : 0;
                fidelity[arm.ordinal()] = f;
                byte[] value = completionBytes.serialize(labeled, SimulatedCompletions.labeled(pair, arm,
                        completionId(pair, arm), f, f, LabelStatus.LABELED, at));
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(labeled, null, timestamp, key, value);
                send.accept(record);
                valueBytes += value.length;
                sent++;
                if (recent.size() < REPEAT_HORIZON) {
                    recent.add(record);
                } else {
                    recent.set((int) (sent % REPEAT_HORIZON), record);
                }
                if (sent < records && random.nextDouble() < REPEAT_RATE) {
                    ProducerRecord<byte[], byte[]> again = recent.get(random.nextInt(recent.size()));
                    send.accept(new ProducerRecord<>(labeled, null, timestamp, again.key(), again.value()));
                    valueBytes += again.value().length;
                    sent++;
                    repeats++;
                }
            }
            items++;
            if (random.nextDouble() < ANNOTATION_RATE) {
                Arm arm = SimulatedCompletions.ALL_ARMS.get(random.nextInt(fidelity.length));
                send.accept(new ProducerRecord<>(annotations, null, timestamp, key,
                        annotationBytes.serialize(annotations, annotation(pair, arm, fidelity[arm.ordinal()], random,
                                at))));
                annotated++;
            }
            if (stop.getAsBoolean()) {
                break;
            }
        }
        return new Counts(sent, repeats, items, cells.size(), annotated, valueBytes);
    }

    /**
     * Every cell of the simulated evaluation. Text fidelity between 0.80 and 0.99; the image loses up to 0.40
     * of it (the IFL); the remedy wins back a random share of the loss. {@code ifl chaos} draws its cells here too.
     */
    public static List<Cell> cells(SplittableRandom random) {
        return cells(random, MODELS, CHECKPOINTS, DATASETS, LANGUAGES);
    }

    /** Every combination of the given models, checkpoints, datasets and languages, each with drawn fidelities. */
    public static List<Cell> cells(SplittableRandom random, List<String> models, List<String> checkpoints,
            List<String> datasets, List<String> languages) {
        List<Cell> cells = new ArrayList<>();
        for (String model : models) {
            for (String checkpoint : checkpoints) {
                for (String dataset : datasets) {
                    for (String language : languages) {
                        double text = 0.80 + 0.19 * random.nextDouble();
                        double image = text - 0.40 * random.nextDouble();
                        cells.add(new Cell(new PairKey(RUN_ID, model, checkpoint, dataset, "", language),
                                new double[] {text, image, image + (text - image) * random.nextDouble()}));
                    }
                }
            }
        }
        return cells;
    }

    private static String completionId(PairKey pair, Arm arm) {
        return RecordKey.pair(pair) + "|" + arm.name();
    }

    /** An expert's label of {@code arm}: agrees with the language identifier 95% of the time. */
    private static ExpertAnnotation annotation(PairKey pair, Arm arm, int fidelity, SplittableRandom random,
            Instant at) {
        boolean inExpected = (fidelity == 1) == (random.nextDouble() < 0.95);
        return ExpertAnnotation.newBuilder()
                .setCompletionId(completionId(pair, arm))
                .setPair(pair)
                .setArm(arm)
                .setTrueLanguage(inExpected ? pair.getLanguage() : pair.getLanguage().equals("en") ? "fr" : "en")
                .setSamplingProbability(ANNOTATION_RATE)
                .setAnnotator("bench")
                .setAnnotatedAt(at)
                .build();
    }
}
