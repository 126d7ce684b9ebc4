package org.ifl.benchmarks.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ifl.benchmarks.worker.GenerationBatches.BatchKey;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult.Kind;
import org.ifl.benchmarks.worker.WorkerBenchmarkResult.Run;
import org.ifl.inferenceworker.DynamicBatcher;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.ImageLoader;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Query;
import org.junit.jupiter.api.Test;

/** The benchmark's pure parts: its queries, how the bare loop batches them, medians and the report. */
class WorkerBenchmarkTest {
    private static final List<EvaluationItem> SEEN = EvaluationSet.standard().items(EvaluationItem.Split.SEEN);
    private static final String THREADS = "intra-op 1, inter-op not set";
    private static final List<Arm> ALL_ARMS = List.of(Arm.TEXT, Arm.IMAGE, Arm.IMAGE_REMEDY);

    @Test
    void theDefaultQueriesAreEverySeenItemOnTheImageArmWithItsImageInline() {
        BenchmarkQueries source = new BenchmarkQueries(SEEN, List.of(Arm.IMAGE), 0, 48);
        List<Query> queries = source.forRun("bench-1");

        assertEquals(224, SEEN.size(), "14 languages x 16 training combinations");
        assertEquals(224, source.size());
        assertEquals(224, queries.size());
        assertEquals(224, queries.stream().map(Query::getQueryId).distinct().count(), "ids unique");
        assertEquals(16, source.distinctImages());
        assertEquals(14, queries.stream().map(q -> q.getPair().getLanguage()).distinct().count());
        for (Query q : queries) {
            assertEquals(Arm.IMAGE, q.getCondition().getArm());
            assertNotNull(q.getImageBytes());
            assertNull(q.getDescription());
            assertEquals(48, q.getMaxNewTokens());
            assertEquals("bench-1", q.getPair().getRunId());
            assertTrue(q.getQueryId().startsWith("bench-1|" + BenchmarkQueries.MODEL + "|"), q.getQueryId());
        }
    }

    @Test
    void allArmsAskEachItemThreeTimesAndAnotherRunGetsOtherIds() {
        BenchmarkQueries source = new BenchmarkQueries(SEEN, ALL_ARMS, 0, 48);
        List<Query> first = source.forRun("bench-1");
        List<Query> second = source.forRun("bench-2");

        assertEquals(3 * 224, first.size());
        Map<Arm, Long> perArm = first.stream().collect(Collectors.groupingBy(q -> q.getCondition().getArm(),
                Collectors.counting()));
        assertEquals(Map.of(Arm.TEXT, 224L, Arm.IMAGE, 224L, Arm.IMAGE_REMEDY, 224L), perArm);
        assertTrue(first.stream().filter(q -> q.getCondition().getArm() == Arm.TEXT)
                .allMatch(q -> q.getImageBytes() == null && q.getDescription() != null));
        Set<String> firstIds = first.stream().map(Query::getQueryId).collect(Collectors.toSet());
        assertEquals(first.size(), firstIds.size());
        assertTrue(second.stream().noneMatch(q -> firstIds.contains(q.getQueryId())));
    }

    @Test
    void theQueryLimitCapsTheQueriesInTheirOrder() {
        BenchmarkQueries source = new BenchmarkQueries(SEEN, ALL_ARMS, 10, 48);
        List<Query> queries = source.forRun("r");
        assertEquals(10, source.size());
        assertEquals(10, queries.size());
        assertEquals(4, source.distinctImages(), "the first 4 items are asked, each a different scene");
        assertEquals(List.of(Arm.TEXT, Arm.IMAGE, Arm.IMAGE_REMEDY, Arm.TEXT),
                queries.subList(0, 4).stream().map(q -> q.getCondition().getArm()).toList());
    }

    @Test
    void theBareLoopBatchesAsTheWorkerDoesOneArmAndOneSteeringLanguageABatch() {
        List<Query> queries = new BenchmarkQueries(SEEN, ALL_ARMS, 0, 48).forRun("r");
        List<GenerationRequest> requests = GenerationBatches.requests(queries, new ImageLoader(1 << 20));
        List<DynamicBatcher.Batch<BatchKey, GenerationRequest>> batches = GenerationBatches.batches(requests, 8);

        assertEquals(queries.size(), batches.stream().mapToInt(b -> b.items().size()).sum());
        // TEXT and IMAGE: 224 each, 28 full batches; IMAGE_REMEDY: 16 a language, 2 full batches for each of 14.
        assertEquals(28 + 28 + 14 * 2, batches.size());
        for (DynamicBatcher.Batch<BatchKey, GenerationRequest> batch : batches) {
            assertEquals(8, batch.items().size());
            assertTrue(batch.items().stream().allMatch(r -> r.arm() == batch.key().arm()));
            if (batch.key().arm() == Arm.IMAGE_REMEDY) {
                assertTrue(batch.items().stream().allMatch(r -> r.expectedLanguage().equals(batch.key().steerTo())));
            } else {
                assertNull(batch.key().steerTo());
            }
        }
        assertTrue(requests.stream().filter(r -> r.arm() != Arm.TEXT).allMatch(r -> r.image().pixels() != null));
    }

