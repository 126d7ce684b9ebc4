package org.ifl.referencevlm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.ifl.referencevlm.EvaluationItem.Split;
import org.ifl.referencevlm.eval.AnswerForms;
import org.ifl.referencevlm.eval.Arm;

/**
 * The judged answers of one evaluation and the figures the paper reports, per language and on average:
 * {@code F_text}, {@code F_image}, {@code IFL = F_image − F_text}, {@code F_steer}, {@code IFL_remedy = F_steer −
 * F_text} and {@code diff = IFL_remedy − IFL = F_steer − F_image}.
 */
public final class FidelityReport {

    /** Which items a figure is over. */
    public enum Group {
        SEEN(s -> s == Split.SEEN),
        HELD_OUT_COMBINATION(s -> s == Split.HELD_OUT_COMBINATION),
        HELD_OUT_QUESTION(s -> s == Split.HELD_OUT_QUESTION),
        /** Both held-out splits. */
        HELD_OUT(s -> s != Split.SEEN),
        ALL(s -> true);

        private final Predicate<Split> splits;

        Group(Predicate<Split> splits) {
            this.splits = splits;
        }

        public boolean contains(EvaluationItem item) {
            return splits.test(item.split());
        }
    }

    /**
     * One answer, the language it was judged to be in, and whether it is a well-formed answer sentence in the
     * question's language ({@link AnswerForms}).
     */
    public record Judged(EvaluationItem item, Arm arm, String answer, String judgedLanguage, boolean wellFormed) {

        public boolean faithful() {
            return item.expectedLanguage().equals(judgedLanguage);
        }

        /** The very sentence training teaches for this scene in the question's language. */
        public boolean exact() {
            return answer.strip().equals(item.expectedAnswer());
        }
    }

    private final List<Judged> judged;
    private final List<Arm> arms;

    public FidelityReport(List<Judged> judged, List<Arm> arms) {
        this.judged = List.copyOf(judged);
        this.arms = List.copyOf(arms);
    }

    public List<Judged> judged() {
        return judged;
    }

    public List<String> languages() {
        Set<String> languages = new LinkedHashSet<>();
        judged.forEach(j -> languages.add(j.item().language()));
        return new ArrayList<>(languages);
    }

    /** Share of faithful answers of {@code arm} in {@code group} for {@code language} (null: every language). */
    public double fidelity(Group group, String language, Arm arm) {
        return share(group, language, arm, Judged::faithful);
    }

    /** Share of answers that are well-formed sentences in the question's language. */
    public double wellFormed(Group group, String language, Arm arm) {
        return share(group, language, arm, Judged::wellFormed);
    }

    /** Share of answers that are exactly the sentence training teaches for the scene, in the question's language. */
    public double exact(Group group, String language, Arm arm) {
        return share(group, language, arm, Judged::exact);
    }

    private double share(Group group, String language, Arm arm, Predicate<Judged> counted) {
        int n = 0;
        int hits = 0;
        for (Judged j : judged) {
            if (j.arm() == arm && group.contains(j.item()) && (language == null || language.equals(j.item().language()))) {
                n++;
                hits += counted.test(j) ? 1 : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) hits / n;
    }

    /** The per-language mean (every language weighs the same, as the paper averages). */
    public double meanFidelity(Group group, Arm arm) {
        return mean(language -> fidelity(group, language, arm));
    }

    private double mean(ToDoubleFunction<String> perLanguage) {
        double sum = 0;
        int n = 0;
        for (String language : languages()) {
            double f = perLanguage.applyAsDouble(language);
            if (!Double.isNaN(f)) {
                sum += f;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    public double ifl(Group group, String language) {
        return f(group, language, Arm.IMAGE) - f(group, language, Arm.TEXT);
    }

    public double iflRemedy(Group group, String language, Arm steered) {
        return f(group, language, steered) - f(group, language, Arm.TEXT);
    }

    private double f(Group group, String language, Arm arm) {
        return language == null ? meanFidelity(group, arm) : fidelity(group, language, arm);
    }

    /** One table per group: a row per language and the mean. */
    public String markdownTable(Group group) {
        List<Arm> steered = arms.stream().filter(a -> a.pooling() != null).toList();
        StringBuilder sb = new StringBuilder();
        sb.append("| language | F_text | F_image | IFL |");
        for (Arm arm : steered) {
            String p = arm.pooling().name().toLowerCase(Locale.ROOT);
            sb.append(" F_steer (").append(p).append(") | IFL_remedy (").append(p).append(") | diff (").append(p)
                    .append(") |");
        }
        sb.append("\n|---|---|---|---|");
        sb.append("---|---|---|".repeat(steered.size()));
        sb.append('\n');
        List<String> rows = new ArrayList<>(languages());
        rows.add(null);
        for (String language : rows) {
            sb.append("| ").append(language == null ? "**mean**" : language).append(" | ")
                    .append(fmt(f(group, language, Arm.TEXT))).append(" | ")
                    .append(fmt(f(group, language, Arm.IMAGE))).append(" | ")
                    .append(signed(ifl(group, language))).append(" |");
            for (Arm arm : steered) {
                double remedy = iflRemedy(group, language, arm);
                sb.append(' ').append(fmt(f(group, language, arm))).append(" | ").append(signed(remedy)).append(" | ")
                        .append(signed(remedy - ifl(group, language))).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The means of every group in one table. */
    public String markdownSummary() {
        List<Arm> steered = arms.stream().filter(a -> a.pooling() != null).toList();
        StringBuilder sb = new StringBuilder("| items | F_text | F_image | IFL |");
        for (Arm arm : steered) {
            String p = arm.pooling().name().toLowerCase(Locale.ROOT);
            sb.append(" IFL_remedy (").append(p).append(") | diff (").append(p).append(") |");
        }
        sb.append("\n|---|---|---|---|").append("---|---|".repeat(steered.size())).append('\n');
        for (Group group : Group.values()) {
            sb.append("| ").append(group.name()).append(" | ").append(fmt(meanFidelity(group, Arm.TEXT)))
                    .append(" | ").append(fmt(meanFidelity(group, Arm.IMAGE))).append(" | ")
                    .append(signed(ifl(group, null))).append(" |");
            for (Arm arm : steered) {
                double remedy = iflRemedy(group, null, arm);
                sb.append(' ').append(signed(remedy)).append(" | ").append(signed(remedy - ifl(group, null)))
                        .append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Per language, for every arm: the share of answers that are well-formed sentences in the question's language
     * and, after the slash, the share that are exactly the expected sentence (right language and right scene).
     * Fidelity counts an answer by its judged language only; this shows what the faithful answers are.
     */
    public String markdownForms(Group group) {
        StringBuilder sb = new StringBuilder("| language |");
        for (Arm arm : arms) {
            sb.append(' ').append(arm.name()).append(" well-formed / exact |");
        }
        sb.append("\n|---|").append("---|".repeat(arms.size())).append('\n');
        List<String> rows = new ArrayList<>(languages());
        rows.add(null);
        for (String language : rows) {
            sb.append("| ").append(language == null ? "**mean**" : language).append(" |");
            for (Arm arm : arms) {
                double wellFormed = language == null ? mean(l -> wellFormed(group, l, arm))
                        : wellFormed(group, language, arm);
                double exact = language == null ? mean(l -> exact(group, l, arm)) : exact(group, language, arm);
                sb.append(' ').append(fmt(wellFormed)).append(" / ").append(fmt(exact)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.2f", v).replace('-', '−');
    }
}
