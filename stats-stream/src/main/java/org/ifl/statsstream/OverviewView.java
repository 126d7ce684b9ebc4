package org.ifl.statsstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.statsstream.FiguresView.EstimateView;

/**
 * {@code GET /overview}: a model's checkpoints in the order of {@code GET /checkpoints} (registration order),
 * each with its cumulative CHECKPOINT summary and one summary per language over the checkpoint's datasets:
 * what the dashboard's overview table and trend chart show. Every field is in the JSON, null or empty where
 * absent.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OverviewView(String model, List<CheckpointOverview> checkpoints) {
    public OverviewView {
        checkpoints = List.copyOf(checkpoints);
    }

    /**
     * One checkpoint: its registration, answers counted of expected, the datasets whose regression alert
     * stands ({@code openAlerts}), the CHECKPOINT summary (null while nothing is answered) and the language
     * summaries.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CheckpointOverview(String checkpoint, Instant registeredAt, Map<String, String> attributes,
            String baselineCheckpoint, boolean registered, int cells, long counted, Long expected, Boolean partial,
            int openAlerts, FiguresView summary, List<LanguageSummary> languages) {
        public CheckpointOverview {
            attributes = attributes == null ? Map.of() : attributes;
            languages = List.copyOf(languages);
        }

        public static CheckpointOverview of(CheckpointView c, int openAlerts, FiguresView summary,
                List<LanguageSummary> languages) {
            return new CheckpointOverview(c.checkpoint(), c.registeredAt(), c.attributes(), c.baselineCheckpoint(),
                    c.registered(), c.cells(), c.counted(), c.expected(), c.partial(), openAlerts, summary, languages);
        }
    }

    /**
     * A language's summary over the checkpoint's datasets: the unweighted mean of its cumulative cells' IFL,
     * IFL with remedy and remedy difference (each dataset counts once), and the pairs of all of them.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LanguageSummary(String language, EstimateView ifl, EstimateView iflRemedy, EstimateView diff,
            long pairs) {
    }
}
