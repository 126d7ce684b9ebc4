package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWatcherTest {

    private static Path checkpoint(Path root, String name, Instant markedAt) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("model.pt"), "weights");
        if (markedAt != null) {
            Path marker = Files.writeString(dir.resolve("COMPLETE"), "");
            Files.setLastModifiedTime(marker, FileTime.from(markedAt));
        }
        return dir;
    }

    @Test
    void completeDirectoriesOldestMarkerFirstOnceEvenAfterARestart(@TempDir Path root, @TempDir Path data)
            throws IOException {
        Path state = data.resolve("watch/vlm.seen");
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        Path late = checkpoint(root, "step-2000", t.plusSeconds(60));
        Path early = checkpoint(root, "step-1000", t);
        checkpoint(root, "step-3000", null); // still being written
        Files.writeString(root.resolve("COMPLETE"), ""); // a file, not a checkpoint directory

        CheckpointWatcher watcher = new CheckpointWatcher(root, "COMPLETE", state);
        assertEquals(List.of(early, late), watcher.newCheckpoints());
        watcher.remember(early);
        assertEquals(List.of(late), watcher.newCheckpoints());

        CheckpointWatcher restarted = new CheckpointWatcher(root, "COMPLETE", state);
        assertEquals(List.of(late), restarted.newCheckpoints(), "what was registered is remembered on disk");
        restarted.remember(late);
        Path third = checkpoint(root, "step-3000", t.plusSeconds(120));
        assertEquals(List.of(third), restarted.newCheckpoints(), "a directory counts once its marker appears");
        assertEquals(List.of("step-1000", "step-2000"), Files.readAllLines(state));
    }
}
