package org.ifl.inferenceworker;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real backend behind a gate: each batch waits for a permit, so a test decides how many batches are answered
 * before a worker is stopped or held up. Closing does not close the wrapped backend.
 */
final class GatedBackend implements InferenceBackend {
    private final InferenceBackend backend;
    private final Semaphore permits;
    private final AtomicInteger batches = new AtomicInteger();

    GatedBackend(InferenceBackend backend, int permits) {
        this.backend = backend;
        this.permits = new Semaphore(permits);
    }

    void release(int batchCount) {
        permits.release(batchCount);
    }

    /** Batches that got past the gate. */
    int batches() {
        return batches.get();
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public String modelRevision() {
        return backend.modelRevision();
    }

    @Override
    public boolean supportsSteering() {
        return backend.supportsSteering();
    }

    @Override
    public List<Generation> generate(List<GenerationRequest> batch) throws Exception {
        permits.acquire();
        batches.incrementAndGet();
        return backend.generate(batch);
    }
}
