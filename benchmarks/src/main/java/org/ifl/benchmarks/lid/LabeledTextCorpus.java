package org.ifl.benchmarks.lid;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ifl.lidstream.LinguaDetector;

/**
 * Texts whose language is known because translators wrote them in it: the translated strings of the
 * gettext message catalogs that Debian packages install under {@code /usr/share/locale/<locale>/LC_MESSAGES}.
 * English comes from the catalogs' msgids, the programs' own English source strings.
 *
 * <p>Each language's strings are cleaned ({@link CatalogText#clean}); what is too short
 * ({@link CatalogText#longEnough}), a translation identical to its msgid (left untranslated), or a repeat
 * is dropped; then up to {@code perLanguage} are drawn at random with a seed, so a seed gives the same corpus
 * on the same machine. The iso-codes catalogs ({@code iso_*.mo}: names of countries, languages, currencies
 * and scripts) are left out: they are names, not sentences, and many are kept in their original form.
 */
public final class LabeledTextCorpus {
    public static final Path DEFAULT_LOCALE_DIR = Path.of("/usr/share/locale");
    public static final int DEFAULT_PER_LANGUAGE = 300;
    public static final String ENGLISH = "en";

    /** Locale directories to read a language from, first found wins; a language not listed uses its code. */
    private static final Map<String, List<String>> LOCALE_DIRS = Map.of(
            "zh", List.of("zh_CN"),
            "pt", List.of("pt", "pt_BR"));

    /** One text and the language it is in (ISO 639-1). */
    public record LabeledText(String language, String text) {
    }

    /**
     * Where one language's texts came from: the locale directory (null where none was found), how many
     * catalogs were read, how many distinct strings passed the filters, and how many were drawn.
     */
    public record Source(String language, String localeDir, int catalogs, int candidates, int drawn, String note) {
    }

    private final List<LabeledText> texts;
    private final List<Source> sources;

    private LabeledTextCorpus(List<LabeledText> texts, List<Source> sources) {
        this.texts = List.copyOf(texts);
        this.sources = List.copyOf(sources);
    }

    /**
     * @param localeDir where the catalogs are ({@code /usr/share/locale} on Debian)
     * @param languages ISO 639-1 codes, in the order their texts come in the corpus
     */
    public static LabeledTextCorpus load(Path localeDir, List<String> languages, int perLanguage, long seed)
            throws IOException {
        if (perLanguage < 1) {
            throw new IllegalArgumentException("perLanguage must be at least 1, not " + perLanguage);
        }
        Map<Path, MessageCatalog> catalogs = new HashMap<>();
        List<LabeledText> texts = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (String language : languages) {
            Source source;
            List<String> candidates;
            if (ENGLISH.equals(language)) {
                // Few catalogs translate into English; their msgids are English already.
                List<Path> files = new ArrayList<>();
                for (String other : LinguaDetector.DEFAULT_LANGUAGES) {
                    Path dir = ENGLISH.equals(other) ? null : localeDirOf(localeDir, other);
                    if (dir != null) {
                        files.addAll(catalogFiles(dir));
                    }
                }
                candidates = englishCandidates(files, catalogs);
                source = new Source(language, localeDir.toString(), files.size(), candidates.size(), 0,
                        files.isEmpty() ? "no catalogs of the other languages to take msgids from"
                                : "msgids of the other languages' catalogs");
            } else {
                Path dir = localeDirOf(localeDir, language);
                if (dir == null) {
                    sources.add(new Source(language, null, 0, 0, 0, "no catalogs under " + localeDir + " for "
                            + String.join(" or ", localeNames(language))));
                    continue;
                }
                List<Path> files = catalogFiles(dir);
                candidates = translatedCandidates(language, files, catalogs);
                source = new Source(language, localeDir.relativize(dir.getParent()).toString(), files.size(),
                        candidates.size(), 0, "translations");
            }
            List<String> drawn = draw(candidates, perLanguage, seed, language);
            drawn.forEach(text -> texts.add(new LabeledText(language, text)));
            sources.add(new Source(source.language(), source.localeDir(), source.catalogs(), source.candidates(),
                    drawn.size(), drawn.isEmpty() && source.catalogs() > 0 ? "no string passed the filters"
                            : source.note()));
        }
        return new LabeledTextCorpus(texts, sources);
    }

