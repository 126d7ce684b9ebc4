package org.ifl.producers.internal.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.ifl.producers.InputException;
import org.ifl.producers.ReplayDefaults;
import org.ifl.producers.internal.suite.InputProblem;

/** A replay file's text and what is derived from the whole of it: its default run id and fallback time. */
record ReplayFile(Path path, String text, String contentRunId, Instant lastModified) {

    static ReplayFile read(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputException(InputProblem.ofFile(path, "not UTF-8 text: " + e.getMessage()));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Instant modified = Files.getLastModifiedTime(path).toInstant().truncatedTo(ChronoUnit.MILLIS);
        return new ReplayFile(path, text, ReplayIds.runIdOf(bytes), modified);
    }

    String runId(ReplayDefaults defaults) {
        return defaults.runId() != null ? defaults.runId() : contentRunId;
    }

    /** Where the file has no times: the command line's, else the file's last-modified time. */
    Instant fallbackTime(ReplayDefaults defaults) {
        return defaults.fallbackTime() != null ? defaults.fallbackTime().truncatedTo(ChronoUnit.MILLIS)
                : lastModified;
    }
}
