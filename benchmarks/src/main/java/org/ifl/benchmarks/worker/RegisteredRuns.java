package org.ifl.benchmarks.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ifl.inferenceworker.CheckpointBackends;
import org.ifl.inferenceworker.RegisteredCheckpoints;
import org.ifl.inferenceworker.WorkerSettings;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;

/**
 * The worker benchmark's third run: checkpoints registered on eval.checkpoints ({@code ckpt-1} ... {@code ckpt-k},
 * each located at the same extracted bundled weights, so each is a load of its own), and one pool of their
 * backends, as a worker with {@code --registered-checkpoints} has, kept across the rounds: with all of them
 * fitting the memory budget only the warm-up loads them; with a smaller budget every switch to a checkpoint
 * unloaded before loads it again. Every load is recorded with its round.
 */
final class RegisteredRuns implements AutoCloseable {
    private final List<String> checkpoints;
    private final RegisteredCheckpoints registrations;
    private final CheckpointBackends backends;
    private final List<WorkerBenchmarkResult.CheckpointLoad> loads = new ArrayList<>();
    private volatile int round;

    private RegisteredRuns(List<String> checkpoints, RegisteredCheckpoints registrations, WorkerSettings settings,
            long memoryBudget) {
        this.checkpoints = checkpoints;
        this.registrations = registrations;
        this.backends = new CheckpointBackends(registrations, CheckpointBackends.loader(settings), memoryBudget,
                Duration.ofSeconds(30), new CheckpointBackends.Events() {
                    @Override
                    public void loaded(String model, String checkpoint, long bytes, Duration load, Duration warm) {
                        synchronized (loads) {
                            loads.add(new WorkerBenchmarkResult.CheckpointLoad(round, checkpoint,
                                    load.toNanos() / 1e9, warm.toNanos() / 1e9));
                        }
                    }

                    @Override
                    public void unloaded(String model, String checkpoint) {
                    }

                    @Override
                    public void unavailable(String model, String checkpoint, String message) {
                    }
                }, System::nanoTime);
    }

    /** Extracts the bundled weights into {@code weights} and registers {@code options.checkpoints()} checkpoints. */
    static RegisteredRuns open(EmbeddedPlatform platform, Path weights, WorkerBenchmark.Options options,
            Consumer<String> progress) throws IOException {
        ReferenceModel.extractBundled(weights);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= options.checkpoints(); i++) {
            names.add("ckpt-" + i);
        }
        progress.accept(String.format(Locale.ROOT, "registering %d checkpoints (memory budget %s) ...",
                names.size(), options.checkpointMemoryBytes() == 0 ? "all" : options.checkpointMemoryBytes()
                        + " bytes"));
        Topics topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
        try (Producer<String, Checkpoint> producer = new TopicProducers(platform.clusterAccess())
                .create(Topics.CHECKPOINTS, "bench-worker-checkpoints")) {
            for (String name : names) {
                Checkpoint registration = Checkpoint.newBuilder().setModel(BenchmarkQueries.MODEL).setCheckpoint(name)
                        .setBackend("djl").setLocation(weights.toString()).setRegisteredAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.CHECKPOINTS.name(),
                        RecordKey.checkpoint(BenchmarkQueries.MODEL, name), registration));
            }
            producer.flush();
        }
        WorkerSettings settings = new WorkerSettings();
        settings.setBackend("djl");
        settings.setSteeringPooling("mean");
        settings.setSteeringScale(1f);
        long budget = options.checkpointMemoryBytes() == 0 ? Long.MAX_VALUE : options.checkpointMemoryBytes();
        return new RegisteredRuns(List.copyOf(names), RegisteredCheckpoints.open(platform.clusterAccess(),
                topics.topic(Topics.CHECKPOINTS)), settings, budget);
    }

    List<String> checkpoints() {
        return checkpoints;
    }

    CheckpointBackends backends() {
        return backends;
    }

    /** The round the next loads belong to. */
    void round(int next) {
        this.round = next;
    }

    List<WorkerBenchmarkResult.CheckpointLoad> loads() {
        synchronized (loads) {
            return List.copyOf(loads);
        }
    }

    @Override
    public void close() {
        backends.close();
        registrations.close();
    }
}
