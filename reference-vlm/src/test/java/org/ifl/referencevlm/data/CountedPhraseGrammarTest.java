package org.ifl.referencevlm.data;

import static org.ifl.referencevlm.Colour.RED;
import static org.ifl.referencevlm.Shape.CIRCLE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ifl.referencevlm.Colour;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counted noun phrases checked by hand against each language's grammar. */
class CountedPhraseGrammarTest {
    private static final Phrasebook PHRASEBOOK = Phrasebook.standard();

    @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 1 | RED    | CIRCLE   | SUBJECT | one red circle
            en | 3 | RED    | CIRCLE   | OBJECT  | three red circles
            de | 1 | RED    | CIRCLE   | SUBJECT | ein roter Kreis
            de | 1 | RED    | CIRCLE   | OBJECT  | einen roten Kreis
            de | 1 | YELLOW | SQUARE   | OBJECT  | ein gelbes Quadrat
            de | 1 | GREEN  | TRIANGLE | SUBJECT | ein grünes Dreieck
            de | 2 | RED    | CIRCLE   | SUBJECT | zwei rote Kreise
            de | 4 | BLACK  | STAR     | OBJECT  | vier schwarze Sterne
            fr | 1 | GREEN  | STAR     | SUBJECT | une étoile verte
            fr | 2 | BLUE   | STAR     | OBJECT  | deux étoiles bleues
            fr | 3 | BLACK  | SQUARE   | SUBJECT | trois carrés noirs
            fr | 1 | RED    | CIRCLE   | SUBJECT | un cercle rouge
            fr | 4 | YELLOW | TRIANGLE | SUBJECT | quatre triangles jaunes
            es | 1 | YELLOW | STAR     | SUBJECT | una estrella amarilla
            es | 2 | BLUE   | CIRCLE   | SUBJECT | dos círculos azules
            es | 3 | GREEN  | TRIANGLE | OBJECT  | tres triángulos verdes
            es | 4 | BLACK  | STAR     | OBJECT  | cuatro estrellas negras
            es | 1 | BLUE   | STAR     | SUBJECT | una estrella azul
            ro | 1 | BLACK  | STAR     | SUBJECT | o stea neagră
            ro | 2 | RED    | CIRCLE   | SUBJECT | două cercuri roșii
            ro | 1 | BLUE   | SQUARE   | SUBJECT | un pătrat albastru
            ro | 2 | BLUE   | TRIANGLE | OBJECT  | două triunghiuri albastre
            ro | 2 | GREEN  | STAR     | SUBJECT | două stele verzi
            ro | 4 | YELLOW | CIRCLE   | SUBJECT | patru cercuri galbene
            ru | 1 | RED    | CIRCLE   | SUBJECT | один красный круг
            ru | 1 | BLUE   | STAR     | SUBJECT | одна синяя звезда
            ru | 1 | BLUE   | STAR     | OBJECT  | одну синюю звезду
            ru | 2 | RED    | CIRCLE   | SUBJECT | два красных круга
            ru | 2 | RED    | STAR     | SUBJECT | две красные звезды
            ru | 3 | GREEN  | SQUARE   | OBJECT  | три зелёных квадрата
            ru | 4 | YELLOW | TRIANGLE | SUBJECT | четыре жёлтых треугольника
            ru | 4 | BLACK  | STAR     | OBJECT  | четыре чёрные звезды
            ar | 1 | RED    | CIRCLE   | SUBJECT | دائرة حمراء واحدة
            ar | 1 | GREEN  | SQUARE   | SUBJECT | مربع أخضر واحد
            ar | 1 | GREEN  | SQUARE   | OBJECT  | مربعًا أخضر واحدًا
            ar | 2 | RED    | CIRCLE   | SUBJECT | دائرتان حمراوان
            ar | 2 | RED    | CIRCLE   | OBJECT  | دائرتين حمراوين
            ar | 2 | BLUE   | TRIANGLE | SUBJECT | مثلثان أزرقان
            ar | 2 | BLUE   | TRIANGLE | OBJECT  | مثلثين أزرقين
            ar | 3 | BLUE   | SQUARE   | SUBJECT | ثلاثة مربعات زرقاء
            ar | 3 | RED    | CIRCLE   | SUBJECT | ثلاث دوائر حمراء
            ar | 4 | YELLOW | STAR     | OBJECT  | أربع نجوم صفراء
            he | 1 | RED    | CIRCLE   | SUBJECT | עיגול אדום אחד
            he | 2 | BLUE   | STAR     | SUBJECT | שני כוכבים כחולים
            he | 3 | GREEN  | SQUARE   | OBJECT  | שלושה ריבועים ירוקים
            he | 4 | BLACK  | TRIANGLE | SUBJECT | ארבעה משולשים שחורים
            hi | 1 | BLUE   | CIRCLE   | SUBJECT | एक नीला वृत्त
            hi | 2 | BLUE   | STAR     | SUBJECT | दो नीले तारे
            hi | 3 | RED    | SQUARE   | SUBJECT | तीन लाल वर्ग
            hi | 1 | BLACK  | STAR     | SUBJECT | एक काला तारा
            ur | 1 | BLUE   | CIRCLE   | SUBJECT | ایک نیلا دائرہ
            ur | 2 | BLUE   | STAR     | SUBJECT | دو نیلے ستارے
            ur | 4 | RED    | CIRCLE   | SUBJECT | چار سرخ دائرے
            bn | 2 | RED    | CIRCLE   | OBJECT  | দুটি লাল বৃত্ত
            bn | 1 | YELLOW | STAR     | SUBJECT | একটি হলুদ তারা
            ja | 2 | RED    | CIRCLE   | SUBJECT | 赤い円が二つ
            ja | 1 | GREEN  | STAR     | OBJECT  | 緑の星を一つ
            ja | 4 | YELLOW | TRIANGLE | SUBJECT | 黄色い三角形が四つ
            zh | 2 | RED    | CIRCLE   | SUBJECT | 两个红色的圆
            zh | 2 | YELLOW | STAR     | OBJECT  | 两颗黄色的星星
            zh | 1 | BLUE   | SQUARE   | SUBJECT | 一个蓝色的正方形
            th | 2 | RED    | CIRCLE   | SUBJECT | วงกลมสีแดงสองวง
            th | 3 | YELLOW | STAR     | SUBJECT | ดาวสีเหลืองสามดวง
            th | 1 | GREEN  | TRIANGLE | OBJECT  | สามเหลี่ยมสีเขียวหนึ่งรูป
            """)
    void countedPhrase(String language, int count, Colour colour, Shape shape, GrammaticalRole role, String expected) {
        Scene scene = Scene.of(shape, colour, count);
        assertEquals(expected, PHRASEBOOK.language(language).countedPhrase(scene, role));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 1 | description | There is one red circle in the picture.
            en | 2 | description | There are two red circles in the picture.
            en | 2 | answer      | I can see two red circles in the picture.
            de | 1 | description | Auf dem Bild ist ein roter Kreis zu sehen.
            de | 1 | answer      | Ich sehe einen roten Kreis auf dem Bild.
            ru | 2 | answer      | Я вижу на картинке два красных круга.
            ar | 2 | description | في الصورة دائرتان حمراوان.
            ar | 2 | answer      | أرى في الصورة دائرتين حمراوين.
            hi | 1 | description | चित्र में एक लाल वृत्त है।
            hi | 2 | answer      | मुझे चित्र में दो लाल वृत्त दिखाई देते हैं।
            ja | 2 | description | 画像には赤い円が二つあります。
            ja | 2 | answer      | 画像に赤い円が二つ見えます。
            zh | 2 | answer      | 我在图片里看到了两个红色的圆。
            th | 2 | answer      | ฉันเห็นวงกลมสีแดงสองวงในภาพ
            """)
    void sentence(String language, int count, String kind, String expected) {
        Scene scene = Scene.of(CIRCLE, RED, count);
        LanguageTemplates templates = PHRASEBOOK.language(language);
        assertEquals(expected, kind.equals("answer") ? templates.answer(scene) : templates.description(scene));
    }
}
