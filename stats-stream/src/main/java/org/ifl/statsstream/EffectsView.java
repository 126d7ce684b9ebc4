package org.ifl.statsstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /effects}: design-factor effects of a set of checkpoints of a model (the IFL paper's Table 4), one fit
 * per language, from the item outcomes as they stand. {@code reference} names each attribute's reference level (its
 * value in the first checkpoint), {@code levels} each checkpoint's values of the attributes in the model,
 * {@code terms} the model's columns in order. Every field is in the JSON, null where absent.
 *
 * @param dataset null when the fit pools every dataset (items are then clustered as dataset|item)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EffectsView(String model, List<String> checkpoints, String dataset, Map<String, String> reference,
        Map<String, Map<String, String>> levels, List<String> terms, List<LanguageFit> fits) {

    /**
     * The model fitted to one language's answers: {@code rows} answers (checkpoint, item, run, arm), {@code clusters}
     * items, each term's estimate; or, when the answers cannot fit it, no estimates and {@code refused} saying why
     * (e.g. the term that cannot be told apart from the others).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LanguageFit(String language, long rows, int clusters, String method, List<TermEstimate> estimates,
            String refused) {
    }

    /**
     * One coefficient with its cluster-robust standard error and 95% interval (estimate +- 1.96 se). {@code kind}:
     * {@code intercept} (the reference checkpoint's TEXT fidelity), {@code image} (its IFL), {@code fidelity} (an
     * attribute level's effect on TEXT fidelity), {@code ifl} (its effect on IFL).
     */
    public record TermEstimate(String term, String kind, double estimate, double se, double low, double high) {
    }
}
