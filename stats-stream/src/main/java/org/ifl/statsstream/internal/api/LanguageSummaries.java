package org.ifl.statsstream.internal.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.statsstream.FiguresView.EstimateView;
import org.ifl.statsstream.OverviewView.LanguageSummary;
import org.ifl.statsstream.internal.cell.CellFigures;
import org.ifl.statsstream.internal.cell.CellWindow;
import org.ifl.statsstream.internal.cell.FidelityCell;
import org.ifl.statsstream.topology.CellUpdate;

/**
 * Per language, the summary of a checkpoint's cumulative cells of that language over its datasets: the same
 * unweighted mean a CHECKPOINT summary takes over all cells ({@link CellFigures#summary}), taken over one
 * language's cells, so each dataset counts once.
 */
public final class LanguageSummaries {
    private LanguageSummaries() {
    }

    /** One summary per language of {@code cells} (cumulative cells of one checkpoint), ordered by language. */
    public static List<LanguageSummary> of(String model, String checkpoint, List<CellUpdate> cells) {
        Map<String, List<FidelityCell>> byLanguage = new TreeMap<>();
        Map<String, Long> latest = new LinkedHashMap<>();
        for (CellUpdate u : cells) {
            byLanguage.computeIfAbsent(u.cell().language(), l -> new ArrayList<>()).add(u.tally());
            latest.merge(u.cell().language(), u.updatedAt(), Math::max);
        }
        List<LanguageSummary> out = new ArrayList<>();
        byLanguage.forEach((language, tallies) -> {
            CellStatistics s = CellFigures.summary(model, checkpoint, null, CellWindow.CUMULATIVE, tallies,
                    Instant.ofEpochMilli(latest.get(language)));
            out.add(new LanguageSummary(language, EstimateView.of(s.getIfl()), EstimateView.of(s.getIflRemedy()),
                    EstimateView.of(s.getDiff()), s.getPairs()));
        });
        return out;
    }
}
