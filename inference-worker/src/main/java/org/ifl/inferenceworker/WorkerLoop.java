package org.ifl.inferenceworker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.ifl.inferenceworker.internal.log.RateLimitedLog;
import org.ifl.platform.CauseChain;
import org.ifl.platform.deadletter.DeadLetterPublisher;
import org.ifl.platform.deadletter.DeadLetterReason;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.TransientFailure;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.ImageRef;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference worker, top to bottom: poll {@code eval.queries}; read each query (a record that is not one goes
 * to the dead-letter topic) and its image (an unreadable image gives an error completion); batch compatible
 * queries (same model, same arm, the same steering language) until {@code maxBatch} or {@code maxWait}, and
 * while every inference thread is busy, until one is free (so a busy worker runs full batches); answer each
 * batch on an inference thread; publish one completion per query, keyed by cell; commit a query's offset
 * only once its completion (or dead letter) is acknowledged. At most {@code queueCapacity} queries are held:
 * beyond that the consumer pauses, and resumes at half. A revoked partition's unanswered queries are dropped
 * and left uncommitted for the next owner. Delivery is at-least-once: a query redelivered after a crash is
 * answered again, under the same completion id. Every error code a completion carries is logged, at WARN, with
 * its query and reason the first time, then at most once a minute with the count since ({@link RateLimitedLog}).
 */
public final class WorkerLoop implements Runnable {
    public static final String STAGE = "inference-worker";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration BUSY_POLL = Duration.ofMillis(2);
    private static final Duration REVOKE_WAIT = Duration.ofSeconds(60);
    private static final Duration ERROR_LOG_INTERVAL = Duration.ofMinutes(1);

    /** Where the loop is; FAILED when a completion could not be delivered or the loop itself broke. */
    public enum State { CREATED, RUNNING, STOPPED, FAILED }

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<String, Completion> producer;
    private final DeadLetterPublisher deadLetters;
    private final Topic<String, Query> queries;
    private final Topic<String, Completion> completions;
    private final Backends backends;
    private final ImageLoader images;
    private final WorkerOptions options;
    private final WorkerMetrics metrics;
    private final Clock clock;

    private final DynamicBatcher<BatchKey, PendingQuery> batcher;
    private final OffsetTracker offsets = new OffsetTracker();
    private final RateLimitedLog errors = RateLimitedLog.warnings(LOG, ERROR_LOG_INTERVAL);
    /** An arm the backend cannot run is how it was set up, not a fault: said at INFO. */
    private final RateLimitedLog unsupported = RateLimitedLog.notices(LOG, ERROR_LOG_INTERVAL);
    private final ExecutorService inference;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger batchesInFlight = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private volatile Set<TopicPartition> assignment = Set.of();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile State state = State.CREATED;
    private volatile boolean stopping;
    private volatile boolean halted;
    private volatile boolean paused;

    /** Queries that can share one backend call: one checkpoint's weights answer them. */
    record BatchKey(String model, String checkpoint, Arm arm, String steerTo) {
    }

    /** The backend and weights a completion names. */
    private record AnsweredBy(String backend, String modelRevision) {
    }

    /** A query waiting for its batch or being answered, with where it came from. */
    record PendingQuery(TopicPartition partition, long offset, Query query, GenerationRequest request) {
    }

    /**
     * The loop owns the clients: it closes them when it ends.
     *
     * @param consumer  a consumer of raw bytes with auto-commit off ({@link #consumerConfig})
     * @param producer  the completions producer (idempotent)
     */
    public WorkerLoop(Consumer<byte[], byte[]> consumer, Producer<String, Completion> producer,
            DeadLetterPublisher deadLetters, Topic<String, Query> queries, Topic<String, Completion> completions,
            Backends backends, ImageLoader images, WorkerOptions options, WorkerMetrics metrics, Clock clock) {
        this.consumer = consumer;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.queries = queries;
        this.completions = completions;
        this.backends = backends;
        this.images = images;
        this.options = options;
        this.metrics = metrics;
        this.clock = clock;
        this.batcher = new DynamicBatcher<>(options.maxBatch(), options.maxWait().toNanos());
        this.inference = Executors.newFixedThreadPool(options.inferenceThreads(), r -> {
            Thread t = new Thread(r, "ifl-inference-" + backends.kind());
            t.setDaemon(true);
            return t;
        });
    }

