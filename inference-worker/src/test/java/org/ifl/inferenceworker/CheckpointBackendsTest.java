package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.RecordKey;
import org.junit.jupiter.api.Test;

class CheckpointBackendsTest {
    private static final Duration RETRY = Duration.ofSeconds(30);

    /** Registrations by model|checkpoint, and how often each was looked up. */
    private final Map<String, Checkpoint> registered = new HashMap<>();
    private final Map<String, Integer> lookups = new HashMap<>();
    /** Weights by location: their size; a location not here fails to load. */
    private final Map<String, Long> weights = new HashMap<>();
    private final List<RecordingBackend> opened = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    private CheckpointBackends pool(long budget) {
        CheckpointBackends.Loader loader = new CheckpointBackends.Loader() {
            @Override
            public String kind() {
                return "djl";
            }

            @Override
            public InferenceBackend load(Checkpoint registration) {
                if (!weights.containsKey(registration.getLocation())) {
                    throw new IllegalArgumentException(registration.getLocation() + " does not exist on this worker");
                }
                RecordingBackend backend = new RecordingBackend(registration.getLocation());
                opened.add(backend);
                return backend;
            }

            @Override
            public long bytes(Checkpoint registration) {
                return weights.get(registration.getLocation());
            }
        };
        CheckpointBackends.Events recorder = new CheckpointBackends.Events() {
            @Override
            public void loaded(String model, String checkpoint, long bytes, Duration load, Duration warm) {
                events.add("loaded " + checkpoint + " " + bytes);
            }

            @Override
            public void unloaded(String model, String checkpoint) {
                events.add("unloaded " + checkpoint);
            }

            @Override
            public void unavailable(String model, String checkpoint, String message) {
                events.add((message == null ? "available " : "unavailable ") + checkpoint);
            }
        };
        return new CheckpointBackends((model, checkpoint) -> {
            String key = RecordKey.checkpoint(model, checkpoint);
            lookups.merge(key, 1, Integer::sum);
            return registered.get(key);
        }, loader, budget, RETRY, recorder, clock::get);
    }

    private void register(String checkpoint, String backend, String location, long bytes) {
        registered.put(RecordKey.checkpoint("vlm", checkpoint), Checkpoint.newBuilder().setModel("vlm")
                .setCheckpoint(checkpoint).setBackend(backend).setLocation(location)
                .setRegisteredAt(Instant.EPOCH).build());
        weights.put(location, bytes);
    }

    private static String answer(CheckpointBackends pool, String checkpoint) throws Exception {
        try (Backends.Lease lease = pool.lease("vlm", checkpoint)) {
            lease.backend().generate(List.of(new GenerationRequest("q", Arm.TEXT, "Why?", "a scene", null, "de", 4)));
            return "from " + lease.backend().modelRevision();
        }
    }

    @Test
    void aCheckpointIsLoadedOnceWarmedFirstAndAnsweredWithItsOwnWeights() throws Exception {
        register("step-100", "djl", "/ckpt/100", 10);
        register("step-200", "djl", "/ckpt/200", 10);
        CheckpointBackends pool = pool(1_000);

        assertEquals("from /ckpt/100", answer(pool, "step-100"));
        assertEquals("from /ckpt/200", answer(pool, "step-200"));
        assertEquals("from /ckpt/100", answer(pool, "step-100"));

        assertEquals(2, opened.size(), "each checkpoint loaded once");
        RecordingBackend first = opened.get(0);
        assertEquals(List.of("warm-up", "q", "q"), first.requests.stream().map(GenerationRequest::queryId).toList());
        assertEquals(1, first.requests.get(0).maxNewTokens(), "the warm-up generates one token");
        assertEquals(List.of("step-200", "step-100"), pool.loaded().stream().map(
                CheckpointBackends.LoadedCheckpoint::checkpoint).toList(), "least recently used first");
        assertEquals(20, pool.loadedBytes());
        assertEquals(List.of("loaded step-100 10", "loaded step-200 10"), events);
    }

    @Test
    void beyondTheMemoryBudgetTheLeastRecentlyUsedCheckpointIsUnloaded() throws Exception {
        register("a", "djl", "/a", 100);
        register("b", "djl", "/b", 100);
        register("c", "djl", "/c", 100);
        CheckpointBackends pool = pool(250);
        answer(pool, "a");
        answer(pool, "b");
        answer(pool, "a"); // b is now the least recently used
        answer(pool, "c");

        assertEquals(List.of("a", "c"), pool.loaded().stream().map(CheckpointBackends.LoadedCheckpoint::checkpoint)
                .toList());
        assertEquals(200, pool.loadedBytes());
        assertTrue(opened.get(1).closed, "b's weights are closed");
        assertFalse(opened.get(0).closed);
        answer(pool, "b");
        assertEquals(4, opened.size(), "b loaded again");
        assertTrue(opened.get(0).closed, "then a, the least recently used, went");
    }