    private static List<String> localeNames(String language) {
        return LOCALE_DIRS.getOrDefault(language, List.of(language));
    }

    /** {@code <localeDir>/<locale>/LC_MESSAGES} of the first of the language's locales that has catalogs. */
    private static Path localeDirOf(Path localeDir, String language) throws IOException {
        for (String locale : localeNames(language)) {
            Path dir = localeDir.resolve(locale).resolve("LC_MESSAGES");
            if (Files.isDirectory(dir) && !catalogFiles(dir).isEmpty()) {
                return dir;
            }
        }
        return null;
    }

    /** The directory's {@code .mo} files but the iso-codes ones, by name. */
    static List<Path> catalogFiles(Path dir) throws IOException {
        Set<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.mo")) {
            for (Path file : entries) {
                if (!file.getFileName().toString().startsWith("iso_") && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        return new ArrayList<>(files);
    }

    private static List<String> translatedCandidates(String language, List<Path> files,
            Map<Path, MessageCatalog> catalogs) throws IOException {
        Set<String> kept = new LinkedHashSet<>();
        for (Path file : files) {
            for (MessageCatalog.Message message : catalog(file, catalogs).messages()) {
                for (String form : message.translations()) {
                    if (form.equals(message.msgid()) || form.equals(message.msgidPlural())) {
                        continue; // left untranslated
                    }
                    String text = CatalogText.clean(form);
                    if (CatalogText.longEnough(text, language)) {
                        kept.add(text);
                    }
                }
            }
        }
        return new ArrayList<>(kept);
    }

    private static List<String> englishCandidates(List<Path> files, Map<Path, MessageCatalog> catalogs)
            throws IOException {
        Set<String> seen = new HashSet<>(); // the same msgid comes in every language's catalog of a package
        Set<String> kept = new LinkedHashSet<>();
        for (Path file : files) {
            for (MessageCatalog.Message message : catalog(file, catalogs).messages()) {
                for (String original : new String[] {message.msgid(), message.msgidPlural()}) {
                    if (original != null && seen.add(original)) {
                        String text = CatalogText.clean(original);
                        if (CatalogText.longEnough(text, ENGLISH)) {
                            kept.add(text);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(kept);
    }

    private static MessageCatalog catalog(Path file, Map<Path, MessageCatalog> catalogs) throws IOException {
        MessageCatalog catalog = catalogs.get(file);
        if (catalog == null) {
            catalog = MessageCatalog.read(file);
            catalogs.put(file, catalog);
        }
        return catalog;
    }

    /** Up to {@code n} of the candidates, drawn with a generator seeded by the seed and the language. */
    static List<String> draw(List<String> candidates, int n, long seed, String language) {
        List<String> shuffled = new ArrayList<>(candidates);
        Collections.shuffle(shuffled, new Random(seed * 1_000_003L + language.hashCode()));
        return List.copyOf(shuffled.subList(0, Math.min(n, shuffled.size())));
    }

    /** Every text, grouped by language in the order the languages were asked for. */
    /**
     * Each language's texts joined, one per line and in order, into texts of at least {@code minChars}
     * characters (the last of a language may be shorter): multi-line texts of a model answer's length.
     */
    public static List<LabeledText> joinedTo(List<LabeledText> texts, int minChars) {
        Map<String, StringBuilder> open = new LinkedHashMap<>();
        List<LabeledText> joined = new ArrayList<>();
        for (LabeledText text : texts) {
            StringBuilder answer = open.computeIfAbsent(text.language(), l -> new StringBuilder());
            if (answer.length() > 0) {
                answer.append('\n');
            }
            answer.append(text.text());
            if (answer.length() >= minChars) {
                joined.add(new LabeledText(text.language(), answer.toString()));
                open.remove(text.language());
            }
        }
        open.forEach((language, rest) -> joined.add(new LabeledText(language, rest.toString())));
        return joined;
    }

    public List<LabeledText> texts() {
        return texts;
    }

    /** One entry per language asked for, including those without catalogs. */
    public List<Source> sources() {
        return sources;
    }

    /** Texts per language, in corpus order. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        sources.forEach(s -> counts.put(s.language(), s.drawn()));
        return counts;
    }
}