    @Test
    void medianAndRatioAreOfCompletionsPerSecond() {
        List<Run> runs = List.of(
                run(Kind.BARE, 1, 100, 10), run(Kind.WORKER, 1, 100, 20),   // 10/s, 5/s
                run(Kind.BARE, 2, 100, 5), run(Kind.WORKER, 2, 100, 12.5),  // 20/s, 8/s
                run(Kind.BARE, 3, 100, 8));                                 // 12.5/s
        WorkerBenchmarkResult result = WorkerBenchmarkResult.of(options(), 100, 16, 2, "17", THREADS,
                "reference-vlm@x", new LinkedHashMap<>(), runs, List.of());

        assertEquals(12.5, result.bareMedian(), 1e-9, "the middle of 10, 12.5, 20");
        assertEquals(6.5, result.workerMedian(), 1e-9, "the mean of the middle two of 5 and 8");
        assertEquals(0.52, result.ratio(), 1e-9);
        assertFalse(result.targetMet());
        assertEquals(12.5, runs.get(4).completionsPerSecond(), 1e-9);
        assertEquals(12.5, runs.get(4).meanBatchSize(), 1e-9, "100 completions in 8 calls");
    }

    @Test
    void theReportShowsTheMediansTheRatioAndEveryRun() {
        Map<String, Double> notTimed = new LinkedHashMap<>();
        notTimed.put("platform start", 5.0);
        WorkerBenchmarkResult result = WorkerBenchmarkResult.of(options(), 100, 16, 2, "17", THREADS,
                "reference-vlm@x", notTimed,
                List.of(run(Kind.BARE, 1, 100, 10), run(Kind.WORKER, 1, 100, 11)), List.of());

        String text = WorkerBenchmarkReport.text(result);
        assertTrue(text.contains("ratio worker / bare: 0.909 (target >= 0.9: met)"), text);
        assertTrue(text.contains("bare batched generation                 10.00  10.00"), text);
        assertTrue(text.contains("round 1, worker, Kafka end to end:"), text);
        assertTrue(text.contains("9.00 s in the backend (90% of the run), its thread on a core 8.00 s"), text);
        assertTrue(text.contains("not timed: platform start 5.0 s"), text);
        assertTrue(text.contains("max batch 8, max wait 20 ms, queue capacity 256, 2 round(s)"), text);
        assertTrue(text.contains("PyTorch threads: intra-op 1, inter-op not set"), text);
        String json = WorkerBenchmarkReport.json(result);
        assertTrue(json.contains("\"ratio\" : 0.9090909"), json);
        assertTrue(json.contains("\"completionsPerSecond\" : 10.0"), json);
    }

    @Test
    void optionsReportEveryProblemAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkerBenchmark.Options(-1, List.of(Arm.IMAGE), 0, 0, 48, 20, 0));
        assertTrue(e.getMessage().contains("--queries") && e.getMessage().contains("--max-batch")
                && e.getMessage().contains("--rounds"), e.getMessage());
    }

    @Test
    void registeredCheckpointRunsAreComparedWithTheWorkerAndTheirLoadsAveraged() {
        WorkerBenchmark.Options options = new WorkerBenchmark.Options(0, List.of(Arm.IMAGE), 8, 2, 48, 20, 0, 4,
                7_000_000);
        WorkerBenchmarkResult result = WorkerBenchmarkResult.of(options, 100, 16, 2, "17", THREADS,
                "reference-vlm@x", new LinkedHashMap<>(), List.of(run(Kind.BARE, 1, 100, 10),
                        run(Kind.WORKER, 1, 100, 10), run(Kind.REGISTERED, 1, 100, 12.5)),  // 10/s, 10/s, 8/s
                List.of(new WorkerBenchmarkResult.CheckpointLoad(0, "ckpt-1", 0.2, 0.1),
                        new WorkerBenchmarkResult.CheckpointLoad(1, "ckpt-2", 0.3, 0.2)));
        assertEquals(8.0, result.registeredMedian(), 1e-9);
        assertEquals(0.8, result.registeredRatio(), 1e-9);
        assertEquals(0.4, result.meanSwitchSeconds(), 1e-9, "(0.3 + 0.5) / 2");
        String text = WorkerBenchmarkReport.text(result);
        assertTrue(text.contains("worker, registered checkpoints           8.00  8.00"), text);
        assertTrue(text.contains("ratio registered checkpoints / worker: 0.800 (4 checkpoint(s), memory budget "
                + "7000000 bytes)"), text);
        assertTrue(text.contains("checkpoint loads: 1 in the warm-up, 1 in the timed rounds; a load and its warm-up "
                + "took 0.400 s on average"), text);
        assertFalse(WorkerBenchmarkReport.text(WorkerBenchmarkResult.of(options(), 100, 16, 2, "17", THREADS,
                "reference-vlm@x", new LinkedHashMap<>(), List.of(run(Kind.BARE, 1, 100, 10),
                        run(Kind.WORKER, 1, 100, 10)), List.of())).contains("registered"),
                "no registered run, no line of it");
    }

    private static WorkerBenchmark.Options options() {
        return new WorkerBenchmark.Options(0, List.of(Arm.IMAGE), 8, 2, 48, 20, 0);
    }

    private static Run run(Kind kind, int round, long completions, double seconds) {
        return Run.of(kind, round, completions, 0, seconds, seconds, 8, seconds * 0.9, seconds * 0.8, 0.3, 1.0);
    }
}