    @Test
    void aBackendUnloadedWhileABatchUsesItIsClosedWhenTheBatchEnds() throws Exception {
        register("a", "djl", "/a", 100);
        register("b", "djl", "/b", 100);
        CheckpointBackends pool = pool(150);
        Backends.Lease held = pool.lease("vlm", "a");
        answer(pool, "b");
        assertEquals(List.of("b"), pool.loaded().stream().map(CheckpointBackends.LoadedCheckpoint::checkpoint)
                .toList());
        assertFalse(opened.get(0).closed, "a is still answering its batch");
        held.close();
        assertTrue(opened.get(0).closed);
        held.close(); // a second close changes nothing
    }

    @Test
    void anUnregisteredCheckpointFailsAtOnceUntilItsRetryIsDue() {
        CheckpointBackends pool = pool(1_000);
        CheckpointUnavailableException e = assertThrows(CheckpointUnavailableException.class,
                () -> pool.lease("vlm", "step-9"));
        assertEquals("checkpoint step-9 of vlm is not registered on eval.checkpoints (ifl checkpoint register or "
                + "watch registers it)", e.getMessage());
        assertThrows(CheckpointUnavailableException.class, () -> pool.lease("vlm", "step-9"));
        assertEquals(1, lookups.get("vlm|step-9"), "the second batch failed without looking again");
        assertEquals(Map.of("vlm|step-9", e.getMessage()), pool.unavailable());

        register("step-9", "djl", "/ckpt/9", 10);
        clock.addAndGet(RETRY.toNanos());
        assertEquals(Map.of(), pool.unavailable());
        assertEquals(List.of("unavailable step-9"), events, "told once, when it failed");
        assertTrue(assertDoesNotFail(() -> answer(pool, "step-9")).startsWith("from /ckpt/9"));
        assertEquals(List.of("unavailable step-9", "available step-9", "loaded step-9 10"),
                events);
    }

    @Test
    void weightsThatDoNotLoadNameTheLocationAndTheCauseAndLeaveOtherCheckpointsServed() throws Exception {
        register("good", "djl", "/good", 10);
        registered.put("vlm|broken", Checkpoint.newBuilder().setModel("vlm").setCheckpoint("broken")
                .setBackend("djl").setLocation("/missing").setRegisteredAt(Instant.EPOCH).build());
        CheckpointBackends pool = pool(1_000);
        CheckpointUnavailableException e = assertThrows(CheckpointUnavailableException.class,
                () -> pool.lease("vlm", "broken"));
        assertEquals("checkpoint broken of vlm could not be loaded from /missing: /missing does not "
                + "exist on this worker", e.getMessage());
        assertEquals("from /good", answer(pool, "good"));
        assertEquals(0, pool.loaded().stream().filter(c -> c.checkpoint().equals("broken")).count());
    }

    @Test
    void aCheckpointRegisteredForAnotherBackendKindIsRefused() {
        register("served", "openai", "qwen-lora-3", 10);
        CheckpointBackends pool = pool(1_000);
        CheckpointUnavailableException e = assertThrows(CheckpointUnavailableException.class,
                () -> pool.lease("vlm", "served"));
        assertEquals("checkpoint served of vlm is registered for the openai backend; this worker runs djl",
                e.getMessage());
        assertTrue(opened.isEmpty());
    }

    @Test
    void aReRegistrationWithOtherWeightsLoadsThemAndClosesTheOldOnes() throws Exception {
        register("step-1", "djl", "/run1/step-1", 10);
        CheckpointBackends pool = pool(1_000);
        assertEquals("from /run1/step-1", answer(pool, "step-1"));
        register("step-1", "djl", "/run2/step-1", 10);
        assertEquals("from /run2/step-1", answer(pool, "step-1"));
        assertTrue(opened.get(0).closed);
        assertEquals(10, pool.loadedBytes());
    }

    @Test
    void aFixedSourceLeasesItsOneBackendForEveryCheckpoint() throws Exception {
        RecordingBackend only = new RecordingBackend("/only");
        Backends fixed = Backends.fixed(only);
        try (Backends.Lease a = fixed.lease("vlm", "a"); Backends.Lease b = fixed.lease("other", "b")) {
            assertSame(only, a.backend());
            assertSame(only, b.backend());
        }
        assertEquals("recording", fixed.kind());
        assertFalse(only.closed);
        fixed.close();
        assertTrue(only.closed);
    }

    private interface Call {
        String run() throws Exception;
    }

    private static String assertDoesNotFail(Call call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new AssertionError("failed: " + e.getMessage(), e);
        }
    }
}
