package org.ifl.benchmarks.lid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ifl.benchmarks.lid.LabeledTextCorpus.LabeledText;
import org.ifl.benchmarks.lid.LidBenchmarkResult.ThreadLoad;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.TaskKind;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;

/**
 * The lid benchmark's input: the corpus texts as completions whose expected language is the text's own, produced
 * once to {@code eval.completions} for the topology rounds (one per text and repeat), or listed for the scorer.
 * Completion ids are {@code repeat-index}, so a labeled completion leads back to its text.
 */
final class CatalogCompletions {
    static final String MODEL = "bench-lid";
    static final String CHECKPOINT = "corpus";
    static final String DATASET = "debian-message-catalogs";

    private final long count;
    private final int keys;
    private final int[] partitionOfText;
    private final List<Long> recordsPerPartition;
    private final double produceSeconds;

    private CatalogCompletions(long count, int keys, int[] partitionOfText, long[] recordsPerPartition,
            double produceSeconds) {
        this.count = count;
        this.keys = keys;
        this.partitionOfText = partitionOfText;
        this.recordsPerPartition = Arrays.stream(recordsPerPartition).boxed().toList();
        this.produceSeconds = produceSeconds;
    }

    /**
     * Produces {@code repeat} completions of each text. Text {@code i} goes to cell {@code i % cellsPerLanguage}
     * of its language: one pair (so one record key, {@code model|checkpoint|dataset|language}) per language and
     * cell.
     */
    static CatalogCompletions produce(String bootstrapServers, Topics topics, List<LabeledText> texts, int repeat,
            int cellsPerLanguage, Consumer<String> progress) {
        Topic<String, Completion> topic = topics.topic(Topics.COMPLETIONS);
        long count = (long) texts.size() * repeat;
        progress.accept("producing " + count + " completions to " + topic.name() + " ...");
        long start = System.nanoTime();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ifl-bench-lid-producer");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Map<String, PairKey> pairs = new HashMap<>();
        Map<String, Condition> conditions = new HashMap<>();
        Instant now = Instant.now();
        AtomicReference<Exception> failure = new AtomicReference<>();
        int[] partitions = new int[texts.size()];
        long[] recordsPerPartition;
        try (KafkaProducer<String, Completion> producer = new KafkaProducer<>(config, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            recordsPerPartition = new long[producer.partitionsFor(topic.name()).size()];
            for (int r = 0; r < repeat; r++) {
                for (int i = 0; i < texts.size(); i++) {
                    String language = texts.get(i).language();
                    int cell = i % cellsPerLanguage;
                    PairKey pair = pairs.computeIfAbsent(language + "|" + cell, k -> new PairKey("bench", MODEL,
                            CHECKPOINT, cellsPerLanguage == 1 ? DATASET : DATASET + "-" + cell,
                            "catalog-strings-" + language, language));
                    Condition condition = conditions.computeIfAbsent(language, l -> Condition.newBuilder()
                            .setArm(Arm.TEXT).setTask(TaskKind.FIDELITY).setInstructionLanguage(l)
                            .setExpectedLanguage(l).build());
                    String id = completionId(r, i);
                    Completion completion = completion(id, pair, condition, texts.get(i).text(), now);
                    int text = i;
                    producer.send(new ProducerRecord<>(topic.name(), RecordKey.cell(pair), completion),
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                } else {
                                    partitions[text] = metadata.partition(); // the same key every repeat
                                }
                            });
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot produce completions: " + failure.get(), failure.get());
        }
        for (int partition : partitions) {
            recordsPerPartition[partition] += repeat;
        }
        return new CatalogCompletions(count, pairs.size(), partitions, recordsPerPartition,
                (System.nanoTime() - start) / 1e9);
    }

    /** A completion of {@code text} as the benchmark sends it: expected language = the text's language. */
    static Completion completion(String id, PairKey pair, Condition condition, String text, Instant now) {
        return Completion.newBuilder().setCompletionId(id).setQueryId(id).setPair(pair).setCondition(condition)
                .setPrompt("").setReferences(ItemReferences.newBuilder().build()).setText(text).setBackend("bench")
                .setReplayed(true).setQueriedAt(now).setCompletedAt(now).build();
    }

    /** One completion per text, for timing the scorer without Kafka. */
    static List<Completion> oneEach(List<LabeledText> texts) {
        Instant now = Instant.now();
        List<Completion> completions = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String language = texts.get(i).language();
            PairKey pair = new PairKey("bench", MODEL, CHECKPOINT, DATASET, "catalog-strings-" + language, language);
            Condition condition = Condition.newBuilder().setArm(Arm.TEXT).setTask(TaskKind.FIDELITY)
                    .setInstructionLanguage(language).setExpectedLanguage(language).build();
            completions.add(completion(completionId(0, i), pair, condition, texts.get(i).text(), now));
        }
        return completions;
    }

    static String completionId(int repeat, int index) {
        return repeat + "-" + index;
    }

    /** The index of the text a completion id of {@link #completionId} names. */
    static int textIndex(String completionId) {
        return Integer.parseInt(completionId.substring(completionId.indexOf('-') + 1));
    }

    /** Completions produced: texts times repeat. */
    long count() {
        return count;
    }

    /** Record keys (cells) the completions went to. */
    int keys() {
        return keys;
    }

    /**
     * Each stream thread's input partitions, the completions in them, and the seconds the bare detector took,
     * per repeat, for their texts: how evenly the keys spread the work over the threads.
     *
     * @param bareNanosPerText the bare detector's time for each text, per repeat
     */
    List<ThreadLoad> threadLoads(Map<String, List<Integer>> partitionsByThread, double[] bareNanosPerText,
            int repeat) {
        double[] nanosPerPartition = new double[recordsPerPartition.size()];
        for (int i = 0; i < partitionOfText.length; i++) {
            nanosPerPartition[partitionOfText[i]] += bareNanosPerText[i] * repeat;
        }
        List<ThreadLoad> loads = new ArrayList<>();
        partitionsByThread.forEach((thread, partitions) -> loads.add(new ThreadLoad(thread, partitions,
                partitions.stream().mapToLong(recordsPerPartition::get).sum(),
                partitions.stream().mapToDouble(p -> nanosPerPartition[p]).sum() / 1e9)));
        return loads;
    }

    List<Long> recordsPerPartition() {
        return recordsPerPartition;
    }

    double produceSeconds() {
        return produceSeconds;
    }
}
