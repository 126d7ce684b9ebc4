package org.ifl.referencevlm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ByteTokenizerTest {

    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @ParameterizedTest
    @ValueSource(strings = {
            "There is a red circle.",
            "Ein grünes Dreieck, çà et là: œuvre, Ørsted, Łódź, ñandú",
            "На картинке красный круг.",
            "توجد دائرة حمراء.",
            "יש עיגול אדום.",
            "चित्र में एक लाल वृत्त है।",
            "ছবিতে একটি লাল বৃত্ত আছে।",
            "มีวงกลมสีแดง",
            "画像には赤い円があります。图中有一个红色的圆。빨간 원이 있습니다.",
            "🔴 red circle 👍🏽 👨‍👩‍👧 🇯🇵",
            ""})
    void roundTripsEveryScript(String text) {
        int[] ids = tokenizer.encode(text);
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, ids.length);
        assertEquals(true, Arrays.stream(ids).allMatch(id -> id >= 0 && id < 256));
        assertEquals(text, tokenizer.decode(ids));
    }

    @Test
    void decodeStopsAtEosAndSkipsOtherSpecialTokens() {
        int[] ids = concat(new int[] {ByteTokenizer.IMAGE, ByteTokenizer.BOS}, tokenizer.encode("ok"),
                new int[] {ByteTokenizer.SEP}, tokenizer.encode("да"),
                new int[] {ByteTokenizer.EOS}, tokenizer.encode("junk"), new int[] {ByteTokenizer.PAD});
        assertEquals("okда", tokenizer.decode(ids));
    }

    @Test
    void dropsACharacterCutOffAtTheEnd() {
        int[] thai = tokenizer.encode("มีวง"); // 4 characters of 3 bytes each
        assertEquals("มีว", tokenizer.decode(Arrays.copyOf(thai, 11)));
        assertEquals("มีว", tokenizer.decode(Arrays.copyOf(thai, 10)));
        assertEquals("มีวง", tokenizer.decode(thai));
        int[] emoji = tokenizer.encode("a🔴");
        assertEquals("a", tokenizer.decode(Arrays.copyOf(emoji, 3)));
    }

    @Test
    void replacesInvalidBytesInTheMiddle() {
        int[] ids = concat(tokenizer.encode("a"), new int[] {0xE0, 0xB8}, tokenizer.encode("b"),
                new int[] {0xFF}, tokenizer.encode("c"));
        assertEquals("a\uFFFDb\uFFFDc", tokenizer.decode(ids));
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {ByteTokenizer.VOCAB_SIZE}));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {-1}));
    }

    @Test
    void specialTokensFollowTheBytes() {
        assertEquals(261, tokenizer.vocabularySize());
        assertArrayEquals(new int[] {256, 257, 258, 259, 260}, new int[] {ByteTokenizer.PAD, ByteTokenizer.BOS,
                ByteTokenizer.EOS, ByteTokenizer.IMAGE, ByteTokenizer.SEP});
    }

    @Test
    void imageExampleHasImageTokensFirst() {
        ByteTokenizer.TokenSequence s = tokenizer.withAnswer(tokenizer.imagePrompt("Was?", 3), "Rot.");
        int[] expected = concat(new int[] {ByteTokenizer.IMAGE, ByteTokenizer.IMAGE, ByteTokenizer.IMAGE,
                ByteTokenizer.BOS}, tokenizer.encode("Was?"), new int[] {ByteTokenizer.SEP},
                tokenizer.encode("Rot."), new int[] {ByteTokenizer.EOS});
        assertArrayEquals(expected, s.ids());
        assertEquals(9, s.answerStart());
        assertEquals("<image><image><image><bos>Was?<sep>Rot.<eos>", tokenizer.describe(s.ids()));
    }

    @Test
    void textExampleHasTheDescriptionBeforeTheQuestion() {
        ByteTokenizer.TokenSequence s = tokenizer.withAnswer(
                tokenizer.textPrompt("Ein roter Kreis.", "Was ist zu sehen?"), "Ein roter Kreis.");
        assertEquals("<bos>Ein roter Kreis.\nWas ist zu sehen?<sep>Ein roter Kreis.<eos>",
                tokenizer.describe(s.ids()));
        assertEquals(ByteTokenizer.SEP, s.ids()[s.answerStart() - 1]);
    }

    @Test
    void padsLeftAndRight() {
        List<int[]> rows = List.of(new int[] {1, 2, 3}, new int[] {4});
        ByteTokenizer.PaddedBatch left = ByteTokenizer.leftPad(rows);
        assertArrayEquals(new int[] {ByteTokenizer.PAD, ByteTokenizer.PAD, 4}, left.ids()[1]);
        assertArrayEquals(new int[] {0, 0, 1}, left.mask()[1]);
        assertArrayEquals(new int[] {1, 1, 1}, left.mask()[0]);
        ByteTokenizer.PaddedBatch right = ByteTokenizer.rightPad(rows);
        assertArrayEquals(new int[] {4, ByteTokenizer.PAD, ByteTokenizer.PAD}, right.ids()[1]);
        assertArrayEquals(new int[] {1, 0, 0}, right.mask()[1]);
        assertEquals(2, right.batchSize());
        assertEquals(3, right.length());
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }
}
