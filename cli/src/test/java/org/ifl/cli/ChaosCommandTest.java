package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ifl.cli.IflCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

/** {@code ifl chaos} parses its options and refuses impossible ones before it starts anything. */
class ChaosCommandTest {

    @Test
    void helpNamesTheOptionsAndTheDocument() {
        Run help = Run.of("chaos", "--help");

        assertEquals(ExitCode.OK, help.exitCode());
        assertTrue(help.out().startsWith("Usage: ifl chaos"), help.out());
        for (String option : new String[] {"--completions", "--kills", "--seed", "--run-dir", "--first-port"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        assertTrue(help.out().contains("docs/reliability"), help.out());
    }

    @Test
    void impossibleCountsAndPortsAreUsageErrors(@TempDir Path dir) {
        Run none = Run.of("chaos", "--completions", "0", "--run-dir", dir.resolve("a").toString());
        assertEquals(ExitCode.USAGE, none.exitCode());
        assertTrue(none.err().contains("--completions must be at least 1, not 0"), none.err());

        Run negative = Run.of("chaos", "--kills", "-1", "--run-dir", dir.resolve("b").toString());
        assertEquals(ExitCode.USAGE, negative.exitCode());
        assertTrue(negative.err().contains("--kills must be 0 or more, not -1"), negative.err());

        Run port = Run.of("chaos", "--first-port", "80", "--run-dir", dir.resolve("c").toString());
        assertEquals(ExitCode.USAGE, port.exitCode());
        assertTrue(port.err().contains("--first-port must be 0 or 1024 to 65531, not 80"), port.err());
    }

    @Test
    void aRunDirectoryInUseIsRefusedBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("left-over.log"), "an earlier run");

        Run run = Run.of("chaos", "--completions", "10", "--run-dir", dir.toString());

        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("the run directory " + dir.toAbsolutePath() + " is not empty"), run.err());
        try (var entries = Files.list(dir)) {
            assertEquals(1, entries.count(), "nothing written beside the file that was there");
        }
    }
}
