package org.ifl.inferenceworker;

/** What the worker loop reports as it goes; the service binds it to Micrometer. */
public interface WorkerMetrics {

    /** A batch of {@code size} queries answered in {@code nanos} by {@code backend}, generating {@code tokens}. */
    void batch(String backend, int size, long nanos, long tokens);

    /** A completion published with an error {@code code}. */
    void error(String code);

    /** A query for another model, not answered by this worker. */
    void skipped();

    /** The consumer paused ({@code true}) or resumed because of the bound on held queries. */
    void paused(boolean paused);

    WorkerMetrics NONE = new WorkerMetrics() {
        @Override
        public void batch(String backend, int size, long nanos, long tokens) {
        }

        @Override
        public void error(String code) {
        }

        @Override
        public void skipped() {
        }

        @Override
        public void paused(boolean paused) {
        }
    };
}
