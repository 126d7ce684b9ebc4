package org.ifl.producers;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.internal.sample.SampleImages;
import org.ifl.producers.internal.suite.Languages;
import org.ifl.producers.internal.suite.SuiteReader;
import org.ifl.producers.internal.suite.read.InputProblems;

/**
 * The sample suite bundled with the producers, for the embedded demo and tests: twelve drawn images
 * ({@link SampleImages}) each asked about in the IFL paper's fourteen languages, so a run needs no download.
 * {@link #read(Path)} takes the folder to draw the images into, not a benchmark's files.
 *
 * <h2>The suite text: {@value #RESOURCE}</h2>
 * One JSON object:
 * <pre>{@code
 * {
 *   "format": "ifl-sample-suite/1",
 *   "items": [
 *     {
 *       "id": "red-circle",              // the item id; unique
 *       "image": "red-circle",           // the SampleImages id of its image
 *       "category": "colour",            // what the answer is: colour, count, object, time, comparison
 *       "languages": {                   // ISO 639-1 code -> the item in that language
 *         "en": {"question": "What colour is ...?", "description": "A large red circle ...", "answers": ["red"]},
 *         ...
 *       }
 *     },
 *     ...
 *   ]
 * }
 * }</pre>
 * {@code question} and {@code description} (what the image shows, sent in its place on the TEXT arm) are
 * required and non-blank; {@code answers} (the short reference answers, in that language, digits included for
 * counts) may be missing or empty. Each language of an item is kept on one line, so an item's {@link Origin} names
 * the line of its language. The category travels as the item's {@code category} attribute.
 */
public final class SampleSuite implements SuiteReader {
    public static final String DATASET = "sample";
    /** The suite text on the class path, and the file its items' origins name. */
    public static final String RESOURCE = "org/ifl/producers/internal/sample/sample-suite.json";
    static final String FORMAT = "ifl-sample-suite/1";

    /** One item in one language, as the suite text gives it; {@code line} is 1-based. */
    record SampleText(String itemId, String imageId, String category, String language, String question,
            String description, List<String> answers, long line) {
    }

    @Override
    public String dataset() {
        return DATASET;
    }

    /**
     * Draws the images into {@code imagesDir} (created if missing) and returns one item per sample item and
     * language, each with its drawn image.
     */
    @Override
    public SuiteContents read(Path imagesDir) throws IOException {
        List<SampleText> texts = texts();
        Map<String, Path> images = SampleImages.writeTo(imagesDir);
        Path file = Path.of(RESOURCE);
        List<SuiteItem> items = texts.stream()
                .map(t -> new SuiteItem(DATASET, t.itemId(), t.language(), t.question(),
                        ImageSource.local(images.get(t.imageId())), t.description(), t.answers(),
                        Map.of("category", t.category()), null, new Origin(file, t.line())))
                .toList();
        return new SuiteContents(items, List.of());
    }

    /** The languages the suite covers, as ISO 639-1 codes in alphabetical order. */
    public static List<String> languages() {
        Set<String> languages = new TreeSet<>();
        texts().forEach(t -> languages.add(t.language()));
        return List.copyOf(languages);
    }

    /**
     * The bundled suite text, item by item and, within an item, in the order its languages are written.
     * Unchecked: it ships in this jar, so failing to read it is a broken build, not bad input.
     */
    static List<SampleText> texts() {
        try (InputStream in = SampleSuite.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sample suite text " + RESOURCE + " is not on the class path");
            }
            return parse(in.readAllBytes(), Path.of(RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a suite text in the format above.
     *
     * @param file what problems name as the file
     * @throws InputException naming every problem's line and field
     */
    static List<SampleText> parse(byte[] json, Path file) {
        InputProblems problems = new InputProblems();
        LocatedNode root = JsonInput.document(file, new String(json, StandardCharsets.UTF_8), problems::add);
        if (root == null || root.required().object() == null) {
            throw problems.exception();
        }
        JsonNode format = root.get("format").node();
        if (format == null || !FORMAT.equals(format.asText())) {
            root.get("format").problem("expected \"" + FORMAT + "\"");
        }
        JsonNode itemsNode = root.get("items").node();
        if (itemsNode == null || !itemsNode.isArray() || itemsNode.isEmpty()) {
            root.get("items").problem("expected a non-empty array of items");
            throw problems.exception();
        }
        List<SampleText> texts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> imageIds = Set.copyOf(SampleImages.ids());
        for (LocatedNode item : root.get("items").array()) {
            String id = item.get("id").required().text();
            String image = item.get("image").required().text();
            String category = item.get("category").required().text();
            if (id != null && !ids.add(id)) {
                item.get("id").problem("item id '" + id + "' appears twice");
            }
            if (image != null && !imageIds.contains(image)) {
                item.get("image").problem("no sample image '" + image + "'; known: " + SampleImages.ids());
            }
            LocatedNode languages = item.get("languages");
            if (languages.node() == null || !languages.node().isObject() || languages.node().isEmpty()) {
                languages.problem("expected an object of languages");
                continue;
            }
            for (String written : languages.fieldNames()) {
                LocatedNode text = languages.get(written);
                Optional<String> language = Languages.normalize(written);
                if (language.isEmpty()) {
                    text.problem("unknown language '" + written + "': expected an ISO 639-1 code");
                }
                String question = text.get("question").required().text();
                String description = text.get("description").required().text();
                List<String> answers = text.get("answers").texts();
                if (id != null && image != null && category != null && language.isPresent() && question != null
                        && description != null) {
                    texts.add(new SampleText(id, image, category, language.get(), question, description,
                            answers == null ? List.of() : answers, text.line()));
                }
            }
        }
        problems.throwIfAny();
        return List.copyOf(texts);
    }
}
