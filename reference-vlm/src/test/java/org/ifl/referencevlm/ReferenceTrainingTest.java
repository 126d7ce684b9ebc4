package org.ifl.referencevlm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.ifl.referencevlm.train.TrainingOptions;
import org.junit.jupiter.api.Test;

/** The settings a run hands the trainer (the run itself is minutes long: see MODEL_CARD.md). */
class ReferenceTrainingTest {

    @Test
    void aRunPassesItsMixSeedAndScheduleToTheTrainer() {
        DataMix mix = DataMix.defaults().withEnglishImageShare(0.9).withEnglishImageShareByLanguage(Map.of("de", 0.3));
        TrainingOptions options = new ReferenceTraining(Path.of("out"), mix, 1400, Duration.ofMinutes(20), 32, 96,
                1.5e-3f, 7L, null).options();
        assertEquals(mix, options.mix());
        assertEquals(7L, options.dataSeed());
        assertEquals(1400, options.maxSteps());
        assertEquals(32, options.batchSize());
        assertEquals(1.5e-3f, options.peakLearningRate());
        assertEquals(1.5e-3f / 20, options.minLearningRate());
    }

    @Test
    void anEvaluationOnlyRunHasValidTrainingSettings() {
        ReferenceTraining evaluation = ReferenceTraining.evaluationOnly(Path.of("out"), 96);
        assertEquals(0, evaluation.steps());
        assertEquals(1, evaluation.options().maxSteps(), "the options stay valid though no step runs");
    }
}
