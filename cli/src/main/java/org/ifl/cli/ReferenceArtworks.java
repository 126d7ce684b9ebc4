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
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteSpec;
import org.ifl.producers.Suites;
import org.ifl.referencevlm.Artwork;
import org.ifl.referencevlm.ArtworkArticles;
import org.ifl.referencevlm.SceneRenderer;

/**
 * The reference VLM's generated artworks as an explanation suite: each artwork drawn as the PNG the model reads,
 * with its title and its complete explanation (the article) in every language it has one in, written in the
 * project's artwork format (docs/suites.md) and read by the producers' artwork reader like any other artwork file.
 * The items are the ones training explained (seen), asked with the project's prompts, as {@code ifl eval-reference
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
        SceneRenderer renderer = new SceneRenderer(ArtworkArticles.imageSize()); // what the model reads
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add(JSON.writeValueAsString(Map.of("languages", ArtworkArticles.languages())));
        for (Artwork artwork : ArtworkArticles.artworks()) {
            String image = artwork.id() + ".png";
            renderer.writePng(artwork, dir.resolve(image));
            Map<String, String> titles = new LinkedHashMap<>();
            Map<String, Object> articles = new LinkedHashMap<>();
            ArtworkArticles.articles(artwork).forEach((language, article) -> {
                titles.put(language, article.title());
                List<Map<String, Object>> entities = new ArrayList<>();
                article.entityForms().forEach((id, forms) -> entities.add(Map.of("id", id,
                        "forms", Map.of(language, forms))));
                articles.put(language, Map.of("text", article.text(), "entities", entities));
            });
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", artwork.id());
            line.put("image", image);
            line.put("titles", titles);
            line.put("articles", articles);
            lines.add(JSON.writeValueAsString(line));
        }
        Path file = dir.resolve(FILE_NAME);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return Suites.readArtworks(DATASET, file);
    }

    /** The generation budget an explanation query asks for: the longest explanation's bytes and one. */
    static int maxNewTokens() {
        return ArtworkArticles.maxNewTokens();
    }
}
