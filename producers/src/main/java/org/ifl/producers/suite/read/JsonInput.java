package org.ifl.producers.suite.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.suite.InputProblem;

/**
 * JSON documents and JSON Lines files read into {@link LocatedNode}s. Text that is not JSON becomes a problem
 * at the line (and column) where the parser stopped. Trailing content after a value and a key repeated in one
 * object count as malformed: both usually mean a file was cut or merged by hand.
 */
public final class JsonInput {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonInput() {
    }

    /**
     * A whole file holding one JSON value, or null (and a problem) when it is not valid JSON. Every value in
     * it knows the line it starts on.
     */
    public static LocatedNode document(Path file, InputProblems problems) throws IOException {
        return document(file, Files.readString(file, StandardCharsets.UTF_8), problems);
    }

    /**
     * The same for text already read (a resource of the project), named {@code file} in problems, or null
     * (and a problem) when it is not valid JSON.
     */
    public static LocatedNode document(Path file, String content, InputProblems problems) throws IOException {
        String text = withoutByteOrderMark(content);
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(file, 0, e));
            return null;
        }
        if (root == null || root.isMissingNode()) {
            problems.add(InputProblem.ofFile(file, "empty: expected a JSON value"));
            return null;
        }
        return LocatedNode.document(file, root, linesByPointer(text));
    }

    /**
     * The objects of a JSON Lines file, one per non-blank line, each knowing its line. A line that is not JSON,
     * or not an object, is a problem and left out.
     */
    public static List<LocatedNode> lines(Path file, InputProblems problems) throws IOException {
        List<LocatedNode> objects = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (number == 1) {
                    line = withoutByteOrderMark(line);
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonNode value;
                try {
                    value = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    problems.add(syntaxProblem(file, number, e));
                    continue;
                }
                if (!value.isObject()) {
                    problems.add(new InputProblem(file, number, null,
                            "expected a JSON object, found " + LocatedNode.typeOf(value)));
                    continue;
                }
                objects.add(LocatedNode.line(file, number, value));
            }
        }
        return objects;
    }

    /** The first non-blank character of a file, or -1: enough to tell JSON Lines from CSV. */
    public static int firstNonBlankChar(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c;
                }
            }
        }
        return -1;
    }

    private static InputProblem syntaxProblem(Path file, long lineOfText, JsonProcessingException e) {
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
        return new InputProblem(file, line, null, "not valid JSON" + column + ": " + reason);
    }

    private static Map<String, Long> linesByPointer(String text) throws IOException {
        Map<String, Long> lines = new HashMap<>();
        try (JsonParser parser = MAPPER.createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, (long) parser.currentTokenLocation().getLineNr());
            }
        }
        return lines;
    }

    private static String withoutByteOrderMark(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
