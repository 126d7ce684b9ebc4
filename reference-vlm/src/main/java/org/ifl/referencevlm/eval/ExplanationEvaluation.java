package org.ifl.referencevlm.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ifl.entities.Entity;
import org.ifl.entities.EntityScore;
import org.ifl.entities.EntityScorer;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.ExplanationReport;
import org.ifl.referencevlm.ReferenceModel;
import org.ifl.referencevlm.Sampling;
import org.ifl.referencevlm.SceneRenderer;
import org.ifl.referencevlm.data.ArtLexicon;
import org.ifl.referencevlm.data.ArtworkSet;
import org.ifl.referencevlm.data.ExplanationPattern;
import org.ifl.referencevlm.generate.Prompt;
import org.ifl.referencevlm.generate.TextGenerator;
import org.ifl.referencevlm.model.ForwardOptions;

/**
 * The offline explanation check: every generated artwork in every language it has an article in, asked in the four
 * patterns with its image, greedy; each answer scored as lid-stream scores an explanation in the pipeline
 * ({@link EntityScorer}: against the five entities of the artwork, in the answer's expected language, the
 * co-occurring pairs taken from the complete explanation, the lexicon's every entity as the vocabulary).
 */
public final class ExplanationEvaluation {
    /** Prompts generated together: what `ifl eval-reference --task explanation` and the bundled-weights test use. */
    public static final int BATCH = 32;

    private final ReferenceModel model;
    private final ArtworkSet artworks;
    private final int maxNewTokens;
    private final int batchSize;

    public ExplanationEvaluation(ReferenceModel model, ArtworkSet artworks, int maxNewTokens, int batchSize) {
        this.model = model;
        this.artworks = artworks;
        this.maxNewTokens = maxNewTokens;
        this.batchSize = batchSize;
    }

    /** As many new tokens as the longest complete explanation in UTF-8 bytes, and one for the end. */
    public static int tokensForLongestExplanation(ArtworkSet artworks) {
        int longest = 0;
        for (Artwork artwork : artworks.artworks()) {
            for (String language : artworks.lexicon().languages()) {
                longest = Math.max(longest, artworks.lexicon().explanation(artwork, language, true)
                        .getBytes(StandardCharsets.UTF_8).length);
            }
        }
        return longest + 1;
    }

    /** @param progress told after each pattern */
    public ExplanationReport run(Consumer<String> progress) {
        ArtLexicon lexicon = artworks.lexicon();
        EntityScorer scorer = new EntityScorer(lexicon.vocabulary());
        SceneRenderer renderer = new SceneRenderer(model.config().imageSize());
        TextGenerator generator = new TextGenerator(model);
        List<ExplanationReport.Scored> scored = new ArrayList<>();
        for (ExplanationPattern pattern : ExplanationPattern.values()) {
            long start = System.nanoTime();
            List<ExplanationReport.Item> items = new ArrayList<>();
            for (Artwork artwork : artworks.artworks()) {
                for (String language : artwork.otherLanguages()) {
                    items.add(new ExplanationReport.Item(artwork, language, pattern,
                            ExplanationReport.Setting.of(artwork, lexicon.languages().size())));
                }
            }
            for (int from = 0; from < items.size(); from += batchSize) {
                List<ExplanationReport.Item> chunk = items.subList(from, Math.min(items.size(), from + batchSize));
                List<Prompt> prompts = new ArrayList<>();
                for (ExplanationReport.Item item : chunk) {
                    prompts.add(Prompt.withImage(model.tokenizer().imagePrompt(
                            lexicon.prompt(pattern, item.artwork(), item.language()), model.config().numPatches()),
                            renderer.pixels(item.artwork())));
                }
                // Left-padded to the longest prompt: the batch's answers share the positions that leaves.
                int longestPrompt = prompts.stream().mapToInt(p -> p.ids().length).max().orElse(0);
                List<String> answers = generator.generate(prompts, ForwardOptions.none(), Sampling.greedy(),
                        Math.min(maxNewTokens, model.config().maxSequenceLength() - longestPrompt));
                for (int i = 0; i < chunk.size(); i++) {
                    ExplanationReport.Item item = chunk.get(i);
                    scored.add(new ExplanationReport.Scored(item, answers.get(i), score(scorer, item,
                            answers.get(i))));
                }
            }
            progress.accept(String.format("explained %d items in %s in %.1f s", items.size(), pattern,
                    (System.nanoTime() - start) / 1e9));
        }
        return new ExplanationReport(scored);
    }

    private EntityScore score(EntityScorer scorer, ExplanationReport.Item item, String answer) {
        ArtLexicon lexicon = artworks.lexicon();
        String language = item.pattern().outputLanguage(item.language());
        List<Entity> entities = lexicon.entities(item.artwork());
        String reference = lexicon.explanation(item.artwork(), language, true);
        return scorer.score(answer, entities, EntityScorer.cooccurringPairs(reference, entities, language), language);
    }
}
