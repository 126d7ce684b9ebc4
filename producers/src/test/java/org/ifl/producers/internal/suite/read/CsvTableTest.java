package org.ifl.producers.internal.suite.read;

import static org.ifl.producers.internal.suite.SuiteFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ifl.producers.internal.suite.InputProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    @Test
    void rowsKnowTheLineTheyStartOnWhateverTheLineEndings() throws IOException {
        Path csv = write(dir.resolve("t.csv"), "\uFEFF id , text\r\n1,\"two\r\nlines\"\r\n\r\n2, padded \r\n3,\n");
        InputProblems problems = new InputProblems();

        CsvTable table = CsvTable.read(csv, problems);

        assertEquals(List.of("id", "text"), table.columns());
        assertEquals(List.of(2L, 5L, 6L), table.rows().stream().map(CsvTable.Row::line).toList());
        assertEquals("two\r\nlines", table.rows().get(0).get("text"));
        assertEquals("padded", table.rows().get(1).get("text"));
        assertNull(table.rows().get(2).get("text"));
        assertEquals(3, table.rows().get(2).number());
        assertEquals(true, problems.isEmpty());
    }

    @Test
    void aRowOfTheWrongWidthAndAColumnNamedTwiceAreProblems() throws IOException {
        Path csv = write(dir.resolve("t.csv"), "id,text,id\n1,a,1\n2,b\n");
        InputProblems problems = new InputProblems();

        CsvTable.read(csv, problems);

        assertEquals(List.of(csv + ":1: id: column named twice (columns 1 and 3)",
                csv + ":3: has 2 cells, the header has 3"),
                problems.exception().problems().stream().map(Object::toString).toList());
    }

    @Test
    void pastTheLimitProblemsAreCounted() {
        InputProblems problems = new InputProblems();
        for (int i = 1; i <= InputProblems.LIMIT + 3; i++) {
            problems.add(new InputProblem(dir, i, "f", "bad"));
        }

        List<InputProblem> listed = problems.exception().problems();

        assertEquals(InputProblems.LIMIT + 1, listed.size());
        assertEquals(dir + ": 3 more problems not listed", listed.get(InputProblems.LIMIT).toString());
    }
}
