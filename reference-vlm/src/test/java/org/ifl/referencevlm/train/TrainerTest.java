package org.ifl.referencevlm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ifl.referencevlm.DataMix;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.SceneRenderer;
import org.ifl.referencevlm.data.TrainingDataGenerator;
import org.ifl.referencevlm.data.TrainingExample;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.ReferenceVlm;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.model.VlmInput;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer lowers the loss on real training data, and a saved model directory reads back to the same logits. */
class TrainerTest {

    /** Small enough for seconds, large enough for English examples of the real data (16 px images, 256 positions). */
    static final ReferenceVlmConfig CONFIG = new ReferenceVlmConfig(16, 8, 3, 1, 32, 2, 2, 64, 256,
            ByteTokenizer.VOCAB_SIZE, ByteTokenizer.IMAGE);
    static final DataMix ENGLISH_ONLY = DataMix.defaults().withLanguages(List.of("en"));

    @Test
    void lossFallsInAFewStepsAndTheDirectoryRoundTripsTheLogits(@TempDir Path dir) throws Exception {
        TrainingOptions options = new TrainingOptions(ENGLISH_ONLY, 3L, 7, 8, 2, 20, Duration.ofMinutes(2), 3e-3f,
                3e-4f, 3, 0.01f, 1f, 5);
        List<Trainer.LossPoint> logged = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ReferenceVlm model = Trainer.initialise(CONFIG, options.initSeed(), manager);
            Trainer.TrainingRun run = new Trainer(options, logged::add).train(model, manager,
                    TrainingDataGenerator.standard(ENGLISH_ONLY, options.dataSeed()).iterator());
            assertEquals(20, run.steps());
            assertEquals(4, run.curve().size());
            assertEquals(logged, run.curve());
            float first = run.curve().get(0).loss();
            assertTrue(run.finalLoss() < 0.75f * first, "loss " + first + " -> " + run.finalLoss());

            ReferenceModel.save(model, dir);
            assertTrue(Files.size(dir.resolve(ReferenceModel.PARAMETERS)) > 0);
            List<TrainingExample> examples = TrainingDataGenerator.standard(ENGLISH_ONLY, 99).take(4);
            TrainingBatch batch = TrainingBatch.of(examples, new ByteTokenizer(), new SceneRenderer(16), CONFIG);
            VlmInput input = batch.input(manager, CONFIG);
            float[] expected = model.forward(new ai.djl.training.ParameterStore(manager, false), input,
                    ForwardOptions.none(), false).logits().toFloatArray();
            try (ReferenceModel loaded = ReferenceModel.load(dir)) {
                assertEquals(CONFIG, loaded.config());
                VlmInput again = batch.input(loaded.manager(), CONFIG);
                float[] actual = loaded.model().forward(loaded.parameters(), again, ForwardOptions.none(), false)
                        .logits().toFloatArray();
                assertEquals(expected.length, actual.length);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 0f);
                }
            }
        }
    }

    @Test
    void theBatchWeighsExactlyTheAnswerAndItsEos() {
        List<TrainingExample> examples = TrainingDataGenerator.standard(ENGLISH_ONLY, 5).take(3);
        ByteTokenizer tokenizer = new ByteTokenizer();
        TrainingBatch batch = TrainingBatch.of(examples, tokenizer, new SceneRenderer(16), CONFIG);
        for (int b = 0; b < examples.size(); b++) {
            int answerBytes = tokenizer.encode(examples.get(b).answer()).length;
            float sum = 0;
            for (float w : batch.lossWeights()[b]) {
                sum += w;
            }
            assertEquals(answerBytes + 1, sum, 0f);
            ByteTokenizer.TokenSequence s = TrainingBatch.encode(examples.get(b), tokenizer, CONFIG);
            assertEquals(1f, batch.lossWeights()[b][s.ids().length - 2]); // predicts EOS
            assertEquals(0f, batch.lossWeights()[b][s.answerStart() - 2]); // predicts SEP: not trained
        }
    }

    @Test
    void scheduleWarmsUpLinearlyThenDecaysAlongACosine() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3f, 1e-4f, 10, 110);
        assertEquals(1e-4f, s.at(1), 1e-9f);
        assertEquals(1e-3f, s.at(10), 1e-9f);
        assertEquals(5.5e-4f, s.at(60), 1e-8f); // half-way: (peak + min) / 2
        assertEquals(1e-4f, s.at(110), 1e-9f);
        assertEquals(1e-4f, s.at(500), 1e-9f);
        assertEquals(s.at(37), s.getNewValue(37));
    }
}
