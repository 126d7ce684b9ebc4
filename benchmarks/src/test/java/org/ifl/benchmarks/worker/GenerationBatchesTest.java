package org.ifl.benchmarks.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Query;
import org.junit.jupiter.api.Test;

/** The warm-up's sample: a full batch of each arm, one query per language on the remedy arm, in their order. */
class GenerationBatchesTest {
    private static final List<EvaluationItem> SEEN = EvaluationSet.standard().items(EvaluationItem.Split.SEEN);

    @Test
    void onTheImageArmTheWarmUpIsTheFirstFullBatch() {
        List<Query> queries = new BenchmarkQueries(SEEN, List.of(Arm.IMAGE), 0, 48).forRun("bench-warm-up");

        assertEquals(queries.subList(0, 8), GenerationBatches.warmUpSample(queries, 8));
    }

    @Test
    void onAllArmsTheWarmUpIsABatchOfTextAndImageAndOneRemedyQueryPerLanguage() {
        List<Query> queries = new BenchmarkQueries(SEEN, List.of(Arm.TEXT, Arm.IMAGE, Arm.IMAGE_REMEDY), 0, 48)
                .forRun("bench-warm-up");

        List<Query> sample = GenerationBatches.warmUpSample(queries, 8);

        assertEquals(8 + 8 + 14, sample.size());
        Map<Arm, Long> perArm = sample.stream().collect(Collectors.groupingBy(q -> q.getCondition().getArm(),
                Collectors.counting()));
        assertEquals(Map.of(Arm.TEXT, 8L, Arm.IMAGE, 8L, Arm.IMAGE_REMEDY, 14L), perArm);
        assertEquals(14, sample.stream().filter(q -> q.getCondition().getArm() == Arm.IMAGE_REMEDY)
                .map(q -> q.getCondition().getExpectedLanguage()).distinct().count());
        assertEquals(queries.stream().filter(sample::contains).toList(), sample, "in the queries' order");
    }

    @Test
    void aBatchSmallerThanTheQueriesOfAnArmTakesThatMany() {
        List<Query> queries = new BenchmarkQueries(SEEN, List.of(Arm.TEXT, Arm.IMAGE), 5, 48).forRun("w");

        assertEquals(queries.subList(0, 4), GenerationBatches.warmUpSample(queries, 2));
    }
}
