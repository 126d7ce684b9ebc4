package org.ifl.inferenceworker.internal.backend.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.inferenceworker.Generation;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.QueryImage;
import org.ifl.inferenceworker.internal.backend.PixelValues;
import org.ifl.referencevlm.tokenizer.ByteTokenizer;
import org.ifl.schemas.avro.Arm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the committed tiny TorchScript VLM (written by {@code src/test/python/write_contract_model.py}) and checks
 * the backend against what PyTorch computed for the same prompts in {@code tiny-vlm-reference.json}.
 */
class TorchScriptBackendTest {

    private static Path modelFile;
    private static SteeringVectorFile steering;
    private static TorchScriptBackend backend;
    private static JsonNode reference;
    private static Map<String, JsonNode> cases;
    private static QueryImage image;

    @BeforeAll
    static void open() throws Exception {
        modelFile = fixture("tiny-vlm.pt");
        steering = SteeringVectorFile.read(fixture("tiny-vlm-steering.json"));
        backend = TorchScriptBackend.open(modelFile, Device.cpu(), steering);
        reference = new ObjectMapper().readTree(Files.readString(fixture("tiny-vlm-reference.json")));
        cases = new LinkedHashMap<>();
        for (JsonNode c : reference.get("cases")) {
            cases.put(c.get("name").asText(), c);
        }
        image = syntheticImage(reference.get("image"));
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void revisionIsTheFileNameAndItsHashAsPythonSaw() {
        assertEquals(reference.get("modelRevision").asText(), backend.modelRevision());
        assertTrue(backend.modelRevision().matches("tiny-vlm\\.pt@[0-9a-f]{12}"), backend.modelRevision());
        assertEquals("djl-torchscript", backend.name());
        assertTrue(backend.supportsSteering());
    }

    @Test
    void greedyAnswersAreThoseOfPyTorch() throws Exception {
        // One batch as the worker would hand it: the two image rows share forward calls, left-padded.
        List<String> names = List.of("text", "image", "image-steered", "image-long-question");
        List<GenerationRequest> batch = names.stream().map(n -> request(cases.get(n))).toList();
        List<TorchScriptBackend.Answer> answers = backend.answer(batch);
        ByteTokenizer tokenizer = new ByteTokenizer();
        for (int i = 0; i < names.size(); i++) {
            JsonNode expected = cases.get(names.get(i));
            TorchScriptBackend.Answer answer = answers.get(i);
            assertArrayEquals(ints(expected.get("promptIds")), answer.promptIds(), names.get(i));
            int[] expectedIds = ints(expected.get("generatedIds"));
            assertArrayEquals(expectedIds, answer.generatedIds(), names.get(i));
            Generation generation = answer.generation();
            assertEquals(tokenizer.decode(expectedIds), generation.text(), names.get(i));
            assertEquals(answer.promptIds().length, generation.promptTokens());
            assertEquals(expectedIds.length, generation.completionTokens());
        }
        assertNull(answers.get(1).generation().steering());
        Generation.AppliedSteering applied = answers.get(2).generation().steering();
        assertEquals(1, applied.layer());
        assertEquals("mean", applied.pooling());
        assertEquals(1f, applied.scale());
        assertEquals(backend.modelRevision() + "|fr|layer1|mean|tiny-vlm-steering.json", applied.vectorId());
    }

    @Test
    void firstStepLogitsAreThoseOfPyTorch() throws Exception {
        for (JsonNode c : cases.values()) {
            GenerationRequest r = request(c);
            float[] pixels = r.arm() == Arm.TEXT ? null : PixelValues.of(r.image().pixels(), 8);
            float[] steer = r.arm() == Arm.IMAGE_REMEDY
                    ? backend.steeringInput(steering.forLanguage(r.expectedLanguage()).orElseThrow())
                    : new float[backend.metadata().layers() * backend.metadata().width()];
            float[] logits = backend.lastPositionLogits(List.of(backend.promptIds(r)),
                    Collections.singletonList(pixels), steer)[0];
            float[] expected = floats(c.get("firstStepLogits"));
            assertEquals(expected.length, logits.length);
            for (int v = 0; v < expected.length; v++) {
                assertEquals(expected[v], logits[v], 1e-4, c.get("name").asText() + ", logit " + v);
            }
        }
    }

    @Test
    void theImageAndTheSteeringChangeTheAnswer() throws Exception {
        List<TorchScriptBackend.Answer> answers = backend.answer(List.of(request(cases.get("text")),
                request(cases.get("image")), request(cases.get("image-steered"))));
        List<String> ids = answers.stream().map(a -> Arrays.toString(a.generatedIds())).toList();
        assertEquals(3, ids.stream().distinct().count(), ids.toString());
    }

    @Test
    void remedyWithNoVectorForTheLanguageIsAnUnsupportedArm() throws Exception {
        GenerationRequest thai = new GenerationRequest("q-th", Arm.IMAGE_REMEDY, "What is in the picture?", null,
                image, "th", 8);
        List<Generation> out = backend.generate(List.of(thai, request(cases.get("image"))));
        Generation.Failure failure = out.get(0).failure();
        assertEquals(Generation.UNSUPPORTED_ARM, failure.code());
        assertFalse(failure.retriable());
        assertTrue(failure.message().contains("'th'"), failure.message());
        assertTrue(out.get(1).succeeded(), "the other request of the batch is still answered");
    }

    @Test
    void withoutSteeringVectorsTheRemedyArmIsUnsupported() throws Exception {
        try (TorchScriptBackend plain = TorchScriptBackend.open(modelFile, Device.cpu(), SteeringSource.none())) {
            assertFalse(plain.supportsSteering());
            Generation g = plain.generate(List.of(request(cases.get("image-steered")))).get(0);
            assertEquals(Generation.UNSUPPORTED_ARM, g.failure().code());
        }
    }

    @Test
    void aPromptLongerThanTheModelTakesIsAnInvalidQuery() throws Exception {
        GenerationRequest tooLong = new GenerationRequest("q-long", Arm.TEXT, "x".repeat(200), "a description",
                null, "en", 8);
        Generation g = backend.generate(List.of(tooLong)).get(0);
        assertEquals(Generation.INVALID_QUERY, g.failure().code());
        assertTrue(g.failure().message().contains("maxSequenceLength"), g.failure().message());
    }

    @Test
    void metadataWithWrongFieldsFailsNamingTheFileAndEveryField(@TempDir Path dir) throws IOException {
        Path model = Files.copy(modelFile, dir.resolve("broken.pt"));
        String json = Files.readString(fixture("tiny-vlm.json"))
                .replace("\"layers\": 2", "\"layers\": -1")
                .replace("\"eos\": 258", "\"eos\": 2")
                .replace("\"channels\": 3", "\"channels\": 1")
                .replace("\"promptLayout\": \"reference-vlm\"", "\"promptLayot\": \"reference-vlm\"");
        Path metadata = dir.resolve("broken.json");
        Files.writeString(metadata, json, StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptBackend.open(model, Device.cpu(), SteeringSource.none()));
        String message = e.getMessage();
        assertTrue(message.startsWith(metadata.toString()), message);
        assertTrue(message.contains("4 problems"), message);
        assertTrue(message.contains("\n  " + metadata + ":18: layers: must be a positive integer, is -1"), message);
        assertTrue(message.contains("\n  " + metadata + ":9: specialTokens.eos: must be 258, is 2"), message);
        assertTrue(message.contains("\n  " + metadata + ":15: image.channels: must be 3, is 1"), message);
        assertTrue(message.contains("\n  " + metadata + ":1: promptLayout: missing"), message);
    }

    @Test
    void metadataThatDoesNotDescribeTheModelFailsAtTheFirstForwardCall(@TempDir Path dir) throws IOException {
        Path model = Files.copy(modelFile, dir.resolve("wide.pt"));
        Files.writeString(dir.resolve("wide.json"),
                Files.readString(fixture("tiny-vlm.json")).replace("\"width\": 16", "\"width\": 32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptBackend.open(model, Device.cpu(), SteeringSource.none()));
        assertTrue(e.getMessage().startsWith(model + ": a first forward call"), e.getMessage());
    }

    @Test
    void aGpuTheEngineDoesNotSeeIsRefusedAtStartUp() {
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptBackend.open(modelFile, Device.fromName("gpu"), SteeringSource.none()));
        assertTrue(unnamed.getMessage().contains("name a GPU by its index"), unnamed.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptBackend.open(modelFile, Device.gpu(63), SteeringSource.none()));
        assertTrue(missing.getMessage().contains("CUDA build of PyTorch's native library"), missing.getMessage());
    }

    @Test
    void steeringVectorsOfAnotherModelAreRefused(@TempDir Path dir) throws IOException {
        String json = Files.readString(fixture("tiny-vlm-steering.json"))
                .replace(backend.modelRevision(), "other.pt@000000000000")
                .replace("\"layer\": 1", "\"layer\": 5");
        Path file = dir.resolve("other-steering.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        SteeringVectorFile other = SteeringVectorFile.read(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorchScriptBackend.open(modelFile, Device.cpu(), other));
        assertTrue(e.getMessage().contains(file + ":3: modelRevision: the vectors were made for other.pt@"),
                e.getMessage());
        assertTrue(e.getMessage().contains(file + ":4: layer: 5 is beyond the model's 2 decoder layers"),
                e.getMessage());
    }

    @Test
    void aSteeringFileWithWrongFieldsFailsNamingEachField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad-steering.json");
        Files.writeString(file, "{\"format\": \"ifl-steering-vectors/1\", \"layer\": 0, \"pooling\": \"max\","
                + " \"vectors\": {\"fr\": [1, 2], \"de\": [1, \"x\"]}}", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SteeringVectorFile.read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(file + ":1: modelRevision: missing"), message);
        assertTrue(message.contains(file + ":1: layer: must be a positive integer, is 0"), message);
        assertTrue(message.contains(file + ":1: pooling: must be \"mean\" or \"last_token\", is \"max\""), message);
        assertTrue(message.contains(file + ":1: vectors.de[1]: expected a number, found a string"), message);
    }

    @Test
    void greedyStopsEachRowAtEosOrItsBudget() throws Exception {
        // A fake model: row 0 says EOS at its third step, row 1 never does; tokens are 10 + the step.
        int vocab = 261;
        List<int[]> prompts = List.of(new int[] {1, 2}, new int[] {3});
        List<String> calls = new ArrayList<>();
        int[][] answers = TorchScriptBackend.greedy(prompts, new int[] {5, 4}, ByteTokenizer.EOS,
                (rows, sequences) -> {
                    calls.add(Arrays.toString(rows));
                    float[][] logits = new float[rows.length][vocab];
                    for (int i = 0; i < rows.length; i++) {
                        int step = sequences.get(i).length - prompts.get(rows[i]).length;
                        logits[i][rows[i] == 0 && step == 2 ? ByteTokenizer.EOS : 10 + step] = 1f;
                    }
                    return logits;
                });
        assertArrayEquals(new int[] {10, 11}, answers[0]);
        assertArrayEquals(new int[] {10, 11, 12, 13}, answers[1]);
        assertEquals(List.of("[0, 1]", "[0, 1]", "[0, 1]", "[1]"), calls);
    }

    private static GenerationRequest request(JsonNode c) {
        Arm arm = Arm.valueOf(c.get("arm").asText());
        String description = arm == Arm.TEXT ? c.get("description").asText() : null;
        return new GenerationRequest(c.get("name").asText(), arm, c.get("question").asText(), description,
                arm == Arm.TEXT ? null : image, c.get("expectedLanguage").asText(),
                reference.get("maxNewTokens").asInt());
    }

    private static QueryImage syntheticImage(JsonNode json) {
        int width = json.get("width").asInt();
        int height = json.get("height").asInt();
        int[] rgb = ints(json.get("rgb"));
        BufferedImage pixels = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels.setRGB(x, y, rgb[y * width + x]);
            }
        }
        return new QueryImage("synthetic", "image/png", new byte[0], pixels);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).floatValue();
        }
        return out;
    }

    private static Path fixture(String name) {
        try {
            return Path.of(TorchScriptBackendTest.class.getResource("/org/ifl/inferenceworker/torchscript/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
