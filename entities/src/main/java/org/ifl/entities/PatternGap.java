package org.ifl.entities;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much higher an entity metric is under one instruction/output pattern than under another (EN_EN against L_L,
 * the artwork study's main contrast), per language and averaged over languages. Each side of a language is a cell's
 * mean with its standard error; the two cells hold different answers, so the difference's standard error is
 * sqrt(se_a^2 + se_b^2), and the average over k languages has sqrt(sum of those squared) / k. Intervals are mean
 * +- 1.96 standard errors (normal, not Welch's t: with ten or more answers a cell the difference is small, and the
 * average over languages rests on many more).
 *
 * @param languages the languages both patterns have a cell in, in code order
 * @param mean      the unweighted mean of the languages' differences
 */
public record PatternGap(List<LanguageGap> languages, double mean, double low, double high) {
    static final double Z_95 = 1.959963984540054;

    /** A cell's figure: its mean and standard error (0 when every answer scored the same). */
    public record Cell(double mean, double standardError) {
    }

    /** One language's difference, first pattern minus second, with its 95% interval. */
    public record LanguageGap(String language, double difference, double low, double high) {
        public boolean aboveZero() {
            return low > 0;
        }
    }

    /** {@code first} minus {@code second}, cell by cell, over the languages both have; empty when none. */
    public static PatternGap between(Map<String, Cell> first, Map<String, Cell> second) {
        List<LanguageGap> gaps = new ArrayList<>();
        double sum = 0;
        double variance = 0;
        for (Map.Entry<String, Cell> a : new TreeMap<>(first).entrySet()) {
            Cell b = second.get(a.getKey());
            if (b == null) {
                continue;
            }
            double difference = a.getValue().mean() - b.mean();
            double se = Math.sqrt(square(a.getValue().standardError()) + square(b.standardError()));
            gaps.add(new LanguageGap(a.getKey(), difference, difference - Z_95 * se, difference + Z_95 * se));
            sum += difference;
            variance += se * se;
        }
        if (gaps.isEmpty()) {
            return new PatternGap(List.of(), Double.NaN, Double.NaN, Double.NaN);
        }
        int k = gaps.size();
        double mean = sum / k;
        double half = Z_95 * Math.sqrt(variance) / k;
        return new PatternGap(List.copyOf(gaps), mean, mean - half, mean + half);
    }

    /** Languages whose interval lies above 0. */
    public long aboveZero() {
        return languages.stream().filter(LanguageGap::aboveZero).count();
    }

    /** "+23.1 [15.2, 31.0] pp averaged over 9 languages; above 0 in 7 of 9", in percentage points. */
    public String describe() {
        if (languages.isEmpty()) {
            return "no language has both patterns";
        }
        return String.format(Locale.ROOT, "%+.1f [%.1f, %.1f] pp averaged over %d languages; above 0 in %d of %d",
                100 * mean, 100 * low, 100 * high, languages.size(), aboveZero(), languages.size());
    }

    private static double square(double x) {
        return x * x;
    }
}
