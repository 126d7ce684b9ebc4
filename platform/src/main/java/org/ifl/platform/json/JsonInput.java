package org.ifl.platform.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JSON documents and JSON Lines read into {@link LocatedNode}s that report their problems to a consumer. Text
 * that is not JSON is a problem at the line (and column) where the parser stopped. Trailing content after a
 * value and a key repeated in one object count as malformed: both usually mean a file was cut or merged by hand.
 */
public final class JsonInput {
    /** One mapper for every read: building one per line would cost more than parsing a short line. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private JsonInput() {
    }

    /**
     * A whole file holding one JSON value, every part of which knows the line it starts on; null (and a
     * problem) when the file is not valid JSON.
     */
    public static LocatedNode document(Path file, Consumer<JsonProblem> problems) throws IOException {
        return document(file, Files.readString(file, StandardCharsets.UTF_8), problems);
    }

    /** The same for text already read (a resource), named {@code file} in problems. */
    public static LocatedNode document(Path file, String content, Consumer<JsonProblem> problems) {
        String text = withoutByteOrderMark(content);
        JsonNode root;
        Map<String, Long> lines;
        try {
            root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                problems.accept(new JsonProblem(file, 0, null, "empty: expected a JSON value"));
                return null;
            }
            lines = linesByPointer(text);
        } catch (JsonProcessingException e) {
            problems.accept(syntaxProblem(file, 0, e));
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string fails only on malformed JSON", e);
        }
        return LocatedNode.document(file, root, lines, problems);
    }

    /**
     * The objects of a JSON Lines file, one per non-blank line, each knowing its line. A line that is not JSON,
     * or not an object, is a problem and left out.
     */
    public static List<LocatedNode> lines(Path file, Consumer<JsonProblem> problems) throws IOException {
        List<LocatedNode> objects = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                String text = number == 1 ? withoutByteOrderMark(line) : line;
                if (!text.isBlank()) {
                    LocatedNode object = line(file, number, text, problems);
                    if (object != null) {
                        objects.add(object);
                    }
                }
            }
        }
        return objects;
    }

    /**
     * Line {@code number} of a JSON Lines file, which must hold one object: the object, or null (and a problem)
     * when it is not JSON or not an object. For readers that go through a file line by line themselves.
     */
    public static LocatedNode line(Path file, long number, String text, Consumer<JsonProblem> problems) {
        JsonNode value;
        try {
            value = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            problems.accept(syntaxProblem(file, number, e));
            return null;
        }
        LocatedNode line = LocatedNode.line(file, number, value, problems);
        if (!value.isObject()) {
            problems.accept(new JsonProblem(file, number, null, "expected a JSON object, found " + line.describe()));
            return null;
        }
        return line;
    }

    /** The first non-blank character of a file, or -1: enough to tell JSON Lines from CSV. */
    public static int firstNonBlankChar(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (!Character.isWhitespace(c) && c != BYTE_ORDER_MARK) {
                    return c;
                }
            }
        }
        return -1;
    }

    /** @param lineOfText the line the text is, for JSON Lines; 0 for a document, whose parser counts lines */
    private static JsonProblem syntaxProblem(Path file, long lineOfText, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        long line = lineOfText;
        String column = "";
        if (at != null) {
            if (lineOfText == 0 && at.getLineNr() > 0) {
                line = at.getLineNr();
            }
            if (at.getColumnNr() > 0) {
                column = " at column " + at.getColumnNr();
            }
        }
        String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
        return new JsonProblem(file, line, null, "not valid JSON" + column + ": " + reason);
    }

    /**
     * The line each value of {@code text} starts on, by JSON pointer: a second pass over the tokens, since a
     * tree keeps no locations. Only documents pay for it; a JSON Lines value is on its own line.
     */
    private static Map<String, Long> linesByPointer(String text) throws IOException {
        Map<String, Long> lines = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(),
                            (long) parser.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    private static String withoutByteOrderMark(String s) {
        return !s.isEmpty() && s.charAt(0) == BYTE_ORDER_MARK ? s.substring(1) : s;
    }
}