    /** The consumer settings the loop relies on: manual commits, from the earliest query, small polls. */
    public static Properties consumerConfig(ClusterAccess cluster, String groupId, WorkerOptions options) {
        Properties config = cluster.kafkaProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A poll never brings more than half the bound on held queries, so the bound holds within one poll.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, options.queueCapacity() / 2));
        return config;
    }

    @Override
    public void run() {
        state = State.RUNNING;
        try {
            consumer.subscribe(List.of(queries.name()), new Rebalance());
            long lastCommit = System.nanoTime();
            while (!stopping) {
                long untilDue = batcher.nanosUntilDue(System.nanoTime());
                // A due batch waiting for a free inference thread is looked at again soon; otherwise wait for
                // records or for the next batch to fall due.
                Duration wait = untilDue == 0 ? BUSY_POLL
                        : Duration.ofNanos(Math.max(1_000_000, Math.min(POLL.toNanos(), untilDue)));
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
                    accept(record);
                }
                // Batches are formed when a thread can run one: while all are busy, queries go on joining theirs.
                int free = options.inferenceThreads() - batchesInFlight.get();
                if (free > 0) {
                    dispatch(batcher.takeDue(System.nanoTime(), free));
                }
                applyBackpressure();
                rethrowFailure();
                if (System.nanoTime() - lastCommit >= options.commitInterval().toNanos()) {
                    commit(false);
                    lastCommit = System.nanoTime();
                }
            }
            if (!halted) {
                dispatch(batcher.takeAll());
                awaitAnswered(REVOKE_WAIT);
                producer.flush();
                rethrowFailure();
                commit(true);
            }
            state = State.STOPPED;
        } catch (WakeupException e) {
            state = stopping ? State.STOPPED : State.FAILED;
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            state = State.FAILED;
            LOG.error("inference worker stopped: {}", CauseChain.describe(e), e);
        } finally {
            inference.shutdownNow();
            errors.flush();
            unsupported.flush();
            try {
                consumer.close(halted ? Duration.ZERO : Duration.ofSeconds(10));
            } finally {
                producer.close(halted ? Duration.ZERO : Duration.ofSeconds(10));
                finished.countDown();
            }
        }
    }

    /** Stops polling, answers what it holds, commits, closes; returns once done (or after {@code timeout}). */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the loop as a crash would: nothing more is answered or committed, unsent completions are dropped.
     * What was not committed is redelivered to the group's next owner of the partition.
     */
    public boolean halt(Duration timeout) throws InterruptedException {
        halted = true;
        stopping = true;
        inference.shutdownNow();
        consumer.wakeup();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public State state() {
        return state;
    }

    /** Why the loop failed, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Queries held: waiting for a batch or being answered. */
    public int held() {
        return batcher.pending() + inFlight.get();
    }

    public boolean paused() {
        return paused;
    }

    /** Completions published and acknowledged so far. */
    public long answered() {
        return answered.get();
    }

    /** The partitions this worker owns now. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        offsets.received(partition, record.offset());
        Query query;
        try {
            query = deserialize(record);
        } catch (WakeupException stop) {
            throw stop;
        } catch (RuntimeException e) {
            deadLetter(record, DeadLetterReason.DESERIALIZATION, "not a query: " + CauseChain.describe(e), e);
            return;
        }
        if (query == null) {
            deadLetter(record, DeadLetterReason.REJECTED, "a query record without a value", null);
            return;
        }
        if (!options.serves(query.getPair().getModel(), query.getPair().getCheckpoint())) {
            metrics.skipped();
            offsets.done(partition, record.offset());
            return;
        }
        PendingQuery pending = new PendingQuery(partition, record.offset(), query, null);
        Arm arm = query.getCondition().getArm();
        GenerationRequest request;
        try {
            request = request(query);
        } catch (ImageLoader.UnreadableImageException e) {
            publish(pending, Generation.failed(Generation.IMAGE_UNREADABLE, e.getMessage(), false), unanswered(), 0);
            return;
        } catch (IllegalArgumentException e) {
            publish(pending, Generation.failed(Generation.INVALID_QUERY, e.getMessage(), false), unanswered(), 0);
            return;
        }
        String steerTo = arm == Arm.IMAGE_REMEDY ? request.expectedLanguage() : null;
        batcher.add(new BatchKey(query.getPair().getModel(), query.getPair().getCheckpoint(), arm, steerTo),
                new PendingQuery(partition, record.offset(), query, request), System.nanoTime());
    }

    private GenerationRequest request(Query query) throws ImageLoader.UnreadableImageException {
        Arm arm = query.getCondition().getArm();
        QueryImage image = null;
        if (arm != Arm.TEXT) {
            ImageRef ref = query.getImage();
            byte[] inline = query.getImageBytes() == null ? null : toArray(query.getImageBytes());
            if (inline == null && ref == null) {
                throw new ImageLoader.UnreadableImageException("the " + arm + " query " + query.getQueryId()
                        + " has no image");
            }
            image = images.load(inline, ref == null ? null : ref.getUri(), ref == null ? null : ref.getSha256());
        }
        int maxTokens = query.getMaxNewTokens() == null ? options.defaultMaxTokens() : query.getMaxNewTokens();
        return new GenerationRequest(query.getQueryId(), arm, query.getPrompt(), query.getDescription(), image,
                query.getCondition().getExpectedLanguage(), maxTokens);
    }

    private static byte[] toArray(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private void dispatch(List<DynamicBatcher.Batch<BatchKey, PendingQuery>> batches) {
        for (DynamicBatcher.Batch<BatchKey, PendingQuery> batch : batches) {
            inFlight.addAndGet(batch.items().size());
            batchesInFlight.incrementAndGet();
            inference.execute(() -> answer(batch.items()));
        }
    }

    /**
     * On an inference thread: the batch's checkpoint's backend (loaded first if it is not), one call, then one
     * completion per query. A checkpoint that cannot be served fails its batch's queries, CHECKPOINT_UNAVAILABLE.
     */
    private void answer(List<PendingQuery> batch) {
        try {
            Query first = batch.get(0).query();
            try (Backends.Lease lease = backends.lease(first.getPair().getModel(), first.getPair().getCheckpoint())) {
                answer(batch, lease.backend());
            } catch (CheckpointUnavailableException e) {
                failAll(batch, Generation.failed(Generation.CHECKPOINT_UNAVAILABLE, e.getMessage(), true),
                        unanswered());
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            inFlight.addAndGet(-batch.size());
            batchesInFlight.decrementAndGet();
        }
    }

    private void answer(List<PendingQuery> batch, InferenceBackend backend) {
        if (batch.get(0).query().getCondition().getArm() == Arm.IMAGE_REMEDY && !backend.supportsSteering()) {
            failAll(batch, Generation.failed(Generation.UNSUPPORTED_ARM, "the " + backend.name()
                    + " backend cannot add a steering vector, so the IMAGE_REMEDY arm is not run", false),
                    new AnsweredBy(backend.name(), backend.modelRevision()));
            return;
        }
        List<GenerationRequest> requests = new ArrayList<>(batch.size());
        batch.forEach(p -> requests.add(p.request()));
        long start = System.nanoTime();
        List<Generation> generations;
        try {
            generations = backend.generate(requests);
            if (generations.size() != requests.size()) {
                throw new IllegalStateException("the backend answered " + generations.size() + " of "
                        + requests.size() + " requests");
            }
        } catch (Exception e) {
            if (halted) {
                return;
            }
            String reason = "the " + backend.name() + " backend failed on a batch of " + requests.size() + ": "
                    + CauseChain.describe(e);
            // Each query's completion logs the reason (rate-limited); the stack trace is for debugging.
            LOG.debug(reason, e);
            generations = Collections.nCopies(requests.size(),
                    Generation.failed(Generation.BACKEND_FAILURE, reason, true));
        }
        long nanos = System.nanoTime() - start;
        long tokens = generations.stream().mapToLong(Generation::completionTokens).sum();
        metrics.batch(backend.name(), batch.size(), nanos, tokens);
        for (int i = 0; i < batch.size() && !halted; i++) {
            publish(batch.get(i), generations.get(i), backend, TimeUnit.NANOSECONDS.toMillis(nanos));
        }
    }

    /** The same failed generation for every query of the batch, none of them sent to a backend. */
    private void failAll(List<PendingQuery> batch, Generation failed, AnsweredBy by) {
        for (int i = 0; i < batch.size() && !halted; i++) {
            publish(batch.get(i), failed, by, 0);
        }
    }

    /** What an error completion names as its backend and revision when no backend answered it. */
    private AnsweredBy unanswered() {
        return new AnsweredBy(backends.kind(), backends.unansweredRevision());
    }

    private void publish(PendingQuery pending, Generation generation, InferenceBackend backend, long latencyMs) {
        publish(pending, generation, new AnsweredBy(backend.name(), backend.modelRevision()), latencyMs);
    }

    private void publish(PendingQuery pending, Generation generation, AnsweredBy by, long latencyMs) {
        if (!generation.succeeded()) {
            String code = generation.failure().code();
            metrics.error(code);
            (Generation.UNSUPPORTED_ARM.equals(code) ? unsupported : errors).record(code, "query "
                    + pending.query().getQueryId() + " got no answer: " + generation.failure().message());
        }
        Completion completion = Completions.of(pending.query(), generation, by.backend(), by.modelRevision(),
                latencyMs, clock.instant());
        producer.send(new ProducerRecord<>(completions.name(), RecordKey.cell(completion.getPair()), completion),
                (metadata, error) -> {
                    if (error == null) {
                        answered.incrementAndGet();
                        offsets.done(pending.partition(), pending.offset());
                    } else {
                        failure.compareAndSet(null, new IllegalStateException("the completion of query "
                                + pending.query().getQueryId() + " was not delivered: " + CauseChain.describe(error),
                                error));
                    }
                });
    }

    /**
     * The query in {@code record}. A registry that does not answer is not the record's fault: the same record is
     * read again, backing off, until the registry answers or the worker stops (then it is not committed, and is
     * read again at the next start). Only a record that is not a query is thrown for the dead-letter topic.
     */
    private Query deserialize(ConsumerRecord<byte[], byte[]> record) {
        for (int retry = 1; ; retry++) {
            try {
                return queries.valueSerde().deserializer().deserialize(record.topic(), record.headers(),
                        record.value());
            } catch (RuntimeException e) {
                if (!TransientFailure.isTransient(e)) {
                    throw e;
                }
                if (retry == 1) {
                    LOG.warn("inference worker: {}; query {}-{}@{} is read again once it answers, not dead-lettered",
                            TransientFailure.describe(e), record.topic(), record.partition(), record.offset());
                }
                try {
                    Thread.sleep(TransientFailure.backOff(retry).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new WakeupException();
                }
                if (stopping) {
                    throw new WakeupException();
                }
            }
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetterReason kind, String reason,
            Throwable error) {
        try {
            deadLetters.publish(record, kind, reason, error).get(30, TimeUnit.SECONDS);
            offsets.done(new TopicPartition(record.topic(), record.partition()), record.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " could not be sent to the dead-letter topic (" + reason + "): " + CauseChain.describe(e), e);
        }
    }

    private void applyBackpressure() {
        int held = held();
        if (!paused && held >= options.queueCapacity()) {
            consumer.pause(consumer.assignment());
            paused = true;
            metrics.paused(true);
        } else if (paused && held <= options.queueCapacity() / 2) {
            consumer.resume(consumer.paused());
            paused = false;
            metrics.paused(false);
        } else if (paused) {
            consumer.pause(consumer.assignment()); // partitions assigned while paused
        }
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> positions = offsets.takeCommittable();
        if (positions.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(positions);
        } else {
            consumer.commitAsync(positions, (committed, error) -> {
                if (error != null) {
                    LOG.warn("commit of {} failed (the next commit covers it): {}", committed,
                            CauseChain.describe(error));
                }
            });
        }
    }

    private void rethrowFailure() {
        Throwable f = failure.get();
        if (f != null) {
            throw f instanceof RuntimeException r ? r : new IllegalStateException(f);
        }
    }

    /** Waits until no batch is being answered (completions sent, not necessarily acknowledged). */
    private void awaitAnswered(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline && !halted) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("{} queries still being answered after {}; they will be redelivered", inFlight.get(), timeout);
        }
    }

    /** Hands partitions over cleanly: what was answered is committed, what was not is left to the next owner. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty() || halted) {
                return;
            }
            Set<TopicPartition> gone = new HashSet<>(revoked);
            int dropped = batcher.removeIf(p -> gone.contains(p.partition()));
            awaitAnswered(REVOKE_WAIT);
            producer.flush();
            try {
                commit(true);
            } catch (RuntimeException e) {
                LOG.warn("commit on revocation of {} failed; their unanswered queries are redelivered: {}", revoked,
                        CauseChain.describe(e));
            }
            offsets.forget(gone);
            assignment = Set.copyOf(consumer.assignment().stream().filter(p -> !gone.contains(p)).toList());
            LOG.info("partitions {} revoked; {} queries not yet batched are left to their next owner", revoked,
                    dropped);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            Set<TopicPartition> gone = new HashSet<>(lost);
            batcher.removeIf(p -> gone.contains(p.partition()));
            offsets.forget(gone);
            assignment = Set.of();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            assignment = Set.copyOf(consumer.assignment());
            LOG.info("partitions assigned: {}", assigned);
        }
    }
}
