package org.ifl.lidstream.internal.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishWordsTest {
    private static final int MIN_LINE_TOKENS = 5;

    private static List<String> in(String text) {
        return EnglishWords.in(text, MIN_LINE_TOKENS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            我今天吃了一个apple，很好吃。;                    apple
            图片里有两个红色的 circle 和一个 square。;         circle square
            画像には赤いappleとorangeがあります。;             apple orange
            ในภาพมีวงกลมสีแดง circle สองวง;                    circle
            На картинке два красных circle, большой слева.;    circle
            我们用 Python 和 GPU 训练了模型，速度很快。;        ''
            图片里有 3 个红色的圆，是用 python3 画的。;         ''
            这个文件叫 report.txt，请访问 example.com 下载。;   ''
            请打开 https://example.org/apple/banana 查看详情。; ''
            写信给 apple@example.org 或者看 my_variable 吧。;   ''
            这是 A 和 B 两个点，还有 cat 这个词。;               ''
            这是法语 café 和拼音 nǐhǎo 两个词语。;               ''
            """)
    void englishWordsAreLowerCaseLatinRunsOfFourLettersOrMore(String text, String expected) {
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), in(text));
    }

    @Test
    void codeIsNotProse() {
        String text = "可以这样写代码，函数的名字是 `print` 和 `return`：\n```\nwhile True:\n    print(hello world)\n```\n"
                + "以上就是全部的说明内容了。";
        assertEquals(List.of(), in(text));
    }

    @Test
    void onlyJudgedLinesAreReadUnlessNoneIs() {
        // "hello" stands on a one-token line, which line-level fidelity does not judge: LCB does not read it
        assertEquals(List.of(), in("hello\n图片里有两个红色的圆。大的圆在左边。"));
        assertEquals(List.of("hello"), in("hello 你好"), "an answer with no judged line is read whole");
    }

    @Test
    void eachWordIsListedOnceInOrderAndAtMostTen() {
        assertEquals(List.of("apple", "pear"), in("苹果是apple，梨是pear，苹果还是apple。"));
        String many = "词语：alpha bravo charlie delta echoes foxtrot golf hotel india juliet kilo lima mike。";
        assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echoes", "foxtrot", "golf", "hotel", "india",
                "juliet"), in(many));
    }
}
