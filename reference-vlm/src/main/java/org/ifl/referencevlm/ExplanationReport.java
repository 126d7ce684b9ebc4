package org.ifl.referencevlm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ifl.entities.EntityScore;
import org.ifl.entities.PatternGap;
import org.ifl.referencevlm.data.ExplanationPattern;

/**
 * The scored explanations of {@link ExplanationEvaluation}, laid out as the artwork study's tables: per alignment
 * setting and metric, a row per language and a column per pattern, and the EN_EN − L_L gap ({@link PatternGap}).
 */
public record ExplanationReport(List<Scored> scored) {

    /** The artwork study's alignment settings: items shared by all ten languages, by at least five, or all. */
    public enum Setting {
        ALIGNMENT_10("Alignment-10"), ALIGNMENT_5("Alignment-5"), FULL("Full");

        private final String label;

        Setting(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The narrowest setting the artwork belongs to. */
        public static Setting of(Artwork artwork, int languages) {
            int n = artwork.languages().size();
            return n >= languages ? ALIGNMENT_10 : n >= 5 ? ALIGNMENT_5 : FULL;
        }

        /** Whether an item of {@code narrowest} setting is counted in this one (Full counts every item). */
        boolean includes(Setting narrowest) {
            return narrowest.ordinal() <= ordinal();
        }
    }

    /** The metrics the study reports, and the figure of each. */
    public enum Metric {
        EC_EXACT("EC exact", EntityScore::coverage),
        EF1("EF1", EntityScore::f1),
        ECOOC("ECooc", EntityScore::cooccurrence);

        private final String label;
        private final Function<EntityScore, Double> figure;

        Metric(String label, Function<EntityScore, Double> figure) {
            this.label = label;
            this.figure = figure;
        }

        public String label() {
            return label;
        }
    }

    /** An artwork asked in one pattern for one of its languages. */
    public record Item(Artwork artwork, String language, ExplanationPattern pattern, Setting setting) {
    }

    public record Scored(Item item, String answer, EntityScore score) {
    }

    /** Per language: the metric's mean and standard error over the pattern's items in the setting (n >= 2). */
    public Map<String, PatternGap.Cell> cells(Metric metric, ExplanationPattern pattern, Setting setting) {
        Map<String, List<Double>> values = new TreeMap<>();
        for (Scored s : scored) {
            Double value = metric.figure.apply(s.score());
            if (s.item().pattern() == pattern && setting.includes(s.item().setting()) && value != null) {
                values.computeIfAbsent(s.item().language(), k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, PatternGap.Cell> cells = new TreeMap<>();
        values.forEach((language, list) -> {
            if (list.size() >= 2) {
                double mean = list.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double ss = list.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
                cells.put(language, new PatternGap.Cell(mean, Math.sqrt(ss / (list.size() - 1) / list.size())));
            }
        });
        return cells;
    }

    /** EN_EN minus L_L for the metric in the setting. */
    public PatternGap gap(Metric metric, Setting setting) {
        return PatternGap.between(cells(metric, ExplanationPattern.EN_EN, setting),
                cells(metric, ExplanationPattern.L_L, setting));
    }

    /** The metric's mean over languages of each pattern's cells, for the summary. */
    public double meanOverLanguages(Metric metric, ExplanationPattern pattern, Setting setting) {
        return cells(metric, pattern, setting).values().stream().mapToDouble(PatternGap.Cell::mean).average()
                .orElse(Double.NaN);
    }

    /** "Clearly above 0": what EN_EN's mean EC exact and EF1 over languages must reach at Full. */
    public static final double ENGLISH_FLOOR = 0.3;
    /** "Most languages": of the nine, how many must have an EN_EN − L_L interval above 0 at Full. */
    public static final int MOST_LANGUAGES = 5;

    /**
     * What the cross-lingual pattern asks of EC exact and EF1 and is not met, in words; empty when it holds: EN_EN
     * clearly above 0 at Full ({@value #ENGLISH_FLOOR}), a gap EN_EN − L_L whose interval is above 0 on average and in
     * at least {@value #MOST_LANGUAGES} languages at Full, and a smaller average gap at Alignment-10 than at Full.
     */
    public List<String> patternProblems() {
        List<String> problems = new ArrayList<>();
        for (Metric metric : List.of(Metric.EC_EXACT, Metric.EF1)) {
            double english = meanOverLanguages(metric, ExplanationPattern.EN_EN, Setting.FULL);
            if (!(english >= ENGLISH_FLOOR)) {
                problems.add(String.format(Locale.ROOT, "%s EN_EN at Full is %.3f, not at least %.1f",
                        metric.label(), english, ENGLISH_FLOOR));
            }
            PatternGap full = gap(metric, Setting.FULL);
            PatternGap aligned = gap(metric, Setting.ALIGNMENT_10);
            if (!(full.low() > 0) || full.aboveZero() < MOST_LANGUAGES) {
                problems.add(metric.label() + " EN_EN − L_L at Full is " + full.describe() + ": not above 0 on "
                        + "average and in at least " + MOST_LANGUAGES + " languages");
            }
            if (!(aligned.mean() < full.mean())) {
                problems.add(metric.label() + " EN_EN − L_L at Alignment-10 (" + aligned.describe()
                        + ") is not smaller than at Full (" + full.describe() + ")");
            }
        }
        return problems;
    }

    /** One table per setting and metric (rows: languages, columns: patterns, in percent), each with its gap line. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        for (Setting setting : List.of(Setting.FULL, Setting.ALIGNMENT_10)) {
            for (Metric metric : Metric.values()) {
                sb.append(String.format(Locale.ROOT, "%n%s, %s (IMAGE arm, mean %% per language)%n%n",
                        metric.label(), setting.label()));
                sb.append("| language | EN_EN | EN_L | L_EN | L_L |\n|---|---|---|---|---|\n");
                Map<ExplanationPattern, Map<String, PatternGap.Cell>> byPattern = new LinkedHashMap<>();
                for (ExplanationPattern p : ExplanationPattern.values()) {
                    byPattern.put(p, cells(metric, p, setting));
                }
                for (String language : byPattern.get(ExplanationPattern.L_L).keySet()) {
                    sb.append("| ").append(language);
                    for (ExplanationPattern p : ExplanationPattern.values()) {
                        PatternGap.Cell cell = byPattern.get(p).get(language);
                        sb.append(cell == null ? " | –" : String.format(Locale.ROOT, " | %.1f", 100 * cell.mean()));
                    }
                    sb.append(" |\n");
                }
                sb.append("| **mean**");
                for (ExplanationPattern p : ExplanationPattern.values()) {
                    sb.append(String.format(Locale.ROOT, " | %.1f", 100 * meanOverLanguages(metric, p, setting)));
                }
                sb.append(" |\n\n").append(metric.label()).append(" EN_EN − L_L (").append(setting.label())
                        .append("): ").append(gap(metric, setting).describe()).append('\n');
            }
        }
        return sb.toString();
    }
}
