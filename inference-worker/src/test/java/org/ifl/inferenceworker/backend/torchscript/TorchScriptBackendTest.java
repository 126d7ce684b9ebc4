package org.ifl.inferenceworker.backend.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import org.ifl.inferenceworker.backend.PixelValues;
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
    private static JsonObject reference;
    private static Map<String, JsonObject> cases;
    private static QueryImage image;

    @BeforeAll
    static void open() throws Exception {
        modelFile = fixture("tiny-vlm.pt");
        steering = SteeringVectorFile.read(fixture("tiny-vlm-steering.json"));
        backend = TorchScriptBackend.open(modelFile, Device.cpu(), steering);
        reference = JsonParser.parseString(Files.readString(fixture("tiny-vlm-reference.json"))).getAsJsonObject();
        cases = new LinkedHashMap<>();
        for (var c : reference.getAsJsonArray("cases")) {
            cases.put(c.getAsJsonObject().get("name").getAsString(), c.getAsJsonObject());
        }
        image = syntheticImage(reference.getAsJsonObject("image"));
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void revisionIsTheFileNameAndItsHashAsPythonSaw() {
        assertEquals(reference.get("modelRevision").getAsString(), backend.modelRevision());
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
            JsonObject expected = cases.get(names.get(i));
            TorchScriptBackend.Answer answer = answers.get(i);
            assertArrayEquals(ints(expected.getAsJsonArray("promptIds")), answer.promptIds(), names.get(i));
            int[] expectedIds = ints(expected.getAsJsonArray("generatedIds"));
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
        for (JsonObject c : cases.values()) {
            GenerationRequest r = request(c);
            float[] pixels = r.arm() == Arm.TEXT ? null : PixelValues.of(r.image().pixels(), 8);
            float[] steer = r.arm() == Arm.IMAGE_REMEDY
                    ? backend.steeringInput(steering.forLanguage(r.expectedLanguage()).orElseThrow())
                    : new float[backend.metadata().layers() * backend.metadata().width()];
            float[] logits = backend.lastPositionLogits(List.of(backend.promptIds(r)),
                    Collections.singletonList(pixels), steer)[0];
            float[] expected = floats(c.getAsJsonArray("firstStepLogits"));
            assertEquals(expected.length, logits.length);
            for (int v = 0; v < expected.length; v++) {
                assertEquals(expected[v], logits[v], 1e-4, c.get("name").getAsString() + ", logit " + v);
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
        assertTrue(message.contains("field 'layers': must be a positive integer, is -1"), message);
        assertTrue(message.contains("field 'specialTokens.eos': must be 258, is 2"), message);
        assertTrue(message.contains("field 'image.channels': must be 3, is 1"), message);
        assertTrue(message.contains("field 'promptLayout': missing"), message);
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
        assertTrue(e.getMessage().contains(file + ": field 'modelRevision'"), e.getMessage());
        assertTrue(e.getMessage().contains(file + ": field 'layer': 5 is beyond the model's 2 decoder layers"),
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
        assertTrue(message.contains("field 'modelRevision': missing"), message);
        assertTrue(message.contains("field 'layer': must be a positive integer, is 0"), message);
        assertTrue(message.contains("field 'pooling': must be \"mean\" or \"last_token\", is \"max\""), message);
        assertTrue(message.contains("field 'vectors.de[1]': must be a finite number"), message);
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

    private static GenerationRequest request(JsonObject c) {
        Arm arm = Arm.valueOf(c.get("arm").getAsString());
        String description = arm == Arm.TEXT ? c.get("description").getAsString() : null;
        return new GenerationRequest(c.get("name").getAsString(), arm, c.get("question").getAsString(), description,
                arm == Arm.TEXT ? null : image, c.get("expectedLanguage").getAsString(),
                reference.get("maxNewTokens").getAsInt());
    }

    private static QueryImage syntheticImage(JsonObject json) {
        int width = json.get("width").getAsInt();
        int height = json.get("height").getAsInt();
        int[] rgb = ints(json.getAsJsonArray("rgb"));
        BufferedImage pixels = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels.setRGB(x, y, rgb[y * width + x]);
            }
        }
        return new QueryImage("synthetic", "image/png", new byte[0], pixels);
    }

    private static int[] ints(JsonArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }

    private static float[] floats(JsonArray array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsFloat();
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
