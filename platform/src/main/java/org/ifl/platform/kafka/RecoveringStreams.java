package org.ifl.platform.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.ifl.platform.CauseChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams client that outlives the failures that are not its own, and says when it stops for good.
 * <ul>
 *   <li>A {@link TransientFailure} (the registry or the broker did not answer): nothing was committed, so after a
 *   back-off ({@link TransientFailure#backOff}) a new stream thread takes the failed one's place and reads
 *   the same records again. A failed global thread cannot be replaced by itself: the whole client is.</li>
 *   <li>State ahead of its topic: the topics were deleted and made again (a fresh broker, {@code ifl up --fresh})
 *   while the state directory survived; a global store's checkpoint then points past the end of the new, shorter
 *   topic and its thread dies with an {@link InvalidOffsetException}. Kafka Streams wipes the global store's
 *   directory on the way down but does not start the thread again; a new client rebuilds the store from the
 *   topic, at most {@code maxReplacements} times.</li>
 *   <li>Anything else leaves the client in {@code ERROR}, and {@link #stopped()} completes with the failure, so
 *   that the service can exit non-zero and its supervisor start it again.</li>
 * </ul>
 */
public final class RecoveringStreams implements AutoCloseable {
    /** A transient failure this long after the previous one starts a new outage: its back-off starts again. */
    static final Duration OUTAGE_GAP = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(RecoveringStreams.class);
    private static final Duration FAILED_CLIENT_CLOSE = Duration.ofSeconds(30);
    private static final String GLOBAL_THREAD = "GlobalStreamThread";

    private final String name;
    private final Supplier<KafkaStreams> factory;
    private final Function<KafkaStreams, AutoCloseable> attach;
    private final int maxReplacements;
    private final ExecutorService replacer;
    private final Object lock = new Object();
    private final CompletableFuture<Throwable> stopped = new CompletableFuture<>();
    private KafkaStreams current;
    private AutoCloseable attached;
    private int replacements;
    private boolean replacing;
    private boolean closed;
    /** Transient failures in the current outage; 0 outside one. */
    private int retries;
    private long totalRetries;
    private long lastTransientNanos;

    /**
     * @param name            the stage, for the log
     * @param factory         makes a client (topology and settings), not yet started
     * @param attach          binds what belongs to one client (its metrics) and returns how to unbind it
     * @param maxReplacements how many times a client whose state is ahead of its topics is replaced; 0 never
     */
    public RecoveringStreams(String name, Supplier<KafkaStreams> factory, Function<KafkaStreams, AutoCloseable> attach,
            int maxReplacements) {
        this.name = name;
        this.factory = factory;
        this.attach = attach;
        this.maxReplacements = maxReplacements;
        this.replacer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-replacer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Makes and starts the first client. */
    public RecoveringStreams start() {
        synchronized (lock) {
            startNew();
        }
        return this;
    }

    private void startNew() {
        KafkaStreams streams = factory.get();
        streams.setUncaughtExceptionHandler(this::onFatal);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                onRunning();
            }
        });
        attached = attach.apply(streams);
        current = streams;
        streams.start();
    }

    private StreamThreadExceptionResponse onFatal(Throwable error) {
        boolean globalThread = Thread.currentThread().getName().contains(GLOBAL_THREAD);
        Duration backOff;
        synchronized (lock) {
            if (closed) {
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            if (isStateAheadOfTopic(error) && replacements < maxReplacements && !replacing) {
                replacements++;
                LOG.warn("{}: its local state is ahead of its topic (the topic was made again?); Kafka Streams wiped "
                        + "the global store, and a new client rebuilds it from the topic (replacement {} of {})",
                        name, replacements, maxReplacements, error);
                replaceClient(Duration.ZERO);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            if (!TransientFailure.isTransient(error)) {
                LOG.error("{}: a stream thread failed; the client stops", name, error);
                stopped.complete(error);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            backOff = nextBackOff();
            if (retries == 1) {
                LOG.warn("{}: {}; nothing is dead-lettered or committed: the same records are read again once it "
                        + "answers (first retry in {} s, then up to every {} s)", name, TransientFailure.describe(error),
                        backOff.toSeconds(), TransientFailure.MAX_BACK_OFF.toSeconds());
            } else {
                LOG.debug("{}: still failing ({} retries): {}", name, retries, TransientFailure.describe(error));
            }
            if (globalThread) {
                replaceClient(backOff);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
        }
        sleep(backOff);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** One more transient failure: how long to wait before reading again. */
    private Duration nextBackOff() {
        long now = System.nanoTime();
        if (retries > 0 && now - lastTransientNanos > OUTAGE_GAP.toNanos()) {
            retries = 0;
        }
        lastTransientNanos = now;
        retries++;
        totalRetries++;
        return TransientFailure.backOff(retries);
    }

    private void onRunning() {
        synchronized (lock) {
            if (retries > 0) {
                LOG.info("{}: running again after {} retries", name, retries);
                retries = 0;
            }
        }
    }

    /** Closes the failed client and starts a new one after {@code delay}, off the failing thread. */
    private void replaceClient(Duration delay) {
        replacing = true;
        KafkaStreams failed = current;
        replacer.execute(() -> {
            failed.close(FAILED_CLIENT_CLOSE);
            sleep(delay);
            synchronized (lock) {
                try {
                    closeAttached();
                    if (!closed) {
                        startNew();
                        LOG.info("{}: a new client started", name);
                    }
                } catch (RuntimeException e) {
                    LOG.error("{}: the new client did not start", name, e);
                    stopped.complete(e);
                } finally {
                    replacing = false;
                }
            }
        });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean isStateAheadOfTopic(Throwable error) {
        return CauseChain.contains(error, InvalidOffsetException.class);
    }

    /** The current client's state; {@code CREATED} while a failed client is being replaced. */
    public KafkaStreams.State state() {
        synchronized (lock) {
            return replacing ? KafkaStreams.State.CREATED : current.state();
        }
    }

    /** The current client (a new object after a replacement). */
    public KafkaStreams streams() {
        synchronized (lock) {
            return current;
        }
    }

    /** How many times the client was replaced because its state was ahead of its topics. */
    public int replacements() {
        synchronized (lock) {
            return replacements;
        }
    }

    /** How many times a thread or client failed for a {@link TransientFailure} and was started again. */
    public long retries() {
        synchronized (lock) {
            return totalRetries;
        }
    }

    /** Completes with the failure that stopped the client for good; never on a clean close. */
    public CompletableFuture<Throwable> stopped() {
        return stopped;
    }

    public void close(CloseOptions options) {
        KafkaStreams last;
        synchronized (lock) {
            closed = true;
            last = current;
        }
        replacer.shutdownNow();
        last.close(options);
        synchronized (lock) {
            closeAttached();
        }
    }

    @Override
    public void close() {
        close(StreamsStageConfig.leavingGroup());
    }

    private void closeAttached() {
        if (attached == null) {
            return;
        }
        try {
            attached.close();
        } catch (Exception e) {
            LOG.warn("{}: cannot unbind from a closed client", name, e);
        }
        attached = null;
    }
}
