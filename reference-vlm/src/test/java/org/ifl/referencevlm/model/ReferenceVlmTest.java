package org.ifl.referencevlm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReferenceVlmTest {

    private static NDManager manager;
    private static ReferenceVlm model;
    private static ReferenceVlmConfig config;
    private static ParameterStore ps;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager("PyTorch");
        model = TestModels.tiny(manager, 11);
        config = model.config();
        ps = TestModels.store(manager);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void usesThePyTorchEngine() {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
    }

    @Test
    void forwardReturnsLogitsForEveryPosition() {
        VlmInput input = TestModels.mixedPrompts(manager, config);
        VlmOutput out = model.forward(ps, input, ForwardOptions.none(), false);
        assertEquals(new Shape(2, input.length(), config.vocabSize()), out.logits().getShape());
        assertEquals(new Shape(2, config.vocabSize()), out.lastLogits().getShape());
        assertEquals(config.lmLayers(), out.cache().keys().size());
        assertEquals(new Shape(2, config.heads(), input.length(), config.headDim()),
                out.cache().keys().get(0).getShape());

        NDList viaBlock = model.forward(ps, new NDList(input.tokenIds(), input.attentionMask(), input.images()),
                false);
        assertEquals(0f, TestModels.maxAbsDiff(viaBlock.singletonOrThrow(), out.logits()));
        assertArrayEquals(new Shape[] {new Shape(2, 9, config.vocabSize())},
                model.getOutputShapes(new Shape[] {new Shape(2, 9), new Shape(2, 9)}));
    }

    @Test
    void textOnlyBatchNeedsNoImages() {
        int[] prompt = TestModels.TOKENIZER.textPrompt("Un cercle rouge.", "Quoi ?");
        VlmInput input = VlmInput.of(manager, new int[][] {prompt}, null, null);
        VlmOutput out = model.forward(ps, input, ForwardOptions.none(), false);
        assertEquals(new Shape(1, prompt.length, config.vocabSize()), out.logits().getShape());
    }

    @Test
    void laterTokensDoNotChangeEarlierLogits() {
        int[] prompt = TestModels.TOKENIZER.imagePrompt("What colour is the circle?", config.numPatches());
        int[] changed = prompt.clone();
        int at = prompt.length - 5;
        changed[at] = 'Z';
        NDArray images = TestModels.images(manager, config, 1);
        NDArray a = model.forward(ps, VlmInput.of(manager, new int[][] {prompt}, null, images),
                ForwardOptions.none(), false).logits();
        NDArray b = model.forward(ps, VlmInput.of(manager, new int[][] {changed}, null, images),
                ForwardOptions.none(), false).logits();
        NDIndex before = new NDIndex(":, :{}, :", at);
        NDIndex after = new NDIndex(":, {}:, :", at);
        assertEquals(0f, TestModels.maxAbsDiff(a.get(before), b.get(before)));
        assertTrue(TestModels.maxAbsDiff(a.get(after), b.get(after)) > 1e-3f);
    }

    @Test
    void theImageReachesTheText() {
        int[] prompt = TestModels.TOKENIZER.imagePrompt("What?", config.numPatches());
        NDArray a = model.forward(ps, VlmInput.of(manager, new int[][] {prompt}, null,
                TestModels.images(manager, config, 1)), ForwardOptions.none(), false).lastLogits();
        NDArray b = model.forward(ps, VlmInput.of(manager, new int[][] {prompt}, null,
                TestModels.images(manager, config, 1)), ForwardOptions.none(), false).lastLogits();
        assertTrue(TestModels.maxAbsDiff(a, b) > 1e-3f);
    }

    @Test
    void capturesTheHiddenStateOfEveryRequestedLayer() {
        VlmInput input = TestModels.mixedPrompts(manager, config);
        VlmOutput out = model.forward(ps, input, ForwardOptions.builder().capture(0, 1, config.lmLayers()).build(),
                false);
        assertEquals(3, out.hiddenStates().size());
        for (int layer : new int[] {0, 1, config.lmLayers()}) {
            assertEquals(new Shape(2, input.length(), config.dModel()), out.hiddenState(layer).getShape());
        }
        assertThrows(IllegalArgumentException.class, () -> out.hiddenState(99));
        assertThrows(IllegalArgumentException.class, () -> model.forward(ps, input,
                ForwardOptions.builder().capture(config.lmLayers() + 1).build(), false));
    }

    @Test
    void steeringAddsTheVectorAfterItsLayerOnly() {
        VlmInput input = TestModels.mixedPrompts(manager, config);
        int[] all = new int[config.lmLayers() + 1];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int steered = 1;
        float[] vector = manager.randomNormal(new Shape(config.dModel())).toFloatArray();
        VlmOutput plain = model.forward(ps, input, ForwardOptions.builder().capture(all).build(), false);
        for (float scale : new float[] {1f, 2.5f}) {
            VlmOutput steer = model.forward(ps, input,
                    ForwardOptions.builder().capture(all).steer(steered, vector, scale).build(), false);
            for (int layer = 0; layer < steered; layer++) {
                assertEquals(0f, TestModels.maxAbsDiff(plain.hiddenState(layer), steer.hiddenState(layer)),
                        "layer " + layer + " lies before the steering and must not change");
            }
            NDArray expected = manager.create(vector).mul(scale).broadcast(plain.hiddenState(steered).getShape());
            NDArray diff = steer.hiddenState(steered).sub(plain.hiddenState(steered));
            assertTrue(TestModels.maxAbsDiff(diff, expected) < 1e-5f,
                    "after layer " + steered + " the state moves by exactly the vector at every position");
            assertTrue(TestModels.maxAbsDiff(plain.logits(), steer.logits()) > 1e-3f);
        }
        assertThrows(IllegalArgumentException.class, () -> model.forward(ps, input,
                ForwardOptions.builder().steer(1, new float[config.dModel() + 1]).build(), false));
    }

    @Test
    void leftPaddingDoesNotChangeARowsLogits() {
        VlmInput batch = TestModels.mixedPrompts(manager, config);
        VlmOutput padded = model.forward(ps, batch, ForwardOptions.none(), false);
        int[] text = TestModels.TOKENIZER.textPrompt("A red circle.", "What?");
        VlmOutput alone = model.forward(ps, VlmInput.of(manager, new int[][] {text}, null, null),
                ForwardOptions.none(), false);
        long pad = batch.length() - text.length;
        NDArray row = padded.logits().get(new NDIndex("1:2, {}:, :", pad));
        assertTrue(TestModels.maxAbsDiff(row, alone.logits()) < 1e-5f);
    }

    @Test
    void rejectsMalformedImageLayouts() {
        int[] twoPlaceholders = {ByteTokenizer.IMAGE, ByteTokenizer.IMAGE, ByteTokenizer.BOS, 'a', ByteTokenizer.SEP};
        assertThrows(IllegalArgumentException.class, () -> model.forward(ps,
                VlmInput.of(manager, new int[][] {twoPlaceholders}, null, TestModels.images(manager, config, 1)),
                ForwardOptions.none(), false));
        int[] prompt = TestModels.TOKENIZER.imagePrompt("?", config.numPatches());
        assertThrows(IllegalArgumentException.class, () -> model.forward(ps,
                VlmInput.of(manager, new int[][] {prompt}, null, null), ForwardOptions.none(), false));
    }

    @Test
    void smallConfigurationHasOneToFiveMillionParameters() {
        try (NDManager local = NDManager.newBaseManager("PyTorch")) {
            ReferenceVlm small = new ReferenceVlm(ReferenceVlmConfig.small());
            small.initializeParameters(local);
            long count = small.parameterCount();
            System.out.printf("ReferenceVlmConfig.small(): %,d parameters%n", count);
            assertTrue(count >= 1_000_000 && count <= 5_000_000, "parameters: " + count);
            int[] prompt = TestModels.TOKENIZER.imagePrompt("มีอะไรในภาพ", small.config().numPatches());
            VlmOutput out = small.forward(new ParameterStore(local, false), VlmInput.of(local,
                    new int[][] {prompt}, null, TestModels.images(local, small.config(), 1)),
                    ForwardOptions.none(), false);
            assertEquals(new Shape(1, prompt.length, ByteTokenizer.VOCAB_SIZE), out.logits().getShape());
        }
    }

    @Test
    void savedParametersLoadIntoAFreshModel() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.saveParameters(out);
        }
        ReferenceVlm loaded = new ReferenceVlm(config);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            loaded.loadParameters(manager, in);
        }
        VlmInput input = TestModels.mixedPrompts(manager, config);
        assertEquals(0f, TestModels.maxAbsDiff(model.forward(ps, input, ForwardOptions.none(), false).logits(),
                loaded.forward(ps, input, ForwardOptions.none(), false).logits()));
        assertEquals(model.parameterCount(), loaded.parameterCount());
    }

    @Test
    void parameterNamesAreStable() {
        List<String> names = model.getParameters().keys();
        assertTrue(names.contains("03lm_token_embedding"), names.toString());
        assertTrue(names.contains("03lm_01layer01_02attention_01qkv_weight"), names.toString());
        assertTrue(names.contains("01vision_position_embedding"), names.toString());
    }
}
