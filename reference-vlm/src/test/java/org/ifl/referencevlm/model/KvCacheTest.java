package org.ifl.referencevlm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Incremental decoding must compute what recomputing the whole sequence computes. */
class KvCacheTest {

    private static final float TOLERANCE = 1e-5f;
    private static final int STEPS = 10;

    private static NDManager manager;
    private static ReferenceVlm model;
    private static ReferenceVlmConfig config;
    private static ParameterStore ps;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager("PyTorch");
        model = TestModels.tiny(manager, 23);
        config = model.config();
        ps = TestModels.store(manager);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void cachedStepsMatchFullRecomputeOnALeftPaddedBatch() {
        compareWithRecompute(ForwardOptions.none());
    }

    @Test
    void cachedStepsMatchFullRecomputeWhenSteering() {
        float[] vector = manager.randomNormal(new Shape(config.dModel())).toFloatArray();
        compareWithRecompute(ForwardOptions.builder().steer(1, vector, 1.5f).capture(2).build());
    }

    @Test
    void greedyDecoderMatchesGreedyRecompute() {
        VlmInput prompt = TestModels.mixedPrompts(manager, config);
        int[][] recomputed = greedyByRecompute(prompt, ForwardOptions.none());
        GreedyDecoder.Generation generated = new GreedyDecoder(model, ps)
                .generate(prompt, ForwardOptions.none(), STEPS, -1);
        for (int b = 0; b < recomputed.length; b++) {
            assertArrayEquals(recomputed[b], generated.tokens()[b], "row " + b);
            assertEquals(false, generated.stoppedAtEos()[b]);
        }
        // The prompt's arrays are back in the caller's manager and still usable.
        assertEquals(2, prompt.tokenIds().getShape().get(0));
        assertEquals(manager, prompt.tokenIds().getManager());
    }

    @Test
    void greedyDecoderStopsEachRowAtEos() {
        VlmInput prompt = TestModels.mixedPrompts(manager, config);
        int[][] recomputed = greedyByRecompute(prompt, ForwardOptions.none());
        int eos = recomputed[0][2]; // pretend the third token of row 0 ends it
        GreedyDecoder.Generation generated = new GreedyDecoder(model, ps)
                .generate(prompt, ForwardOptions.none(), STEPS, eos);
        assertArrayEquals(Arrays.copyOf(recomputed[0], 2), Arrays.copyOf(generated.tokens()[0], 2));
        assertTrue(generated.stoppedAtEos()[0]);
        assertTrue(generated.tokens()[0].length <= 2);
    }

    @Test
    void stepRejectsImagePlaceholders() {
        VlmOutput prefill = model.forward(ps, TestModels.mixedPrompts(manager, config), ForwardOptions.none(), false);
        NDArray tokens = manager.create(new long[] {ByteTokenizer.IMAGE, 'a'});
        assertThrows(IllegalArgumentException.class,
                () -> model.step(ps, prefill.cache(), tokens, ForwardOptions.none()));
    }

    private void compareWithRecompute(ForwardOptions options) {
        VlmInput prompt = TestModels.mixedPrompts(manager, config);
        int[][] ids = toInt(prompt.tokenIds());
        int[][] mask = toInt(prompt.attentionMask());
        assertTrue(mask[1][0] == 0, "the second prompt is left-padded");

        VlmOutput out = model.forward(ps, prompt, options, false);
        KvCache cache = out.cache();
        NDArray cachedLogits = out.lastLogits();
        for (int step = 0; step < STEPS; step++) {
            VlmOutput full = model.forward(ps, VlmInput.of(manager, ids, mask, prompt.images()), options, false);
            NDArray fullLogits = full.lastLogits();
            float diff = TestModels.maxAbsDiff(cachedLogits, fullLogits);
            assertTrue(diff < TOLERANCE, "step " + step + ": cached and recomputed logits differ by " + diff);
            long[] cachedNext = cachedLogits.argMax(-1).toLongArray();
            assertArrayEquals(fullLogits.argMax(-1).toLongArray(), cachedNext, "greedy tokens at step " + step);
            if (options.captures(2)) {
                NDArray recomputedState = full.hiddenState(2).get(new NDIndex(":, -1:, :"));
                NDArray cachedState = step == 0 ? out.hiddenState(2).get(new NDIndex(":, -1:, :"))
                        : out.hiddenState(2);
                assertTrue(TestModels.maxAbsDiff(recomputedState, cachedState) < TOLERANCE);
            }

            out = model.step(ps, cache, manager.create(cachedNext), options);
            assertEquals(new Shape(2, 1, config.vocabSize()), out.logits().getShape());
            cache = out.cache();
            cachedLogits = out.lastLogits();
            ids = append(ids, cachedNext);
            mask = append(mask, new long[] {1, 1});
            assertEquals(ids[0].length, cache.length());
        }
    }

    private int[][] greedyByRecompute(VlmInput prompt, ForwardOptions options) {
        int[][] ids = toInt(prompt.tokenIds());
        int[][] mask = toInt(prompt.attentionMask());
        int[][] generated = new int[ids.length][STEPS];
        for (int step = 0; step < STEPS; step++) {
            long[] next = model.forward(ps, VlmInput.of(manager, ids, mask, prompt.images()), options, false)
                    .lastLogits().argMax(-1).toLongArray();
            for (int b = 0; b < ids.length; b++) {
                generated[b][step] = (int) next[b];
            }
            ids = append(ids, next);
            mask = append(mask, new long[] {1, 1});
        }
        return generated;
    }

    private static int[][] toInt(NDArray array) {
        long rows = array.getShape().get(0);
        int cols = (int) array.getShape().get(1);
        int[] flat = array.toType(DataType.INT32, false).toIntArray();
        int[][] out = new int[(int) rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        }
        return out;
    }

    private static int[][] append(int[][] rows, long[] column) {
        int[][] out = new int[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = Arrays.copyOf(rows[r], rows[r].length + 1);
            out[r][rows[r].length] = (int) column[r];
        }
        return out;
    }
}
