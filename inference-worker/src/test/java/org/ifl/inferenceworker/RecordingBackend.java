package org.ifl.inferenceworker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ifl.schemas.avro.Arm;

/** A test backend that keeps every request it is given and answers "answer to <question>", or fails as told. */
final class RecordingBackend implements InferenceBackend {
    final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    volatile Generation.Failure failWith;
    volatile boolean closed;
    private final String revision;

    RecordingBackend() {
        this("recording@1");
    }

    /** A backend of the weights {@code revision} names. */
    RecordingBackend(String revision) {
        this.revision = revision;
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public String modelRevision() {
        return revision;
    }

    @Override
    public boolean supportsSteering() {
        return true;
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> batch) {
        requests.addAll(batch);
        List<Generation> out = new ArrayList<>();
        for (GenerationRequest request : batch) {
            if (failWith != null) {
                out.add(Generation.failed(failWith.code(), failWith.message(), failWith.retriable()));
            } else {
                Generation.AppliedSteering steering = request.arm() == Arm.IMAGE_REMEDY
                        ? new Generation.AppliedSteering("v-" + request.expectedLanguage(), 2, "mean", 1f) : null;
                out.add(Generation.answered("answer to " + request.prompt(), 7, 3, steering));
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
    }
}
