package org.ifl.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ifl.producers.suite.InputException;
import org.ifl.producers.suite.InputProblem;
import org.junit.jupiter.api.function.Executable;

/** Finding the fixture files, writing throwaway ones, and checking where a problem is said to be. */
final class ReplayFixtures {
    private ReplayFixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(ReplayFixtures.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path dir, String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static List<InputProblem> problems(Executable read) {
        return assertThrows(InputException.class, read).problems();
    }

    /** The problem at {@code line} naming {@code field}, its printed form starting file:line: field:. */
    static InputProblem problemAt(List<InputProblem> problems, Path file, long line, String field) {
        InputProblem found = problems.stream()
                .filter(p -> p.line() == line && java.util.Objects.equals(p.field(), field))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem at line " + line + ", field " + field + " in "
                        + problems));
        assertEquals(file, found.file());
        String prefix = field == null ? file + ":" + line + ": " : file + ":" + line + ": " + field + ": ";
        assertTrue(found.toString().startsWith(prefix), found::toString);
        return found;
    }
}
