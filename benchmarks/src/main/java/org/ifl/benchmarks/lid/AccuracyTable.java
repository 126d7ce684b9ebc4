package org.ifl.benchmarks.lid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.benchmarks.lid.LidBenchmarkResult.Accuracy;
import org.ifl.benchmarks.lid.LidBenchmarkResult.LanguageAccuracy;

/** Counts labels against the language each text is known to be in. */
final class AccuracyTable {
    private final Map<String, Map<String, Integer>> labelsByLanguage = new LinkedHashMap<>();

    /** Keeps the languages' order, so that a language without texts still gets its row, in its place. */
    AccuracyTable(List<String> languages) {
        languages.forEach(language -> labelsByLanguage.put(language, new HashMap<>()));
    }

    void add(String language, String label) {
        labelsByLanguage.computeIfAbsent(language, l -> new HashMap<>()).merge(label, 1, Integer::sum);
    }

    /** Rows in the languages' order; the macro averages leave out languages without texts. */
    Accuracy summarise(int minTexts) {
        List<LanguageAccuracy> rows = new ArrayList<>();
        int texts = 0;
        int correct = 0;
        for (Map.Entry<String, Map<String, Integer>> entry : labelsByLanguage.entrySet()) {
            String language = entry.getKey();
            Map<String, Integer> labels = entry.getValue();
            int n = labels.values().stream().mapToInt(Integer::intValue).sum();
            int right = labels.getOrDefault(language, 0);
            Map.Entry<String, Integer> topWrong = labels.entrySet().stream()
                    .filter(e -> !e.getKey().equals(language))
                    .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElse(null);
            rows.add(new LanguageAccuracy(language, n, right, n == 0 ? Double.NaN : (double) right / n,
                    topWrong == null ? null : topWrong.getKey(), topWrong == null ? 0 : topWrong.getValue()));
            texts += n;
            correct += right;
        }
        return new Accuracy(rows, macro(rows, 1), macro(rows, minTexts), minTexts,
                texts == 0 ? Double.NaN : (double) correct / texts);
    }

    private static double macro(List<LanguageAccuracy> rows, int minTexts) {
        return rows.stream().filter(r -> r.texts() >= minTexts).mapToDouble(LanguageAccuracy::accuracy).average()
                .orElse(Double.NaN);
    }
}
