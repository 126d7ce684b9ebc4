package org.ifl.lidstream.internal.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageNormaliserTest {
    private final LanguageNormaliser normaliser = LanguageNormaliser.withDefaultLatinLanguages();

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = ';', nullValues = "NULL", textBlock = """
            # code; label script; text; expected
            zh;   NULL; 这是一只红色的猫。;                          zh
            ja;   NULL; これは赤い猫です。;                          ja
            ja;   NULL; 日本語;                                      ja
            zh;   NULL; 東京の天気は晴れです。;                      ja
            hi;   NULL; यह एक लाल बिल्ली है।;                        hi
            mr;   NULL; हे एक लाल मांजर आहे.;                         hi
            bn;   NULL; এটি একটি লাল বিড়াল।;                       bn
            he;   NULL; זה חתול אדום.;                              he
            th;   NULL; นี่คือแมวสีแดง;                              th
            ru;   NULL; Это красная кошка.;                          ru
            uk;   NULL; Це червоний кіт.;                           ru
            ar;   NULL; هذه قطة حمراء.;                              ar
            fa;   NULL; این یک گربه قرمز است.;                       ar
            ur;   NULL; یہ ایک سرخ بلی ہے۔;                          ur
            urd;  NULL; یہ ایک سرخ بلی ہے۔;                          ur
            ko;   NULL; 이것은 빨간 고양이입니다.;                    ko
            de;   NULL; Das ist eine rote Katze.;                    de
            deu;  Latn; Das ist eine rote Katze.;                    de
            eng;  Latn; This is a red cat.;                          en
            ron;  Latn; Aceasta este o pisică roșie.;                ro
            nl;   NULL; Dit is een rode kat.;                        other_latin
            nld;  Latn; Dit is een rode kat.;                        other_latin
            el;   NULL; Αυτή είναι μια κόκκινη γάτα.;                other
            en;   NULL; 12345 67.89;                                 none
            en;   NULL; '!!! ... ???';                               none
            en;   NULL; 🙂🙂👍;                                       none
            NULL; NULL; ;                                            none
            NULL; NULL; Das ist eine rote Katze.;                    none
            zho;  Hani; 这是一只猫;                                   zh
            jpn;  Jpan; これは猫です;                                 ja
            en;   NULL; 这是一只红色的猫 (a red cat);                 zh
            ru;   NULL; This is a cat, Это кошка, это красная кошка.; ru
            en;   NULL; Это кошка. This is a cat and it is red.;     en
            ko;   NULL; /dev/null 열기 실패;                          ko
            hi;   NULL; PrintDlgEx में अवैध तर्क;                     hi
            zh;   NULL; 无法打开文件 /usr/share/locale;                 zh
            zh;   NULL; 无法打开 /usr/share/locale/zh_CN/LC_MESSAGES;  other_latin
            ja;   NULL; ファイル README.txt を開けません;              ja
            ko;   NULL; Cannot open the file /dev/null, error 열;     other_latin
            ru;   NULL; This is a cat, Это кошка, это красная кошка.; ru
            """)
    void collapsesByScriptFirstThenByCode(String code, String script, String text, String expected) {
        assertEquals(expected, normaliser.normalise(code, script, text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            これは赤い猫です;       JAPANESE
            東京の天気は晴れです;   JAPANESE
            东京的天气很好;         HAN
            Das ist 1 Katze;       LATIN
            123 !? 🙂;             NONE
            """)
    void dominantScriptCountsLettersOnly(String text, TextScript expected) {
        assertEquals(expected, TextScript.dominant(text));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "NULL", textBlock = """
            zh, true
            ja, true
            th, true
            ur, true
            ru, true
            de, false
            en, false
            vi, false
            NULL, false
            """)
    void wordLevelConfusionIsJudgedForTheNonLatinScriptLanguagesOnly(String language, boolean nonLatin) {
        assertEquals(nonLatin, normaliser.writtenInNonLatinScript(language));
    }
}
