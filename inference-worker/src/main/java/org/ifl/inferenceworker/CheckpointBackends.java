package org.ifl.inferenceworker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import org.ifl.platform.CauseChain;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.RecordKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each checkpoint's own backend, loaded on demand from its registration: the worker of a model family answers
 * every checkpoint registered for it with no restart. Backends stay loaded while their estimated memory (the
 * size of their weights) fits {@code memoryBudget}; beyond it the least recently used ones are closed, once no
 * batch uses them. A checkpoint is warmed (one one-token generation) before it answers queries, so its first
 * batch is timed like the others. A re-registration with other weights (location, revision or backend) loads
 * them anew.
 *
 * <p>A checkpoint that cannot be served (not registered, weights missing or unreadable, the registration names
 * another backend kind than the worker's) fails with {@link CheckpointUnavailableException}; the failure is
 * remembered for {@code retryAfter}, so its further batches fail at once and other checkpoints' batches are not
 * held up by it. Loading happens on the thread that asks, outside the pool's lock: batches of loaded checkpoints
 * go on while another loads.
 */
public final class CheckpointBackends implements Backends {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointBackends.class);

    /** The registration of a checkpoint, or null where there is none. */
    @FunctionalInterface
    public interface Registrations {
        Checkpoint find(String model, String checkpoint) throws CheckpointUnavailableException;
    }

    /** Opens a registration's weights as a backend, and says how much memory they take. */
    public interface Loader {
        /** The backend kind this worker runs (djl or openai): the only kind of registration it serves. */
        String kind();

        /** @throws Exception anything that stops the weights from loading; its message reaches the completions */
        InferenceBackend load(Checkpoint registration) throws Exception;

        /** Bytes the registration's backend is charged against the budget (its weights' size). */
        long bytes(Checkpoint registration);
    }

    /** What the pool tells as it loads, unloads and fails checkpoints. */
    public interface Events {
        void loaded(String model, String checkpoint, long bytes, Duration load, Duration warm);

        void unloaded(String model, String checkpoint);

        /** {@code message} is null when the checkpoint is available again. */
        void unavailable(String model, String checkpoint, String message);

        Events NONE = new Events() {
            @Override
            public void loaded(String model, String checkpoint, long bytes, Duration load, Duration warm) {
            }

            @Override
            public void unloaded(String model, String checkpoint) {
            }

            @Override
            public void unavailable(String model, String checkpoint, String message) {
            }
        };
    }

    /** A checkpoint loaded and warmed, as {@link #loaded()} lists them. */
    public record LoadedCheckpoint(String model, String checkpoint, String revision, long bytes, Duration load,
            Duration warm) {
    }

    private final Registrations registrations;
    private final Loader loader;
    private final long memoryBudget;
    private final Duration retryAfter;
    private final Events events;
    private final LongSupplier nanoTime;

    /** Loaded backends, least recently leased first. */
    private final LinkedHashMap<String, Entry> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, CompletableFuture<Entry>> loading = new LinkedHashMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private long loadedBytes;
    private boolean closed;

    /** One loaded backend and how many batches use it now. */
    private static final class Entry {
        final String key;
        final Checkpoint registration;
        final InferenceBackend backend;
        final LoadedCheckpoint info;
        int leases;
        boolean retired;

        Entry(String key, Checkpoint registration, InferenceBackend backend, LoadedCheckpoint info) {
            this.key = key;
            this.registration = registration;
            this.backend = backend;
            this.info = info;
        }
    }

    private record Failure(String message, long atNanos) {
    }

    /**
     * @param memoryBudget bytes of weights kept loaded; the backend being leased is kept even when it alone is more
     * @param retryAfter   how long a checkpoint that could not be served fails at once before it is tried again
     */
    public CheckpointBackends(Registrations registrations, Loader loader, long memoryBudget, Duration retryAfter,
            Events events, LongSupplier nanoTime) {
        if (memoryBudget < 1) {
            throw new IllegalArgumentException("the checkpoint memory budget must be at least 1 byte, not "
                    + memoryBudget);
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("checkpoint-retry must not be negative, not " + retryAfter);
        }
        this.registrations = registrations;
        this.loader = loader;
        this.memoryBudget = memoryBudget;
        this.retryAfter = retryAfter;
        this.events = events;
        this.nanoTime = nanoTime;
    }

    /** The loader a worker with {@code settings} uses: see {@code ifl.worker.registered-checkpoints}. */
    public static Loader loader(WorkerSettings settings) {
        return ConfiguredBackend.checkpointLoader(settings);
    }

    @Override
    public String kind() {
        return loader.kind();
    }

    @Override
    public Lease lease(String model, String checkpoint) throws CheckpointUnavailableException {
        String key = RecordKey.checkpoint(model, checkpoint);
        synchronized (this) {
            Failure failed = failures.get(key);
            if (failed != null && nanoTime.getAsLong() - failed.atNanos() < retryAfter.toNanos()) {
                throw new CheckpointUnavailableException(failed.message());
            }
        }
        Checkpoint registration = registration(model, checkpoint, key);
        for (;;) {
            CompletableFuture<Entry> pending;
            boolean loadHere = false;
            synchronized (this) {
                if (closed) {
                    throw new CheckpointUnavailableException("the worker is stopping");
                }
                Entry entry = loaded.get(key);
                if (entry != null && sameWeights(entry.registration, registration)) {
                    entry.leases++;
                    return new EntryLease(entry);
                }
                if (entry != null) {
                    LOG.info("checkpoint {} was registered again with other weights ({}): loading them", key,
                            registration.getLocation());
                    retire(entry);
                }
                pending = loading.get(key);
                if (pending == null) {
                    pending = new CompletableFuture<>();
                    loading.put(key, pending);
                    loadHere = true;
                }
            }
            if (loadHere) {
                return new EntryLease(load(key, registration, pending));
            }
            try {
                pending.join(); // loaded by another thread: lease it from the map, as any other
            } catch (CompletionException e) {
                throw unavailable(e.getCause());
            }
        }
    }

    private Checkpoint registration(String model, String checkpoint, String key)
            throws CheckpointUnavailableException {
        Checkpoint registration;
        try {
            registration = registrations.find(model, checkpoint);
        } catch (CheckpointUnavailableException e) {
            throw fail(key, e.getMessage(), e);
        }
        if (registration == null) {
            throw fail(key, "checkpoint " + checkpoint + " of " + model + " is not registered on eval.checkpoints "
                    + "(ifl checkpoint register or watch registers it)", null);
        }
        if (!loader.kind().equalsIgnoreCase(String.valueOf(registration.getBackend()))) {
            throw fail(key, "checkpoint " + checkpoint + " of " + model + " is registered for the "
                    + registration.getBackend() + " backend; this worker runs " + loader.kind(), null);
        }
        return registration;
    }

    /** Loads, warms and adds the backend; completes {@code pending} for the threads waiting on the same key. */
    private Entry load(String key, Checkpoint registration, CompletableFuture<Entry> pending)
            throws CheckpointUnavailableException {
        long start = nanoTime.getAsLong();
        InferenceBackend backend = null;
        try {
            backend = loader.load(registration);
            long warmStart = nanoTime.getAsLong();
            warm(backend);
            long end = nanoTime.getAsLong();
            long bytes = loader.bytes(registration);
            LoadedCheckpoint info = new LoadedCheckpoint(registration.getModel(), registration.getCheckpoint(),
                    backend.modelRevision(), bytes, Duration.ofNanos(warmStart - start), Duration.ofNanos(end - warmStart));
            Entry entry = new Entry(key, registration, backend, info);
            List<Entry> evicted;
            synchronized (this) {
                entry.leases = 1;
                loaded.put(key, entry);
                loadedBytes += bytes;
                loading.remove(key);
                boolean wasFailing = failures.remove(key) != null;
                evicted = overBudget(key);
                if (wasFailing) {
                    events.unavailable(registration.getModel(), registration.getCheckpoint(), null);
                }
            }
            pending.complete(entry);
            events.loaded(info.model(), info.checkpoint(), bytes, info.load(), info.warm());
            LOG.info("checkpoint {} loaded from {} ({}, {} bytes) in {} ms, warmed in {} ms; {} loaded, {} of {} "
                    + "bytes", key, registration.getLocation(), info.revision(), bytes, info.load().toMillis(),
                    info.warm().toMillis(), loadedCount(), loadedBytes(), memoryBudget);
            evicted.forEach(e -> LOG.info("checkpoint {} unloaded (least recently used; memory budget {} bytes)",
                    e.key, memoryBudget));
            return entry;
        } catch (Exception | LinkageError e) {
            closeQuietly(backend);
            CheckpointUnavailableException failure = fail(key, "checkpoint " + registration.getCheckpoint() + " of "
                    + registration.getModel() + " could not be loaded from " + registration.getLocation() + ": "
                    + CauseChain.describe(e), e);
            synchronized (this) {
                loading.remove(key);
            }
            pending.completeExceptionally(failure);
            throw failure;
        }
    }

    private static void warm(InferenceBackend backend) throws Exception {
        List<Generation> answer = backend.generate(List.of(new GenerationRequest("warm-up", Arm.TEXT, "Hello.",
                "A warm-up request.", null, "en", 1)));
        if (answer.size() != 1) {
            throw new IllegalStateException("the warm-up request got " + answer.size() + " answers");
        }
        if (!answer.get(0).succeeded()) {
            throw new IllegalStateException("the warm-up request failed: " + answer.get(0).failure().message());
        }
    }

    /** Unloads least recently used backends until the loaded ones fit the budget; {@code keep} stays. */
    private List<Entry> overBudget(String keep) {
        List<Entry> evicted = new ArrayList<>();
        var it = loaded.values().iterator();
        while (loadedBytes > memoryBudget && it.hasNext()) {
            Entry e = it.next();
            if (!e.key.equals(keep)) {
                it.remove();
                evicted.add(e);
                unload(e);
            }
        }
        return evicted;
    }

    /** Takes {@code entry} out of the loaded set; it is closed once its last lease ends. */
    private void retire(Entry entry) {
        loaded.remove(entry.key);
        unload(entry);
    }

    private void unload(Entry entry) {
        loadedBytes -= entry.info.bytes();
        entry.retired = true;
        if (entry.leases == 0) {
            closeQuietly(entry.backend);
        }
        events.unloaded(entry.info.model(), entry.info.checkpoint());
    }

    private synchronized CheckpointUnavailableException fail(String key, String message, Throwable cause) {
        Failure previous = failures.put(key, new Failure(message, nanoTime.getAsLong()));
        List<String> parts = RecordKey.parts(key);
        if (previous == null || !previous.message().equals(message)) {
            LOG.warn("{}; its queries get CHECKPOINT_UNAVAILABLE, tried again after {} s", message,
                    retryAfter.toSeconds());
        }
        events.unavailable(parts.get(0), parts.get(1), message);
        return new CheckpointUnavailableException(message, cause);
    }

    private static CheckpointUnavailableException unavailable(Throwable cause) {
        return cause instanceof CheckpointUnavailableException c ? new CheckpointUnavailableException(c.getMessage(), c)
                : new CheckpointUnavailableException(CauseChain.describe(cause), cause);
    }

    private static boolean sameWeights(Checkpoint a, Checkpoint b) {
        return String.valueOf(a.getBackend()).equals(String.valueOf(b.getBackend()))
                && String.valueOf(a.getLocation()).equals(String.valueOf(b.getLocation()))
                && String.valueOf(a.getRevision()).equals(String.valueOf(b.getRevision()));
    }

    private static void closeQuietly(InferenceBackend backend) {
        if (backend == null) {
            return;
        }
        try {
            backend.close();
        } catch (Exception e) {
            LOG.warn("closing a checkpoint's backend failed: {}", CauseChain.describe(e));
        }
    }

    /** The checkpoints loaded now, least recently used first. */
    public synchronized List<LoadedCheckpoint> loaded() {
        return loaded.values().stream().map(e -> e.info).toList();
    }

    public synchronized int loadedCount() {
        return loaded.size();
    }

    public synchronized long loadedBytes() {
        return loadedBytes;
    }

    /** Checkpoints that failed within {@code retryAfter}, with why: {@code model|checkpoint} to the message. */
    public synchronized Map<String, String> unavailable() {
        Map<String, String> out = new LinkedHashMap<>();
        long now = nanoTime.getAsLong();
        failures.forEach((k, f) -> {
            if (now - f.atNanos() < retryAfter.toNanos()) {
                out.put(k, f.message());
            }
        });
        return out;
    }

    @Override
    public void close() {
        List<Entry> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(loaded.values());
            loaded.clear();
            loadedBytes = 0;
        }
        all.forEach(e -> closeQuietly(e.backend));
    }

    private final class EntryLease implements Lease {
        private final Entry entry;
        private boolean released;

        EntryLease(Entry entry) {
            this.entry = entry;
        }

        @Override
        public InferenceBackend backend() {
            return entry.backend;
        }

        @Override
        public void close() {
            boolean closeNow;
            synchronized (CheckpointBackends.this) {
                if (released) {
                    return;
                }
                released = true;
                entry.leases--;
                closeNow = entry.retired && entry.leases == 0;
            }
            if (closeNow) {
                closeQuietly(entry.backend);
            }
        }
    }
}
