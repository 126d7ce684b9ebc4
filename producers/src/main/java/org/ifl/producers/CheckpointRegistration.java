package org.ifl.producers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.topic.RecordKey;

/**
 * A checkpoint registered for evaluation, as published to eval.checkpoints (keyed {@code model|checkpoint},
 * compacted: registering again replaces the registration). Its attributes (llm, vision, data-language...)
 * also travel with every query published for it, so statistics can later be grouped by them.
 */
public record CheckpointRegistration(String model, String checkpoint, String backend, String location,
        String revision, String baselineCheckpoint, List<String> suites, boolean remedyEnabled,
        Map<String, String> attributes, Instant registeredAt) {

    public CheckpointRegistration {
        if (model == null || model.isBlank() || checkpoint == null || checkpoint.isBlank()) {
            throw new IllegalArgumentException("a checkpoint needs a model and a checkpoint name");
        }
        suites = List.copyOf(suites);
        attributes = Map.copyOf(attributes);
    }

    public String key() {
        return RecordKey.checkpoint(model, checkpoint);
    }

    public Checkpoint toAvro() {
        return Checkpoint.newBuilder()
                .setModel(model)
                .setCheckpoint(checkpoint)
                .setBackend(backend)
                .setLocation(location)
                .setRevision(revision)
                .setBaselineCheckpoint(baselineCheckpoint)
                .setSuites(new ArrayList<>(suites))
                .setRemedyEnabled(remedyEnabled)
                .setRegisteredAt(registeredAt)
                .setAttributes(new HashMap<>(attributes))
                .build();
    }
}
