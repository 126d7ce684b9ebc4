package org.ifl.referencevlm.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ifl.referencevlm.AnswerLanguage;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.referencevlm.FidelityReport;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.Sampling;
import org.ifl.referencevlm.SceneRenderer;
import org.ifl.referencevlm.data.Phrasebook;
import org.ifl.referencevlm.generate.Prompt;
import org.ifl.referencevlm.generate.TextGenerator;
import org.ifl.referencevlm.model.ForwardOptions;
import org.ifl.referencevlm.model.ReferenceVlmConfig;
import org.ifl.referencevlm.steer.SteeringVectors;

/**
 * The offline IFL measurement: every evaluation item through every arm, greedy, each answer's language judged by
 * an {@link AnswerLanguage}. Fidelity is the share of answers in the question's language; each answer is also
 * checked against the sentences training teaches ({@link AnswerForms}).
 */
public final class FidelityEvaluation {

    private final ReferenceModel model;
    private final SteeringVectors steering;
    private final AnswerLanguage judge;
    private final EvaluationOptions options;
    private final AnswerForms forms = AnswerForms.of(Phrasebook.standard());

    public FidelityEvaluation(ReferenceModel model, SteeringVectors steering, AnswerLanguage judge,
            EvaluationOptions options) {
        this.model = model;
        this.steering = steering;
        this.judge = judge;
        this.options = options;
    }

    /** @param progress told after each language, e.g. for a log line */
    public FidelityReport run(EvaluationSet set, Consumer<String> progress) {
        ReferenceVlmConfig config = model.config();
        SceneRenderer renderer = new SceneRenderer(config.imageSize());
        TextGenerator generator = new TextGenerator(model);
        Map<String, List<EvaluationItem>> byLanguage = new LinkedHashMap<>();
        for (EvaluationItem item : set.items()) {
            byLanguage.computeIfAbsent(item.language(), k -> new ArrayList<>()).add(item);
        }
        List<FidelityReport.Judged> judged = new ArrayList<>();
        for (Map.Entry<String, List<EvaluationItem>> entry : byLanguage.entrySet()) {
            String language = entry.getKey();
            long start = System.nanoTime();
            for (Arm arm : options.arms()) {
                ForwardOptions hooks = arm.pooling() == null ? ForwardOptions.none()
                        : steering.forLanguage(language, options.steeringLayer(), arm.pooling())
                                .options(options.steeringScale());
                List<EvaluationItem> items = entry.getValue();
                for (int from = 0; from < items.size(); from += options.batchSize()) {
                    List<EvaluationItem> chunk = items.subList(from, Math.min(items.size(), from + options.batchSize()));
                    List<Prompt> prompts = new ArrayList<>();
                    for (EvaluationItem item : chunk) {
                        prompts.add(prompt(item, arm, renderer, config));
                    }
                    List<String> answers = generator.generate(prompts, hooks, Sampling.greedy(),
                            options.maxNewTokens());
                    for (int i = 0; i < chunk.size(); i++) {
                        String answer = answers.get(i);
                        EvaluationItem item = chunk.get(i);
                        judged.add(new FidelityReport.Judged(item, arm, answer, judge.languageOf(answer),
                                forms.wellFormed(item.expectedLanguage(), answer, options.maxNewTokens())));
                    }
                }
            }
            progress.accept(String.format("evaluated %s in %.1f s", language, (System.nanoTime() - start) / 1e9));
        }
        return new FidelityReport(judged, options.arms());
    }

    /** The item as the arm asks it, in the training layouts. */
    public Prompt prompt(EvaluationItem item, Arm arm, SceneRenderer renderer, ReferenceVlmConfig config) {
        if (arm.hasImage()) {
            return Prompt.withImage(model.tokenizer().imagePrompt(item.question(), config.numPatches()),
                    renderer.pixels(item.scene()));
        }
        return Prompt.text(model.tokenizer().textPrompt(item.textPrompt()));
    }
}
