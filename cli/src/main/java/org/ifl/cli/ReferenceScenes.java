package org.ifl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ifl.producers.ImageSource;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.SuiteSpec;
import org.ifl.producers.Suites;
import org.ifl.referencevlm.EvaluationItem;
import org.ifl.referencevlm.EvaluationSet;
import org.ifl.referencevlm.Scene;
import org.ifl.referencevlm.SceneRenderer;

/**
 * The reference VLM's own evaluation scenes as a suite: the items {@code ifl eval-reference} asks (EvaluationSet,
 * one split), each scene drawn as the PNG the model reads, its description and question in each of the 14
 * languages. Published through Kafka, they give the figures of the model card by the product's own path.
 */
final class ReferenceScenes {
    static final String DATASET = "reference-scenes";

    private ReferenceScenes() {
    }

    /**
     * The suite a {@code --suite reference-scenes[,languages=de:zh]} spec names: the seen split, in the listed
     * languages only when {@code languages} is given, its images drawn into {@code <workDir>/reference-scenes}.
     */
    static Suites.Read read(SuiteSpec spec, Path workDir) throws IOException {
        Origin where = new Origin(Path.of("--suite " + spec), 0);
        Set<String> unknown = new TreeSet<>(spec.options().keySet());
        unknown.remove("languages");
        if (!unknown.isEmpty() || spec.path() != null) {
            throw new InputException(where.problem("options", DATASET + " is bundled and takes only languages="
                    + "L1:L2..., not " + (unknown.isEmpty() ? "a path" : unknown)));
        }
        SuiteContents all = read(EvaluationItem.Split.SEEN, workDir.resolve(DATASET));
        String languages = spec.options().get("languages");
        if (languages == null) {
            return new Suites.Read(spec, DATASET, all);
        }
        Set<String> wanted = new TreeSet<>(List.of(languages.split(":")));
        Set<String> known = new TreeSet<>();
        all.items().forEach(i -> known.add(i.language()));
        if (!known.containsAll(wanted)) {
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(known);
            throw new InputException(where.problem("languages", DATASET + " has no items in " + missing
                    + "; its languages are " + known));
        }
        return new Suites.Read(spec, DATASET, new SuiteContents(all.items().stream()
                .filter(i -> wanted.contains(i.language())).toList(), all.skipped()));
    }

    /** The items of {@code split}, their images drawn into {@code imagesDir} (created if missing). */
    static SuiteContents read(EvaluationItem.Split split, Path imagesDir) throws IOException {
        Files.createDirectories(imagesDir);
        SceneRenderer renderer = new SceneRenderer();
        Map<Scene, Path> drawn = new HashMap<>();
        Map<String, Integer> perLanguage = new HashMap<>();
        List<SuiteItem> items = new ArrayList<>();
        Path origin = Path.of("EvaluationSet.standard()");
        for (EvaluationItem item : EvaluationSet.standard().items(split)) {
            Path image = drawn.get(item.scene());
            if (image == null) {
                image = imagesDir.resolve(String.format(Locale.ROOT, "%d-%s-%s-%d.png", item.scene().count(),
                        item.scene().colour().id(), item.scene().shape().id(), item.scene().layout()));
                renderer.writePng(item.scene(), image);
                drawn.put(item.scene(), image);
            }
            int index = perLanguage.merge(item.language(), 1, Integer::sum);
            String itemId = String.format(Locale.ROOT, "%s-%02d", split.name().toLowerCase(Locale.ROOT), index);
            items.add(new SuiteItem(DATASET, itemId, item.language(), item.question(), ImageSource.local(image),
                    item.description(), List.of(item.expectedAnswer()), Map.of("scene", item.scene().toString()),
                    null, new Origin(origin, index)));
        }
        return new SuiteContents(items, List.of());
    }
}
