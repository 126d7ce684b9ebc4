package org.ifl.statsstream;

import java.util.List;

/**
 * {@code GET /summary}: a checkpoint's CHECKPOINT summary (the unweighted mean over all its cells, pooled
 * beside it) and one DATASET summary per dataset, ordered by dataset.
 */
public record SummaryView(String model, String checkpoint, String window, FiguresView checkpointSummary,
        List<FiguresView> datasets) {
}
