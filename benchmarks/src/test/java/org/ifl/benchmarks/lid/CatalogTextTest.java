package org.ifl.benchmarks.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogTextTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # rule                        | catalog string                                  | cleaned
            printf                        | Cannot open %s: %d errors                       | Cannot open : errors
            printf, positional            | %2$s ist größer als %1$s                        | ist größer als
            printf, flags width precision | %-10s %08.3f %lu %zu %'d %*d %.*s done          | done
            printf, sysdep segment        | read %<PRIu64> bytes                            | read bytes
            literal percent               | 100%% complete                                  | 100% complete
            no space flag (French)        | 50 % de la taille                               | 50 % de la taille
            Python named                  | %(count)d fichiers dans %(dir)s                 | fichiers dans
            Qt positional                 | Datei %1 nach %2 kopieren                       | Datei nach kopieren
            braces                        | Copying {0} to {target} ({1:d} of {}) ${HOME}   | Copying to ( of )
            GTK accelerator               | _Datei öffnen                                   | Datei öffnen
            GTK accelerator inside a word | Ma_ximieren des Fensters                        | Maximieren des Fensters
            identifier underscores stay   | use __tls_get_addr here                         | use __tls_get_addr here
            Qt accelerator                | &Fichier récent                                 | Fichier récent
            CJK bracketed accelerator     | ファイルを開く(_O)                              | ファイルを開く
            CJK full-width brackets       | 文件（&F）                                      | 文件
            markup                        | <b>Warning:</b> the <a href="x">link</a> broke | Warning: the link broke
            entities, after accelerators  | Drag &amp; drop &lt;here&gt; &#233;t&#xE9;     | Drag & drop <here> été
            """)
    void cleansWhatAReaderWouldNotSee(String rule, String catalogString, String cleaned) {
        assertEquals(cleaned, CatalogText.clean(catalogString), rule);
    }

    @Test
    void collapsesWhitespaceSeparatorsAndControlCharactersIntoSingleSpaces() {
        assertEquals("line one line two end", CatalogText.clean("  line one\nline\u00a0two\t\r\n end\u2028 \u0007"));
    }

    @ParameterizedTest(name = "[{index}] {1} \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Datei öffnen                | de | false
            Die Datei öffnen            | de | true
            2 3 4 Dateien gelöscht      | de | false
            ファイルを開く               | ja | true
            開く: 123 %                 | ja | false
            打开文件失败                 | zh | true
            打开文件                     | zh | false
            ไม่สามารถปิดแฟ้ม              | th | true
            """)
    void needsThreeWordsOrSixLettersWhereWordsAreNotSpaced(String text, String language, boolean longEnough) {
        assertEquals(longEnough, CatalogText.longEnough(text, language), text);
    }
}
