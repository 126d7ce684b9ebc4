package org.ifl.inferenceworker;

/**
 * Where a batch's backend comes from: {@link #fixed one backend} for every query the worker serves, or each
 * checkpoint's own weights, loaded from its registration on eval.checkpoints ({@link CheckpointBackends}).
 * The worker leases the backend of a batch's checkpoint for the one call that answers it.
 */
public interface Backends extends AutoCloseable {

    /**
     * The backend that answers queries for {@code checkpoint} of {@code model}, held until the lease is closed.
     *
     * @throws CheckpointUnavailableException when that checkpoint cannot be served: not registered, its weights
     *                                        not found or not loadable; the message says which and why
     */
    Lease lease(String model, String checkpoint) throws CheckpointUnavailableException;

    /** What completions carry in {@code backend} when no backend answered them. */
    String kind();

    /**
     * What completions no backend answered (an unreadable image, an invalid query, an unavailable checkpoint) carry
     * in {@code modelRevision}, and so in their id: the one backend's revision, or {@code none} where each
     * checkpoint has its own.
     */
    default String unansweredRevision() {
        return "none";
    }

    /** A backend in use by one batch; closing it lets the source unload the backend later. */
    interface Lease extends AutoCloseable {
        InferenceBackend backend();

        @Override
        void close();
    }

    /** Every query answered by {@code backend}, whatever its checkpoint; closing the source closes the backend. */
    static Backends fixed(InferenceBackend backend) {
        Lease lease = new Lease() {
            @Override
            public InferenceBackend backend() {
                return backend;
            }

            @Override
            public void close() {
            }
        };
        return new Backends() {
            @Override
            public Lease lease(String model, String checkpoint) {
                return lease;
            }

            @Override
            public String kind() {
                return backend.name();
            }

            @Override
            public String unansweredRevision() {
                return backend.modelRevision();
            }

            @Override
            public void close() throws Exception {
                backend.close();
            }
        };
    }
}
