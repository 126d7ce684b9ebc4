package org.ifl.producers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ifl.producers.sample.SampleImages;
import org.ifl.producers.suite.InputProblem;
import org.ifl.producers.suite.Languages;
import org.ifl.producers.suite.SuiteReader;

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
    public static final String RESOURCE = "org/ifl/producers/sample/sample-suite.json";
    static final String FORMAT = "ifl-sample-suite/1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
    static List<SampleText> parse(byte[] json, Path file) throws IOException {
        Map<String, Long> lines;
        JsonNode root;
        try {
            lines = objectLines(json);
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new InputException(new InputProblem(file, line, null, e.getOriginalMessage()));
        }
        List<InputProblem> problems = new ArrayList<>();
        List<SampleText> texts = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InputException(InputProblem.ofFile(file, "expected a JSON object"));
        }
        Origin whole = new Origin(file, lines.getOrDefault("", 0L));
        if (!FORMAT.equals(root.path("format").asText(null))) {
            problems.add(whole.problem("format", "expected \"" + FORMAT + "\""));
        }
        JsonNode items = root.path("items");
        if (!items.isArray() || items.isEmpty()) {
            problems.add(whole.problem("items", "expected a non-empty array of items"));
            throw new InputException(problems);
        }
        Set<String> ids = new HashSet<>();
        Set<String> imageIds = Set.copyOf(SampleImages.ids());
        for (int i = 0; i < items.size(); i++) {
            String at = "/items/" + i;
            JsonNode item = items.get(i);
            Origin origin = new Origin(file, lines.getOrDefault(at, 0L));
            String field = "items[" + i + "]";
            String id = text(item, "id", origin, field, problems).orElse(null);
            String image = text(item, "image", origin, field, problems).orElse(null);
            String category = text(item, "category", origin, field, problems).orElse(null);
            if (id != null && !ids.add(id)) {
                problems.add(origin.problem(field + ".id", "item id '" + id + "' appears twice"));
            }
            if (image != null && !imageIds.contains(image)) {
                problems.add(origin.problem(field + ".image", "no sample image '" + image + "'; known: "
                        + SampleImages.ids()));
            }
            JsonNode languages = item.path("languages");
            if (!languages.isObject() || languages.isEmpty()) {
                problems.add(origin.problem(field + ".languages", "expected an object of languages"));
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : languages.properties()) {
                String languageField = field + ".languages." + entry.getKey();
                Origin textOrigin = new Origin(file, lines.getOrDefault(at + "/languages/" + entry.getKey(),
                        origin.line()));
                Optional<String> language = Languages.normalize(entry.getKey());
                if (language.isEmpty()) {
                    problems.add(textOrigin.problem(languageField, "unknown language '" + entry.getKey()
                            + "': expected an ISO 639-1 code"));
                }
                JsonNode text = entry.getValue();
                Optional<String> question = text(text, "question", textOrigin, languageField, problems);
                Optional<String> description = text(text, "description", textOrigin, languageField, problems);
                List<String> answers = answers(text, textOrigin, languageField, problems);
                if (id != null && image != null && category != null && language.isPresent()
                        && question.isPresent() && description.isPresent()) {
                    texts.add(new SampleText(id, image, category, language.get(), question.get(),
                            description.get(), answers, textOrigin.line()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return List.copyOf(texts);
    }

    /** The line each JSON object starts on, by its JSON pointer ("" for the root, "/items/0/languages/en"). */
    private static Map<String, Long> objectLines(byte[] json) throws IOException {
        Map<String, Long> lines = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    lines.put(parser.getParsingContext().pathAsPointer().toString(),
                            (long) parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    private static Optional<String> text(JsonNode node, String name, Origin origin, String field,
            List<InputProblem> problems) {
        JsonNode value = node.path(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(origin.problem(field + "." + name, "expected a non-blank string"));
            return Optional.empty();
        }
        return Optional.of(value.asText().strip());
    }

    private static List<String> answers(JsonNode node, Origin origin, String field, List<InputProblem> problems) {
        JsonNode answers = node.path("answers");
        if (answers.isMissingNode() || answers.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (answers.isArray()) {
            for (JsonNode answer : answers) {
                if (answer.isTextual() && !answer.asText().isBlank()) {
                    out.add(answer.asText().strip());
                    continue;
                }
                problems.add(origin.problem(field + ".answers", "expected non-blank strings, found " + answer));
                return List.of();
            }
            return out;
        }
        problems.add(origin.problem(field + ".answers", "expected an array of strings"));
        return List.of();
    }
}
