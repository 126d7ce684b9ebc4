package org.ifl.statsstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.ifl.schemas.avro.Alert;
import org.ifl.statsstream.FiguresView.EstimateView;

/**
 * {@code GET /alerts} and the {@code alert} events of {@code GET /events}: an eval.alerts record as JSON, and
 * whether the alert is {@code open} (this record is the latest of its {@code alertId} and FIRING). Every field
 * is in the JSON, null where absent.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertView(String alertId, String state, String model, String checkpoint, String baselineCheckpoint,
        String dataset, List<String> languages, EstimateView ifl, EstimateView baselineIfl, EstimateView difference,
        double threshold, String reason, Instant detectedAt, boolean open) {
    public AlertView {
        languages = List.copyOf(languages);
    }

    /** The record's fields; {@code open} as given. */
    public static AlertView of(Alert a, boolean open) {
        return new AlertView(a.getAlertId(), a.getState().name(), a.getModel(), a.getCheckpoint(),
                a.getBaselineCheckpoint(), a.getDataset(), a.getLanguages(), EstimateView.of(a.getIfl()),
                EstimateView.of(a.getBaselineIfl()), EstimateView.of(a.getDifference()), a.getThreshold(),
                a.getReason(), a.getDetectedAt(), open);
    }

    public boolean firing() {
        return "FIRING".equals(state);
    }

    /** The same record, open or not. */
    public AlertView withOpen(boolean open) {
        return new AlertView(alertId, state, model, checkpoint, baselineCheckpoint, dataset, languages, ifl,
                baselineIfl, difference, threshold, reason, detectedAt, open);
    }
}
