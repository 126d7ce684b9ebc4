package org.ifl.statsstream;

import java.time.Instant;
import java.util.List;
import org.ifl.schemas.avro.ArmFigures;
import org.ifl.schemas.avro.CellStatistics;
import org.ifl.schemas.avro.DslFigures;
import org.ifl.schemas.avro.Estimate;
import org.ifl.schemas.avro.ExplanationFigures;
import org.ifl.statsstream.internal.cell.CellWindow;

/**
 * The JSON form of a cell's or summary's figures, as the HTTP API serves them: the fields of
 * {@link CellStatistics} (docs/statistics.md defines each), with the window as its eval.stats key part
 * ("cumulative" or start/end in ISO 8601). {@code explanation} is empty except in cells of explanation suites.
 */
public record FiguresView(String scope, String model, String checkpoint, String dataset, String language,
        String window, ArmView text, ArmView image, ArmView imageRemedy, long pairs, long remedyPairs,
        long unpairedText, long unpairedImage, long unpairedImageRemedy, long duplicates, EstimateView ifl,
        EstimateView iflRemedy, EstimateView diff, Double relative, EstimateView lineIfl, DslView dsl,
        int cellsAveraged, FiguresView pooled, Instant updatedAt, List<ExplanationView> explanation) {

    /** Absent in the answer of a service older than the explanation figures: none. */
    public FiguresView {
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
    }

    public record EstimateView(double value, Double low, Double high, long n, String method) {
        static EstimateView of(Estimate e) {
            return e == null ? null : new EstimateView(e.getValue(), e.getLow(), e.getHigh(), e.getN(), e.getMethod());
        }
    }

    public record ArmView(long completions, EstimateView fidelity, EstimateView lineFidelity, long errors,
            long undetected) {
        static ArmView of(ArmFigures a) {
            return new ArmView(a.getCompletions(), EstimateView.of(a.getFidelity()),
                    EstimateView.of(a.getLineFidelity()), a.getErrors(), a.getUndetected());
        }
    }

    public record DslView(long labels, EstimateView text, EstimateView image, EstimateView imageRemedy,
            EstimateView ifl, EstimateView iflRemedy) {
        static DslView of(DslFigures d) {
            return d == null ? null : new DslView(d.getLabels(), EstimateView.of(d.getText()),
                    EstimateView.of(d.getImage()), EstimateView.of(d.getImageRemedy()), EstimateView.of(d.getIfl()),
                    EstimateView.of(d.getIflRemedy()));
        }
    }

    /** The entity metrics of one arm in one alignment setting; {@code cooccurrence} has its own n. */
    public record ExplanationView(String arm, String setting, long answers, EstimateView coverageExact,
            EstimateView coveragePartial, EstimateView f1, EstimateView cooccurrence) {
        static ExplanationView of(ExplanationFigures e) {
            return new ExplanationView(e.getArm().name(), e.getSetting().name(), e.getAnswers(),
                    EstimateView.of(e.getCoverageExact()), EstimateView.of(e.getCoveragePartial()),
                    EstimateView.of(e.getF1()), EstimateView.of(e.getCooccurrence()));
        }
    }

    public static FiguresView of(CellStatistics s) {
        CellWindow window = s.getWindow().getStart() == null ? CellWindow.CUMULATIVE
                : CellWindow.hopping(s.getWindow().getStart().toEpochMilli(), s.getWindow().getEnd().toEpochMilli());
        return new FiguresView(s.getScope().name(), s.getModel(), s.getCheckpoint(), s.getDataset(), s.getLanguage(),
                window.key(), ArmView.of(s.getText()), ArmView.of(s.getImage()), ArmView.of(s.getImageRemedy()),
                s.getPairs(), s.getRemedyPairs(), s.getUnpairedText(), s.getUnpairedImage(),
                s.getUnpairedImageRemedy(), s.getDuplicates(), EstimateView.of(s.getIfl()),
                EstimateView.of(s.getIflRemedy()), EstimateView.of(s.getDiff()), s.getRelative(),
                EstimateView.of(s.getLineIfl()), DslView.of(s.getDsl()), s.getCellsAveraged(),
                s.getPooled() == null ? null : of(s.getPooled()), s.getUpdatedAt(),
                s.getExplanation().stream().map(ExplanationView::of).toList());
    }
}
