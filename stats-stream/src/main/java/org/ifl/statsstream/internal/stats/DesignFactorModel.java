package org.ifl.statsstream.internal.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The linear probability model of design-factor effects (the IFL paper's Table 4) for a set of checkpoints that
 * differ in registered attributes (the LLM, the vision encoder, the training data's language...):
 *
 * <pre>
 * fidelity = b0 + b1 image + sum over attributes a, non-reference levels v of ( c_av [a = v] + g_av image [a = v] ) + e
 * </pre>
 *
 * one row per answer (checkpoint, item, run, arm TEXT or IMAGE): {@code image} is 1 for the IMAGE arm, {@code [a = v]}
 * is 1 when the answering checkpoint's attribute a is v. Each attribute's reference level is its value in the first
 * checkpoint of the set, so b0 is that checkpoint's text fidelity, b1 its IFL, c_av the effect of the level on text
 * fidelity and g_av its effect on IFL (the paper's interaction terms). Terms are named {@code intercept},
 * {@code image}, {@code a=v} and {@code image:a=v}, in that order. The main effects c_av are in the model because
 * without them a level that changes text fidelity would be read as a change of IFL; they are identifiable whenever
 * the interactions are (an interaction column is its main effect's column times {@code image}). Fitted by
 * {@link ClusteredLeastSquares} with errors clustered by item.
 */
public final class DesignFactorModel {
    public static final String INTERCEPT = "intercept";
    public static final String IMAGE = "image";

    private final List<String> checkpoints;
    private final Map<String, String> reference;
    /** attribute -> its non-reference levels, in the order the checkpoints first show them. */
    private final Map<String, List<String>> levels;
    /** checkpoint -> its values of the chosen attributes. */
    private final Map<String, Map<String, String>> values;
    private final List<String> terms;

    /** One answer: which checkpoint, which item (the cluster), which arm, and its fidelity. */
    public record Answer(String checkpoint, String cluster, boolean image, int fidelity) {
    }

    private DesignFactorModel(List<String> checkpoints, Map<String, String> reference,
            Map<String, List<String>> levels, Map<String, Map<String, String>> values) {
        this.checkpoints = List.copyOf(checkpoints);
        this.reference = reference;
        this.levels = levels;
        this.values = values;
        List<String> t = new ArrayList<>(List.of(INTERCEPT, IMAGE));
        levels.forEach((attribute, ls) -> ls.forEach(v -> t.add(mainTerm(attribute, v))));
        levels.forEach((attribute, ls) -> ls.forEach(v -> t.add(IMAGE + ":" + mainTerm(attribute, v))));
        this.terms = List.copyOf(t);
    }

    /**
     * The model of {@code checkpoints} (the first is the reference) on {@code attributes}; every attribute that all
     * the checkpoints carry and that differs among them when {@code attributes} is empty.
     *
     * @param attributesOf each checkpoint's registered attributes
     * @throws IllegalArgumentException naming what is wrong: fewer than two checkpoints, one named twice or without
     *     attributes, a checkpoint without a named attribute, an attribute with one level, no attribute that differs
     */
    public static DesignFactorModel of(List<String> checkpoints, Map<String, Map<String, String>> attributesOf,
            List<String> attributes) {
        if (checkpoints.size() < 2) {
            throw new IllegalArgumentException("effects compare at least 2 checkpoints, not " + checkpoints);
        }
        if (new LinkedHashSet<>(checkpoints).size() != checkpoints.size()) {
            throw new IllegalArgumentException("checkpoints " + checkpoints + " name one twice");
        }
        for (String c : checkpoints) {
            if (!attributesOf.containsKey(c)) {
                throw new IllegalArgumentException("checkpoint '" + c + "' has no attributes (no registration)");
            }
        }
        List<String> chosen = attributes.isEmpty() ? differing(checkpoints, attributesOf) : List.copyOf(attributes);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no attribute that every one of " + checkpoints + " carries differs "
                    + "among them; their attributes: " + attributesOf);
        }
        Map<String, String> reference = new LinkedHashMap<>();
        Map<String, List<String>> levels = new LinkedHashMap<>();
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (String attribute : chosen) {
            Set<String> seen = new LinkedHashSet<>();
            for (String c : checkpoints) {
                String v = attributesOf.get(c).get(attribute);
                if (v == null) {
                    throw new IllegalArgumentException("checkpoint '" + c + "' has no attribute '" + attribute
                            + "' (it has " + attributesOf.get(c).keySet() + ")");
                }
                seen.add(v);
                values.computeIfAbsent(c, k -> new LinkedHashMap<>()).put(attribute, v);
            }
            if (seen.size() < 2) {
                throw new IllegalArgumentException("attribute '" + attribute + "' is '" + seen.iterator().next()
                        + "' for every one of " + checkpoints + "; an effect needs at least 2 levels");
            }
            List<String> ordered = new ArrayList<>(seen);
            reference.put(attribute, ordered.remove(0));
            levels.put(attribute, ordered);
        }
        return new DesignFactorModel(checkpoints, reference, levels, values);
    }

    private static List<String> differing(List<String> checkpoints, Map<String, Map<String, String>> attributesOf) {
        List<String> out = new ArrayList<>();
        for (String attribute : attributesOf.get(checkpoints.get(0)).keySet().stream().sorted().toList()) {
            Set<String> seen = new LinkedHashSet<>();
            for (String c : checkpoints) {
                seen.add(attributesOf.get(c).get(attribute));
            }
            if (!seen.contains(null) && seen.size() > 1) {
                out.add(attribute);
            }
        }
        return out;
    }

    private static String mainTerm(String attribute, String level) {
        return attribute + "=" + level;
    }

    public List<String> checkpoints() {
        return checkpoints;
    }

    /** The model's columns, in order. */
    public List<String> terms() {
        return terms;
    }

    /** Each attribute's reference level: its value in the first checkpoint. */
    public Map<String, String> reference() {
        return reference;
    }

    /** Each checkpoint's levels of the model's attributes. */
    public Map<String, Map<String, String>> levels() {
        return values;
    }

    /** The design row of an answer of {@code checkpoint} in the TEXT ({@code image} false) or IMAGE arm. */
    public double[] row(String checkpoint, boolean image) {
        Map<String, String> of = values.get(checkpoint);
        if (of == null) {
            throw new IllegalArgumentException("checkpoint '" + checkpoint + "' is not one of " + checkpoints);
        }
        double[] row = new double[terms.size()];
        row[0] = 1;
        row[1] = image ? 1 : 0;
        int dummies = (terms.size() - 2) / 2;
        int j = 2;
        for (Map.Entry<String, List<String>> attribute : levels.entrySet()) {
            for (String level : attribute.getValue()) {
                double is = level.equals(of.get(attribute.getKey())) ? 1 : 0;
                row[j] = is;
                row[j + dummies] = image ? is : 0;
                j++;
            }
        }
        return row;
    }

    /**
     * Fits the model to {@code answers}, errors clustered by {@link Answer#cluster}.
     *
     * @throws IllegalArgumentException from {@link ClusteredLeastSquares#fit}: too few answers or items, or a term
     *     the answers cannot tell apart from the others (named)
     */
    public ClusteredLeastSquares.Fit fit(List<Answer> answers) {
        double[][] x = new double[answers.size()][];
        double[] y = new double[answers.size()];
        List<String> clusters = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            x[i] = row(a.checkpoint(), a.image());
            y[i] = a.fidelity();
            clusters.add(a.cluster());
        }
        return ClusteredLeastSquares.fit(terms, x, y, clusters);
    }
}
