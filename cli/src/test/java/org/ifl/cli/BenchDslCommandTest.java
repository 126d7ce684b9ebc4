package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ifl.cli.IflCommandTest.Run;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ExitCode;

/** {@code ifl bench dsl} prints one row per number of labels, in either format, and refuses impossible options. */
class BenchDslCommandTest {

    @Test
    void helpNamesTheOptionsAndTheDocument() {
        Run help = Run.of("bench", "dsl", "--help");

        assertEquals(ExitCode.OK, help.exitCode());
        assertTrue(help.out().startsWith("Usage: ifl bench dsl"), help.out());
        for (String option : new String[] {"--labels", "--items-per-cell", "--replications", "--seed",
            "--text-fidelity", "--image-fidelity", "--mislabeled", "--format"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        assertTrue(help.out().contains("default: 25,50,100,200,400,800"), help.out());
        assertTrue(help.out().contains("docs/annotation.md"), help.out());
    }

    @Test
    void printsARowPerNumberOfLabels() {
        Run markdown = Run.of("bench", "dsl", "--labels", "10,20", "--items-per-cell", "100", "--replications",
                "50", "--format", "markdown");

        assertEquals(ExitCode.OK, markdown.exitCode(), markdown.err());
        assertTrue(markdown.out().startsWith("ifl bench dsl: 50 simulated cells a row, seed 1."), markdown.out());
        assertTrue(markdown.out().contains("\n| labels/arm | drawn | F_image DSL ± |"), markdown.out());
        assertTrue(markdown.out().contains("\n| 10 | "), markdown.out());
        assertTrue(markdown.out().contains("\n| 20 | "), markdown.out());

        Run text = Run.of("bench", "dsl", "--labels", "10", "--items-per-cell", "100", "--replications", "50");
        assertEquals(ExitCode.OK, text.exitCode(), text.err());
        assertTrue(text.out().contains("\nlabels/arm  drawn  F_image DSL ±"), text.out());
        assertTrue(text.out().contains("\n        10  "), text.out());
    }

    @Test
    void moreLabelsThanItemsIsAUsageError() {
        Run run = Run.of("bench", "dsl", "--labels", "200", "--items-per-cell", "100");

        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("labels per arm must be 1 to the 100 items of a cell, not 200"), run.err());
    }
}
