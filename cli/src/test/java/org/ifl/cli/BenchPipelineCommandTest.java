package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ifl.cli.IflCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

/** {@code ifl bench pipeline} parses its options and refuses impossible ones before it starts anything. */
class BenchPipelineCommandTest {

    @Test
    void helpNamesTheOptionsAndTheDocument() {
        Run help = Run.of("bench", "pipeline", "--help");

        assertEquals(ExitCode.OK, help.exitCode());
        assertTrue(help.out().startsWith("Usage: ifl bench pipeline"), help.out());
        for (String option : new String[] {"--models", "--items-per-cell", "--seed", "--run-dir", "--first-port",
                "--settle-timeout"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        assertTrue(help.out().contains("288,000 completions by default"), help.out());
        assertTrue(help.out().contains("docs/benchmarks.md"), help.out());
    }

    @Test
    void impossibleSizesAreUsageErrorsAndStartNothing(@TempDir Path dir) {
        Run none = Run.of("bench", "pipeline", "--models", "0", "--run-dir", dir.resolve("a").toString());
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertTrue(none.err().contains("models must be at least 1, not 0"), none.err());
        assertTrue(Files.notExists(dir.resolve("a")), "nothing written");

        Run port = Run.of("bench", "pipeline", "--first-port", "80", "--run-dir", dir.resolve("b").toString());
        assertEquals(ExitCode.USAGE, port.exitCode());
        assertTrue(port.err().contains("--first-port must be 0 or 1024 to 65531, not 80"), port.err());
    }
}
