package org.ifl.benchmarks.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ifl.schemas.avro.Arm;

/**
 * What {@code ifl chaos} found: both passes, the comparison of their figures, and whether the pipeline held.
 *
 * @param total the whole run, input written to the last process stopped
 */
public record ChaosResult(ChaosRun.Options options, ChaosInput.Summary input, Pass clean, Pass chaos,
        FigureComparison comparison, Duration total) {

    /**
     * One pass over the stored run.
     *
     * @param restarts starts after the first, per target: the kills', and those after an unexpected exit
     * @param unexpectedExits per target, times it ended without being killed
     * @param replays times {@code ifl replay} ran (more than 1 when a replay failed and ran again)
     * @param processing from the replay's start until both stages had committed everything
     * @param cells the answers of {@code /cells}, by window
     * @param counted completions the cumulative cells count, all arms
     * @param usage per process (up, lid, stats, replay), its CPU time and peak resident memory over the pass
     */
    public record Pass(String name, KillSchedule schedule, Map<Target, Integer> restarts,
            Map<Target, Integer> unexpectedExits, int replays, Duration processing, Map<String, String> cells,
            long counted, DeadLetterTally deadLetters, Path logs, Map<String, IflProcess.Usage> usage) {
        public Pass {
            restarts = Map.copyOf(restarts);
            unexpectedExits = Map.copyOf(unexpectedExits);
            cells = Map.copyOf(cells);
            usage = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(usage));
        }

        int unexpectedExitCount() {
            return unexpectedExits.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Why the run failed, one line each; empty when the pipeline held. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (!comparison.identical()) {
            failures.add(comparison.differences().size() + " of " + comparison.figures()
                    + " figures differ between the clean and the chaos pass");
        }
        for (Pass pass : List.of(clean, chaos)) {
            if (pass.deadLetters().total() > 0) {
                failures.add(pass.name() + " pass: " + pass.deadLetters().total() + " dead letters, with valid "
                        + "input");
            }
            if (pass.counted() != input.completions()) {
                failures.add(pass.name() + " pass: stats-stream counted " + pass.counted() + " of "
                        + input.completions() + " completions");
            }
            if (pass.unexpectedExitCount() > 0) {
                failures.add(pass.name() + " pass: a process ended without being killed: " + pass.unexpectedExits());
            }
        }
        return failures;
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    /** Completions the cells of one {@code /cells} answer count, every arm of every cell. */
    static long counted(String cellsJson) {
        long counted = 0;
        for (Map<String, String> figures : FigureComparison.cells(cellsJson).values()) {
            for (Arm arm : Arm.values()) {
                counted += Long.parseLong(figures.getOrDefault(armField(arm) + ".completions", "0"));
            }
        }
        return counted;
    }

    /** An arm's field in the stats API's JSON: text, image, imageRemedy. */
    private static String armField(Arm arm) {
        return switch (arm) {
            case TEXT -> "text";
            case IMAGE -> "image";
            case IMAGE_REMEDY -> "imageRemedy";
        };
    }
}
