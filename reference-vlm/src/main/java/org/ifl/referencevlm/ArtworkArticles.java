package org.ifl.referencevlm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.entities.Entity;
import org.ifl.entities.SurfaceForm;
import org.ifl.referencevlm.data.ArtLexicon;
import org.ifl.referencevlm.data.ArtworkSet;
import org.ifl.referencevlm.data.ExplanationPattern;
import org.ifl.referencevlm.eval.ExplanationEvaluation;
import org.ifl.referencevlm.model.ReferenceVlmConfig;

/**
 * The generated artworks the reference VLM was trained to explain, as an artwork suite states them: for each
 * artwork and language it has an article in, its title, the article (the complete explanation) and the surface
 * forms of the entities the article names. What the command line needs to publish them through the pipeline.
 */
public final class ArtworkArticles {

    /** One language's article on an artwork; {@code entityForms}: entity id to its forms in that language. */
    public record Article(String title, String text, Map<String, List<String>> entityForms) {
    }

    private ArtworkArticles() {
    }

    /** The standard set (ArtworkSet.standard()). */
    public static List<Artwork> artworks() {
        return ArtworkSet.standard().artworks();
    }

    /** The ten languages of the explanations, English first. */
    public static List<String> languages() {
        return ArtLexicon.standard().languages();
    }

    /** The artwork's articles by language, in its own order (English first). */
    public static Map<String, Article> articles(Artwork artwork) {
        ArtLexicon lexicon = ArtLexicon.standard();
        Map<String, Article> articles = new LinkedHashMap<>();
        for (String language : artwork.languages()) {
            Map<String, List<String>> forms = new LinkedHashMap<>();
            for (Entity e : lexicon.entities(artwork)) {
                forms.put(e.id(), e.forms(language).stream().map(SurfaceForm::written).toList());
            }
            articles.put(language, new Article(lexicon.title(artwork, language),
                    lexicon.explanation(artwork, language, true), forms));
        }
        return articles;
    }

    /** The instruction of a pattern (EN_EN, EN_L, L_EN, L_L) for an item in {@code language}, as training asked. */
    public static String prompt(String pattern, Artwork artwork, String language) {
        return ArtLexicon.standard().prompt(ExplanationPattern.valueOf(pattern), artwork, language);
    }

    /** The longest complete explanation in UTF-8 bytes, and one for the end: an explanation query's budget. */
    public static int maxNewTokens() {
        return ExplanationEvaluation.tokensForLongestExplanation(ArtworkSet.standard());
    }

    /** The side of the image the model reads, in pixels: what the artworks are drawn at. */
    public static int imageSize() {
        return ReferenceVlmConfig.small().imageSize();
    }
}
