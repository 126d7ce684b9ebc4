package org.ifl.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory keeps the mode (secured or plaintext) it was first started in; a start in the other mode is
 * refused before anything starts, saying how to go on.
 */
class PlatformModeTest {
    @TempDir
    Path dataDir;

    private String recorded() throws Exception {
        return Files.readString(dataDir.resolve(EmbeddedPlatform.MODE_FILE)).strip();
    }

    @Test
    void aNewDirectoryRecordsItsModeAndTheSameModeStartsAgain() throws Exception {
        EmbeddedPlatform.checkMode(dataDir, true);
        assertEquals("secured", recorded());
        EmbeddedPlatform.checkMode(dataDir, true);
        assertEquals("secured", recorded());
    }

    @Test
    void aSecuredDirectoryRefusesAPlaintextStartAndViceVersa() {
        EmbeddedPlatform.checkMode(dataDir, true);
        IllegalStateException plaintext = assertThrows(IllegalStateException.class,
                () -> EmbeddedPlatform.checkMode(dataDir, false));
        assertTrue(plaintext.getMessage().contains("holds a secured platform"), plaintext.getMessage());
        assertTrue(plaintext.getMessage().contains("ifl up --secure") && plaintext.getMessage().contains("--fresh"),
                plaintext.getMessage());

        Path other = dataDir.resolve("other");
        EmbeddedPlatform.checkMode(other, false);
        IllegalStateException secured = assertThrows(IllegalStateException.class,
                () -> EmbeddedPlatform.checkMode(other, true));
        assertTrue(secured.getMessage().contains("holds a plaintext platform"), secured.getMessage());
        assertTrue(secured.getMessage().contains("without --secure"), secured.getMessage());
    }

    @Test
    void aDirectoryThatDidNotRecordItsModeCountsAsSecuredWhenItHoldsCertificates() throws Exception {
        Files.createDirectories(dataDir.resolve("kafka"));
        Files.createDirectories(dataDir.resolve("tls"));
        assertThrows(IllegalStateException.class, () -> EmbeddedPlatform.checkMode(dataDir, false));
        EmbeddedPlatform.checkMode(dataDir, true);
        assertEquals("secured", recorded());
    }

    @Test
    void aFreshStartWipesTheRecordedModeWithTheRest() {
        EmbeddedPlatform.checkMode(dataDir, true);
        EmbeddedPlatform.wipeAllBut(dataDir, dataDir.resolve(DataDirLock.FILE));
        EmbeddedPlatform.checkMode(dataDir, false);
    }
}
