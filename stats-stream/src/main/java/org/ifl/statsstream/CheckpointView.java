package org.ifl.statsstream;

/**
 * {@code GET /checkpoints}: a checkpoint the service has figures or published queries of, with its cells and
 * its answers counted of expected (as in {@link FiguresView}: {@code expected} null when it cannot be known).
 */
public record CheckpointView(String model, String checkpoint, int cells, long counted, Long expected,
        Boolean partial) {
    public CheckpointView {
        partial = expected == null ? null : counted < expected;
    }
}
