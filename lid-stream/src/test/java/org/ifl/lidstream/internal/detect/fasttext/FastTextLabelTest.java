package org.ifl.lidstream.internal.detect.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FastTextLabelTest {

    @Test
    void glotLidLabelsNameACodeAndAScript() {
        assertEquals(new FastTextLabel("deu_Latn", "deu", "Latn"), FastTextLabel.parse("__label__deu_Latn"));
        assertEquals(new FastTextLabel("hin_Deva", "hin", "Deva"), FastTextLabel.parse("__label__hin_Deva"));
        assertEquals(new FastTextLabel("cmn_Hani", "cmn", "Hani"), FastTextLabel.parse("__label__cmn_Hani"));
        assertEquals(new FastTextLabel("zxx_Zxxx", "zxx", "Zxxx"), FastTextLabel.parse("__label__zxx_Zxxx"));
    }

    @Test
    void lid176LabelsNameACodeOnly() {
        assertEquals(new FastTextLabel("de", "de", null), FastTextLabel.parse("__label__de"));
        assertEquals(new FastTextLabel("arz", "arz", null), FastTextLabel.parse("__label__arz"));
        assertEquals(new FastTextLabel("zh", "zh", null), FastTextLabel.parse("__label__zh"));
    }

    @Test
    void aLabelWithoutThePrefixOrWithoutAScriptIsItsOwnCode() {
        assertEquals(new FastTextLabel("deu_Latn", "deu", "Latn"), FastTextLabel.parse("deu_Latn"));
        assertEquals(new FastTextLabel("pt_BR", "pt_BR", null), FastTextLabel.parse("__label__pt_BR"));
        assertEquals(new FastTextLabel("", null, null), FastTextLabel.parse("__label__"));
    }
}
