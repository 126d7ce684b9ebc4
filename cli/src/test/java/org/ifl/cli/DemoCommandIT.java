package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.referencevlm.ArtworkArticles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ifl demo --exit} end to end: queries published, answered by the reference VLM in the inference worker,
 * labeled and scored by lid-stream, counted by stats-stream, the IFL table and the explanation tables read from
 * its HTTP API. Short answers keep it quick; the tables' shape, not the model's quality, is checked.
 */
class DemoCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void fromPublishedQueriesToTheIflAndExplanationTables() {
        Run run = Run.of("demo", "--exit", "--data-dir", dataDir.toString(), "--http-port", "-1",
                "--max-new-tokens", "12", "--explanation-tokens", "24");
        assertEquals(0, run.exitCode(), () -> run.out() + run.err());

        // 16 scenes x 14 languages x 3 arms, and each artwork in each of its languages but English x 4 patterns x 1 arm
        // (no description, no remedy).
        int artworkItems = ArtworkArticles.artworks().stream().mapToInt(a -> a.otherLanguages().size()).sum();
        Matcher published = Pattern.compile("(\\d+) of (\\d+) answers labeled and counted").matcher(run.err());
        String last = null;
        while (published.find()) {
            last = published.group(1) + "/" + published.group(2);
        }
        long answers = 16 * 14 * 3 + artworkItems * 4L;
        assertEquals(answers + "/" + answers, last, run.err());

        List<String> cellRows = run.out().lines().filter(l -> l.startsWith(ReferenceScenes.DATASET + " ")).toList();
        // 14 language rows, then the dataset's average and pooled rows.
        assertEquals(16, cellRows.size(), run.out());
        for (String language : List.of("ar", "bn", "de", "en", "es", "fr", "he", "hi", "ja", "ro", "ru", "th", "ur",
                "zh")) {
            // 16 items x 3 arms published and answered: 48 of 48 answers, the row not partial.
            assertTrue(cellRows.stream().anyMatch(l -> l.matches(ReferenceScenes.DATASET + "\\s+" + language
                    + "\\s+48 of 48\\s+16\\s.*")), () -> language + " has its 48 of 48 answers, 16 pairs: "
                    + cellRows);
        }
        for (String metric : List.of("EC exact", "EC partial", "EF1", "ECooc")) {
            assertTrue(run.out().contains(metric), () -> "an entity table of " + metric + ":\n" + run.out());
        }
        for (String setting : List.of("FULL", "ALIGNMENT_10")) {
            assertTrue(run.out().contains("EC exact, dataset " + ReferenceArtworks.DATASET + ", arm IMAGE, setting "
                    + setting + ": EN_EN − L_L "), () -> "the contrast at " + setting + ":\n" + run.out());
        }
        assertTrue(run.out().contains("from command to table"), run.out());
        assertTrue(Pattern.compile("dashboard: http://127\\.0\\.0\\.1:\\d+/dashboard/checkpoint\\.html\\?model="
                + DemoCommand.MODEL + "&checkpoint=" + DemoCommand.CHECKPOINT + " ").matcher(run.out()).find(),
                () -> "the dashboard's address:\n" + run.out());
    }
}
