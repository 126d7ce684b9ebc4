package org.ifl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ifl.entities.Entity;
import org.ifl.entities.SurfaceForm;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteSpec;
import org.ifl.producers.Suites;
import org.ifl.producers.internal.suite.artwork.ArtworkReader;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.SceneRenderer;
import org.ifl.referencevlm.data.ArtLexicon;
import org.ifl.referencevlm.data.ArtworkSet;
import org.ifl.referencevlm.eval.ExplanationEvaluation;
import org.ifl.referencevlm.model.ReferenceVlmConfig;

/**
 * The reference VLM's generated artworks as an explanation suite: each artwork drawn as the PNG the model reads,
 * with its title and its complete explanation (the article) in every language it has one in, written in the
 * project's artwork format (docs/suites.md) and read by its {@link ArtworkReader} like any other artwork file. The
 * items are the ones training explained (seen), asked with the project's prompts, as {@code ifl eval-reference
 * --task explanation} asks them offline.
 */
final class ReferenceArtworks {
    static final String DATASET = "reference-artworks";
    static final String FILE_NAME = "reference-artworks.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceArtworks() {
    }

    /** The suite a {@code --suite reference-artworks} spec names; it takes no options. */
    static Suites.Read read(SuiteSpec spec, Path workDir) throws IOException {
        if (!spec.options().isEmpty() || spec.path() != null) {
            throw new InputException(new Origin(Path.of("--suite " + spec), 0).problem("options", DATASET
                    + " is bundled and takes no options"));
        }
        return new Suites.Read(spec, DATASET, read(workDir.resolve(DATASET)));
    }

    /** Draws the images and writes the suite file into {@code dir}, then reads it. */
    static SuiteContents read(Path dir) throws IOException {
        ArtworkSet set = ArtworkSet.standard();
        ArtLexicon lexicon = set.lexicon();
        SceneRenderer renderer = new SceneRenderer(ReferenceVlmConfig.small().imageSize()); // what the model reads
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(Map.of("languages", lexicon.languages())));
        for (Artwork artwork : set.artworks()) {
            String image = artwork.id() + ".png";
            renderer.writePng(artwork, dir.resolve(image));
            Map<String, String> titles = new LinkedHashMap<>();
            Map<String, Object> articles = new LinkedHashMap<>();
            for (String language : artwork.languages()) {
                titles.put(language, lexicon.title(artwork, language));
                articles.put(language, Map.of("text", lexicon.explanation(artwork, language, true),
                        "entities", entities(lexicon.entities(artwork), language)));
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", artwork.id());
            line.put("image", image);
            line.put("titles", titles);
            line.put("articles", articles);
            lines.add(JSON.writeValueAsString(line));
        }
        Path file = dir.resolve(FILE_NAME);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return new ArtworkReader(DATASET).read(file);
    }

    /** The generation budget an explanation query asks for: the longest explanation's bytes and one. */
    static int maxNewTokens() {
        return ExplanationEvaluation.tokensForLongestExplanation(ArtworkSet.standard());
    }

    private static List<Map<String, Object>> entities(List<Entity> entities, String language) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entity e : entities) {
            out.add(Map.of("id", e.id(), "forms", Map.of(language,
                    e.forms(language).stream().map(SurfaceForm::written).toList())));
        }
        return out;
    }
}
