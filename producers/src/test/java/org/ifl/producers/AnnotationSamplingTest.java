package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.ifl.schemas.avro.Arm;
import org.junit.jupiter.api.Test;

class AnnotationSamplingTest {

    @Test
    void aTargetPerCellGivesEachAnswerTargetOverTheCellsAnswers() {
        AnnotationSampling sampling = new AnnotationSampling(7, AnnotationSampling.Target.perCell(200));
        assertEquals(0.25, sampling.probability(800), 1e-12);
        assertEquals(1.0, sampling.probability(150), 0.0); // a cell smaller than the target is labelled whole
        assertEquals(1.0, sampling.probability(200), 0.0);
        assertEquals("seed 7, 200 per cell", sampling.describe());
        AnnotationSampling rate = new AnnotationSampling(3, new AnnotationSampling.Rate(0.1));
        assertEquals(0.1, rate.probability(800), 0.0);
        assertEquals("seed 3, rate 0.1", rate.describe());
        assertThrows(IllegalArgumentException.class, () -> new AnnotationSampling.Rate(0));
        assertThrows(IllegalArgumentException.class, () -> new AnnotationSampling.Rate(1.5));
        assertThrows(IllegalArgumentException.class, () -> AnnotationSampling.Target.perCell(0));
        AnnotationSampling perArm = new AnnotationSampling(7, AnnotationSampling.Target.perArm(200));
        assertEquals("seed 7, 200 per arm of a cell", perArm.describe());
        assertEquals(0.5, perArm.probability(400), 1e-12);
    }

    @Test
    void theDrawIsFixedBySeedAndIdAndALargerProbabilityDrawsASuperset() {
        AnnotationSampling sampling = new AnnotationSampling(7, new AnnotationSampling.Rate(0.2));
        List<String> ids = IntStream.range(0, 20_000).mapToObj(i -> "completion-" + i).toList();
        List<String> at20 = ids.stream().filter(id -> sampling.drawn(id, 0.2)).toList();
        List<String> again = ids.stream().filter(id -> sampling.drawn(id, 0.2)).toList();
        List<String> at40 = ids.stream().filter(id -> sampling.drawn(id, 0.4)).toList();
        assertEquals(at20, again);
        assertTrue(at40.containsAll(at20));
        // Binomial(20,000, 0.2): sd 56.6, so 4,000 +- 300 is more than 5 sd.
        assertTrue(Math.abs(at20.size() - 4_000) < 300, "drawn " + at20.size());
        AnnotationSampling otherSeed = new AnnotationSampling(8, new AnnotationSampling.Rate(0.2));
        assertFalse(at20.equals(ids.stream().filter(id -> otherSeed.drawn(id, 0.2)).toList()));
        assertTrue(ids.stream().allMatch(id -> sampling.drawn(id, 1.0)));
    }

    @Test
    void aRowCarriesWhatTheAnnotatorJudgesAndTheProbabilityButNoVerdict() {
        AnnotationSampling sampling = new AnnotationSampling(7, AnnotationSampling.Target.perCell(2));
        AnnotationRow row = sampling.row(AnnotationFixtures.answer("c-1", "i-1", Arm.IMAGE, "Der Kreis ist rot."),
                null, "images/ab.png", 0.5);
        assertEquals("c-1", row.completionId());
        assertEquals("IMAGE", row.arm());
        assertEquals("de", row.expectedLanguage());
        assertEquals("Welche Farbe hat der Kreis?", row.question());
        assertEquals("Der Kreis ist rot.", row.answer());
        assertEquals(List.of("rot", "Rot"), row.referenceAnswers());
        assertEquals(0.5, row.samplingProbability(), 0.0);
        assertEquals("seed 7, 2 per cell", row.sample());
        assertTrue(row.judge().startsWith("Is the answer written in German (de)?"), row.judge());
        assertNull(row.inExpectedLanguage());
        assertFalse(row.judged());
        assertFalse(AnnotationSampling.drawable(AnnotationFixtures.answer("c-2", "i-1", Arm.TEXT, " ")));
        // Strata: the cell, and under a target per arm the cell and arm.
        assertEquals("vlm|c1|maxm|de", sampling.stratum(AnnotationFixtures.answer("c-1", "i-1", Arm.IMAGE, "Rot.")));
        assertEquals("vlm|c1|maxm|de|IMAGE", new AnnotationSampling(7, AnnotationSampling.Target.perArm(2))
                .stratum(AnnotationFixtures.answer("c-1", "i-1", Arm.IMAGE, "Rot.")));
    }
}
