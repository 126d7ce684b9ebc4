package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ifl.cli.TextTable.Column;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsToTheWidestCellAndAlignsNumbersRight() {
        String text = new TextTable(List.of(Column.left("NAME"), Column.right("N"), Column.left("NOTE")))
                .row("eval.queries", "1,000", "")
                .row("a", "7", "x")
                .render();
        assertEquals("""
                NAME              N  NOTE
                eval.queries  1,000
                a                 7  x
                """, text);
    }

    @Test
    void refusesRowsOfTheWrongLength() {
        TextTable table = new TextTable(List.of(Column.left("A"), Column.left("B")));
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }
}
