package org.ifl.inferenceworker.internal.backend.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ifl.inferenceworker.Generation;
import org.ifl.inferenceworker.GenerationRequest;
import org.ifl.inferenceworker.InferenceBackend;

/** A test backend that takes {@code delay} over every batch, then answers "answer" to each request. */
final class DelayedAnswerBackend implements InferenceBackend {
    private final Duration delay;

    DelayedAnswerBackend(Duration delay) {
        this.delay = delay;
    }

    @Override
    public String name() {
        return "delayed";
    }

    @Override
    public String modelRevision() {
        return "delayed@1";
    }

    @Override
    public boolean supportsSteering() {
        return false;
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> batch) throws InterruptedException {
        Thread.sleep(delay.toMillis());
        List<Generation> out = new ArrayList<>();
        for (GenerationRequest ignored : batch) {
            out.add(Generation.answered("answer", 1, 1, null));
        }
        return out;
    }
}
