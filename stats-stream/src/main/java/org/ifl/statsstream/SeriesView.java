package org.ifl.statsstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.ifl.statsstream.FiguresView.EstimateView;

/**
 * {@code GET /series}: one row of a checkpoint's hopping windows as a time series, the figures of one cell
 * (dataset, language) in one window ({@code window} is its key, start/end in ISO 8601, as in {@code /cells}).
 * Every field is in the JSON, null where absent.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SeriesView(String window, Instant start, Instant end, String dataset, String language,
        EstimateView ifl, EstimateView iflRemedy, long pairs) {
}
