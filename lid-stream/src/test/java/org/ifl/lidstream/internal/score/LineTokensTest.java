package org.ifl.lidstream.internal.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineTokensTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            There are two red circles.;  5
            '  two   words  ';           2
            这是一只猫;                    5
            猫;                            1
            これはペンです;               7
            Das ist 东京 gut;             5
            นี่คือแมว;                     6
            '';                            0
            '1, 2, 3!';                   3
            """)
    void countsWordsAndEachUnspacedCharacter(String line, int tokens) {
        assertEquals(tokens, LineTokens.count(line));
    }

    @Test
    void onlyLinesOfAtLeastFiveTokensAreJudged() {
        String text = "Short line.\nThis line has exactly five.\n\n  这是一只猫  \r\nOK";
        assertEquals(List.of("This line has exactly five.", "这是一只猫"), LineTokens.judgedLines(text, 5));
    }
}
