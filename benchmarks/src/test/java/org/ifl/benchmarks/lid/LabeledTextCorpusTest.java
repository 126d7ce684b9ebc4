package org.ifl.benchmarks.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.ifl.benchmarks.lid.LabeledTextCorpus.LabeledText;
import org.ifl.benchmarks.lid.LabeledTextCorpus.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledTextCorpusTest {
    @TempDir
    Path locales;

    @BeforeEach
    void writeCatalogs() throws IOException {
        new MoFileWriter().header("UTF-8")
                .message("Open the file", "Die Datei öffnen")
                .message("Save the file now", "Save the file now") // left untranslated: not German
                .message("Yes", "Ja") // too short
                .plural("%d file deleted", "%d files were deleted", "%d Datei wurde gelöscht",
                        "%d Dateien wurden gelöscht")
                .write(locales.resolve("de/LC_MESSAGES/first.mo"), ByteOrder.LITTLE_ENDIAN);
        new MoFileWriter().header("UTF-8")
                .message("Open", "_Die Datei öffnen") // the same text once cleaned: a repeat
                .write(locales.resolve("de/LC_MESSAGES/second.mo"), ByteOrder.BIG_ENDIAN);
        new MoFileWriter().header("UTF-8")
                .message("Federal Republic of Germany", "Bundesrepublik Deutschland in Europa")
                .write(locales.resolve("de/LC_MESSAGES/iso_3166-1.mo"), ByteOrder.LITTLE_ENDIAN);
        new MoFileWriter().header("UTF-8")
                .message("Cannot open the file", "无法打开文件了")
                .message("Open the file", "打开文件") // too few letters
                .write(locales.resolve("zh_CN/LC_MESSAGES/first.mo"), ByteOrder.LITTLE_ENDIAN);
        new MoFileWriter().header("UTF-8")
                .message("Cannot open the file", "Não foi possível abrir o arquivo")
                .write(locales.resolve("pt_BR/LC_MESSAGES/first.mo"), ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void collectsCleanedDistinctTranslationsPerLanguageAndMsgidsForEnglish() throws IOException {
        LabeledTextCorpus corpus = LabeledTextCorpus.load(locales, List.of("de", "en", "zh", "pt", "fr"), 100, 7);

        List<String> german = texts(corpus, "de");
        assertEquals(new HashSet<>(List.of("Die Datei öffnen", "Datei wurde gelöscht", "Dateien wurden gelöscht")),
                new HashSet<>(german));
        assertEquals(3, german.size());
        assertEquals(new HashSet<>(List.of("Open the file", "Save the file now", "files were deleted",
                "Cannot open the file")), new HashSet<>(texts(corpus, "en")));
        assertEquals(List.of("无法打开文件了"), texts(corpus, "zh"));
        assertEquals(List.of("Não foi possível abrir o arquivo"), texts(corpus, "pt"));
        assertEquals(List.of(), texts(corpus, "fr"));

        assertEquals(List.of("de", "en", "zh", "pt", "fr"), corpus.sources().stream().map(Source::language).toList());
        Source de = corpus.sources().get(0);
        assertEquals(new Source("de", "de", 2, 3, 3, "translations"), de); // iso_3166-1.mo is left out
        assertEquals("zh_CN", corpus.sources().get(2).localeDir());
        assertEquals("pt_BR", corpus.sources().get(3).localeDir()); // no pt/: pt_BR instead
        Source fr = corpus.sources().get(4);
        assertNull(fr.localeDir());
        assertEquals(0, fr.drawn());
        assertEquals("no catalogs under " + locales + " for fr", fr.note());
        // texts come grouped by language, in the order asked for
        assertEquals(List.of("de", "de", "de", "en", "en", "en", "en", "zh", "pt"),
                corpus.texts().stream().map(LabeledText::language).toList());
    }

    @Test
    void drawsAtMostNPerLanguageTheSameForTheSameSeed() throws IOException {
        List<String> first = texts(LabeledTextCorpus.load(locales, List.of("de"), 2, 7), "de");
        assertEquals(2, first.size());
        assertEquals(first, texts(LabeledTextCorpus.load(locales, List.of("de"), 2, 7), "de"));

        List<String> candidates = IntStream.range(0, 100).mapToObj(i -> "text " + i).toList();
        List<String> drawn = LabeledTextCorpus.draw(candidates, 10, 7, "de");
        assertEquals(drawn, LabeledTextCorpus.draw(candidates, 10, 7, "de"));
        assertEquals(10, new HashSet<>(drawn).size());
        assertNotEquals(drawn, LabeledTextCorpus.draw(candidates, 10, 8, "de"));
        assertNotEquals(drawn, LabeledTextCorpus.draw(candidates, 10, 7, "fr"));
        assertEquals(100, LabeledTextCorpus.draw(candidates, 1000, 7, "de").size());
    }

    private static List<String> texts(LabeledTextCorpus corpus, String language) {
        return corpus.texts().stream().filter(t -> t.language().equals(language)).map(LabeledText::text).toList();
    }

    @Test
    void joinsEachLanguagesTextsIntoAnswerLengthLines() {
        List<LabeledTextCorpus.LabeledText> texts = List.of(
                new LabeledTextCorpus.LabeledText("de", "eins zwei drei"),
                new LabeledTextCorpus.LabeledText("fr", "un deux trois"),
                new LabeledTextCorpus.LabeledText("de", "vier fünf sechs"),
                new LabeledTextCorpus.LabeledText("de", "sieben acht"));
        assertEquals(List.of(
                        new LabeledTextCorpus.LabeledText("de", "eins zwei drei\nvier fünf sechs"),
                        new LabeledTextCorpus.LabeledText("fr", "un deux trois"),
                        new LabeledTextCorpus.LabeledText("de", "sieben acht")),
                LabeledTextCorpus.joinedTo(texts, 20));
    }
}
