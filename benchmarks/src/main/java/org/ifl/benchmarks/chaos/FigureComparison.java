package org.ifl.benchmarks.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Every figure of two answers of stats-stream's {@code GET /cells}, compared one by one: cells are matched by
 * scope, model, checkpoint, dataset, language and window; a figure is a leaf of a cell's JSON (a number, a text, a
 * true/false or null) named by its path, e.g. {@code image.fidelity.low}. Values must be equal as written: the same
 * input gives the same sums in the same order, so the same doubles. A cell or figure only one side has differs.
 * {@code updatedAt} is left out: it is the wall-clock time of the cell's last change.
 *
 * @param cells cells compared (either side)
 * @param figures figures compared (either side)
 * @param differences every figure that differs
 */
record FigureComparison(long cells, long figures, List<Difference> differences) {
    static final String WALL_CLOCK_FIELD = "updatedAt";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDENTITY = List.of("scope", "model", "checkpoint", "dataset", "language",
            "window");

    /** One figure that differs; a side that lacks it says "absent". */
    record Difference(String cell, String figure, String clean, String chaos) {
        @Override
        public String toString() {
            return cell + " " + figure + ": clean " + clean + ", chaos " + chaos;
        }
    }

    FigureComparison {
        differences = List.copyOf(differences);
    }

    boolean identical() {
        return differences.isEmpty();
    }

    /** Compares the answers of each window; both maps have the same windows. */
    static FigureComparison of(Map<String, String> clean, Map<String, String> chaos) {
        Map<String, Map<String, String>> cleanCells = new LinkedHashMap<>();
        Map<String, Map<String, String>> chaosCells = new LinkedHashMap<>();
        clean.values().forEach(json -> cleanCells.putAll(cells(json)));
        chaos.values().forEach(json -> chaosCells.putAll(cells(json)));
        TreeSet<String> allCells = new TreeSet<>(cleanCells.keySet());
        allCells.addAll(chaosCells.keySet());
        long figures = 0;
        List<Difference> differences = new ArrayList<>();
        for (String cell : allCells) {
            Map<String, String> a = cleanCells.getOrDefault(cell, Map.of());
            Map<String, String> b = chaosCells.getOrDefault(cell, Map.of());
            TreeSet<String> paths = new TreeSet<>(a.keySet());
            paths.addAll(b.keySet());
            for (String path : paths) {
                figures++;
                String x = a.getOrDefault(path, "absent");
                String y = b.getOrDefault(path, "absent");
                if (!Objects.equals(x, y)) {
                    differences.add(new Difference(cell, path, x, y));
                }
            }
        }
        return new FigureComparison(allCells.size(), figures, differences);
    }

    /** The cells of one answer, by identity, each as its figures by path. */
    static Map<String, Map<String, String>> cells(String json) {
        JsonNode answer;
        try {
            answer = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the stats API's /cells answer is not JSON: " + e.getMessage(), e);
        }
        if (!answer.isArray()) {
            throw new IllegalArgumentException("the stats API's /cells answer is not a JSON array: " + shorten(json));
        }
        Map<String, Map<String, String>> cells = new LinkedHashMap<>();
        for (JsonNode cell : answer) {
            StringBuilder identity = new StringBuilder();
            for (String field : IDENTITY) {
                identity.append(identity.length() == 0 ? "" : "|").append(cell.path(field).asText("-"));
            }
            Map<String, String> figures = new LinkedHashMap<>();
            leaves("", cell, figures);
            if (cells.put(identity.toString(), figures) != null) {
                throw new IllegalArgumentException("the stats API's /cells answer has the cell " + identity
                        + " twice");
            }
        }
        return cells;
    }

    private static void leaves(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals(WALL_CLOCK_FIELD)) {
                    leaves(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path, node.toString());
        }
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
