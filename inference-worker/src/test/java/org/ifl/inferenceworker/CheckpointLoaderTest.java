package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.schemas.avro.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a worker with registered checkpoints loads from a registration's location, with the real backends. */
class CheckpointLoaderTest {

    private static WorkerSettings settings(String backend) {
        WorkerSettings settings = new WorkerSettings();
        settings.setBackend(backend);
        settings.setSteeringPooling("mean");
        settings.setSteeringScale(1f);
        settings.setDevice("cpu");
        settings.setOpenaiBaseUrl("http://127.0.0.1:9/v1");
        settings.setOpenaiMaxConcurrency(1);
        settings.setOpenaiTimeout(Duration.ofSeconds(1));
        return settings;
    }

    private static Checkpoint registration(String backend, String location) {
        return Checkpoint.newBuilder().setModel("vlm").setCheckpoint("step-100").setBackend(backend)
                .setLocation(location).setRegisteredAt(Instant.EPOCH).build();
    }

    @Test
    void aReferenceModelDirectoryLoadsAsTheReferenceVlmChargedItsFilesSize(@TempDir Path dir) throws Exception {
        Path weights = dir.resolve("step-100");
        ReferenceModel.extractBundled(weights);
        CheckpointBackends.Loader loader = CheckpointBackends.loader(settings("djl"));
        Checkpoint registration = registration("djl", weights.toString());
        try (InferenceBackend backend = loader.load(registration);
                ReferenceVlmBackend bundled = ReferenceVlmBackend.bundled()) {
            assertEquals(ReferenceVlmBackend.NAME, backend.name());
            assertEquals(bundled.modelRevision(), backend.modelRevision(), "the same weights, the same revision");
            assertTrue(backend.supportsSteering());
        }
        long files = Files.size(weights.resolve(ReferenceModel.CONFIG)) + Files.size(weights.resolve(
                ReferenceModel.TOKENIZER)) + Files.size(weights.resolve(ReferenceModel.PARAMETERS));
        assertEquals(files, loader.bytes(registration));
        assertEquals("djl", loader.kind());
    }

    @Test
    void aLocationThatIsNeitherAModelDirectoryNorAFileIsNamedInTheFailure(@TempDir Path dir) throws Exception {
        CheckpointBackends.Loader loader = CheckpointBackends.loader(settings("djl"));
        Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> loader.load(registration("djl", dir.resolve("empty").toString())));
        assertEquals(dir.resolve("empty") + " is neither a reference model directory (no reference-vlm.params) nor a "
                + "TorchScript file", empty.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> loader.load(registration("djl", dir.resolve("gone").toString())));
        assertEquals(dir.resolve("gone") + " does not exist on this worker", missing.getMessage());
        assertEquals("the registration names no location", assertThrows(IllegalArgumentException.class,
                () -> loader.load(registration("djl", null))).getMessage());
    }

    @Test
    void anOpenaiCheckpointRequestsItsLocationAsTheServedModelOrElseItsName() throws Exception {
        CheckpointBackends.Loader loader = CheckpointBackends.loader(settings("openai"));
        try (InferenceBackend adapter = loader.load(registration("openai", "qwen2-vl-lora-step-100"));
                InferenceBackend named = loader.load(registration("openai", null))) {
            assertEquals("qwen2-vl-lora-step-100", adapter.modelRevision());
            assertEquals("step-100", named.modelRevision());
        }
        assertEquals("openai", loader.kind());
    }
}
