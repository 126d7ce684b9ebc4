package org.ifl.platform.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams client that is replaced by a new one when its state is ahead of its topics. That happens when
 * the topics were deleted and made again (a fresh broker, {@code ifl up --fresh}) while the state directory
 * survived: a global store's checkpoint then points past the end of the new, shorter topic, and its thread dies
 * with an {@link InvalidOffsetException}. Kafka Streams wipes the global store's directory on the way down but
 * does not start the thread again; a new client rebuilds the store from the topic. Every other fatal error
 * leaves the client in {@code ERROR}, as a plain {@link KafkaStreams} would, and so does a second failure of the
 * same kind (at most {@code maxReplacements} replacements).
 */
public final class RecoveringStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveringStreams.class);
    private static final Duration FAILED_CLIENT_CLOSE = Duration.ofSeconds(30);

    private final String name;
    private final Supplier<KafkaStreams> factory;
    private final Function<KafkaStreams, AutoCloseable> attach;
    private final int maxReplacements;
    private final ExecutorService replacer;
    private final Object lock = new Object();
    private KafkaStreams current;
    private AutoCloseable attached;
    private int replacements;
    private boolean replacing;
    private boolean closed;

    /**
     * @param name            the stage, for the log
     * @param factory         makes a client (topology and settings), not yet started
     * @param attach          binds what belongs to one client (its metrics) and returns how to unbind it
     * @param maxReplacements how many times a client is replaced; 0 never
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
        attached = attach.apply(streams);
        current = streams;
        streams.start();
    }

    private StreamThreadExceptionResponse onFatal(Throwable error) {
        synchronized (lock) {
            if (!closed && isStateAheadOfTopic(error) && replacements < maxReplacements && !replacing) {
                replacements++;
                replacing = true;
                KafkaStreams failed = current;
                LOG.warn("{}: its local state is ahead of its topic (the topic was made again?); Kafka Streams wiped "
                        + "the global store, and a new client rebuilds it from the topic (replacement {} of {})",
                        name, replacements, maxReplacements, error);
                replacer.execute(() -> replace(failed));
            } else {
                LOG.error("{}: a stream thread failed; the client shuts down", name, error);
            }
        }
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void replace(KafkaStreams failed) {
        failed.close(FAILED_CLIENT_CLOSE);
        synchronized (lock) {
            try {
                closeAttached();
                if (!closed) {
                    startNew();
                    LOG.info("{}: a new client started", name);
                }
            } catch (RuntimeException e) {
                LOG.error("{}: the new client did not start", name, e);
            } finally {
                replacing = false;
            }
        }
    }

    static boolean isStateAheadOfTopic(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof InvalidOffsetException) {
                return true;
            }
        }
        return false;
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

    /** How many times the client was replaced. */
    public int replacements() {
        synchronized (lock) {
            return replacements;
        }
    }

    public void close(CloseOptions options) {
        KafkaStreams last;
        synchronized (lock) {
            closed = true;
            last = current;
        }
        replacer.shutdown();
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
