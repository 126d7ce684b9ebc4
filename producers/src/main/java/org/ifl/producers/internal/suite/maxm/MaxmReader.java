package org.ifl.producers.internal.suite.maxm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.ImageSource;
import org.ifl.producers.InputException;
import org.ifl.producers.Origin;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.internal.suite.InputProblem;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.producers.internal.suite.read.ProblemCollectingReader;

/**
 * MaXM: one JSON file per language ({@code split} is the language, {@code annotations[]} the images, each with
 * its {@code qa_pairs[]}); every question is an item, its id the {@code question_id}. MaXM has no caption, so
 * the description comes from a captions file of the same images (see {@link ImageCaptions}) in the item's
 * language; a question whose image has none there is skipped rather than given a description from elsewhere.
 * The image is {@code images/<image_id>.jpg|.jpeg|.png} beside the JSON file when that exists, else the
 * {@code image_url}.
 */
public final class MaxmReader extends ProblemCollectingReader {
    public static final String DATASET = "maxm";
    private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");
    private static final Pattern FILE_NAME_SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path captions;

    /** @param captions the Crossmodal-3600 {@code captions.jsonl}, or a CSV {@code image_id,language,caption} */
    public MaxmReader(Path captions) {
        super(DATASET);
        this.captions = captions;
    }

    /** @param path a folder of per-language {@code .json} files (read in name order), or one such file */
    @Override
    protected SuiteContents read(Path path, InputProblems problems) throws IOException {
        List<Path> files = questionFiles(path);
        ImageCaptions descriptions = ImageCaptions.read(captions, problems);
        Reading reading = new Reading(descriptions, problems);
        for (Path file : files) {
            reading.readFile(file);
        }
        return new SuiteContents(reading.items, reading.skipped);
    }

    private List<Path> questionFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(path)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new InputException(InputProblem.ofFile(path, "no MaXM .json file in this folder"));
        }
        return files;
    }

    /** The state of one read: what was found so far, and the question ids seen per language. */
    private final class Reading {
        private final ImageCaptions descriptions;
        private final InputProblems problems;
        private final List<SuiteItem> items = new ArrayList<>();
        private final List<Skipped> skipped = new ArrayList<>();
        private final Map<String, Map<String, Origin>> idsByLanguage = new HashMap<>();

        Reading(ImageCaptions descriptions, InputProblems problems) {
            this.descriptions = descriptions;
            this.problems = problems;
        }

        void readFile(Path file) throws IOException {
            LocatedNode root = JsonInput.document(file, problems::add);
            if (root == null || root.required().object() == null) {
                return;
            }
            LocatedNode split = root.get("split");
            String written = split.required().text();
            String language = written == null ? null : problems.language(written, split);
            List<LocatedNode> annotations = root.get("annotations").required().array();
            if (annotations == null) {
                return;
            }
            for (LocatedNode annotation : annotations) {
                if (annotation.required().object() != null) {
                    readAnnotation(file, annotation, language);
                }
            }
        }

        private void readAnnotation(Path file, LocatedNode annotation, String language) {
            String imageId = annotation.get("image_id").required().id();
            // A blank URL is no URL: the image may then be found beside the file.
            String urlWritten = annotation.get("image_url").string();
            String url = urlWritten == null || urlWritten.isBlank() ? null : urlWritten.strip();
            ImageSource image = null;
            if (imageId != null) {
                image = localImage(file.toAbsolutePath().getParent(), imageId)
                        .or(() -> Optional.ofNullable(url).map(ImageSource::remote)).orElse(null);
                if (image == null) {
                    annotation.get("image_url").problem("missing, and no images/" + imageId
                            + ".jpg|.jpeg|.png beside the file");
                }
            }
            List<LocatedNode> pairs = annotation.get("qa_pairs").required().array();
            if (pairs == null) {
                return;
            }
            for (LocatedNode pair : pairs) {
                if (pair.required().object() != null) {
                    readQuestion(pair, language, imageId, image);
                }
            }
        }

        private void readQuestion(LocatedNode pair, String language, String imageId, ImageSource image) {
            String itemId = pair.get("question_id").required().id();
            String question = pair.get("question").required().text();
            List<String> answers = pair.get("answers").required().texts();
            if (itemId != null && language != null) {
                Origin earlier = idsByLanguage.computeIfAbsent(language, l -> new HashMap<>())
                        .putIfAbsent(itemId, Origin.of(pair));
                if (earlier != null) {
                    pair.get("question_id").problem("question id " + itemId + " again in language "
                            + language + " (first at " + earlier + ")");
                    return;
                }
            }
            if (itemId == null || language == null || question == null || answers == null || image == null
                    || descriptions == null) {
                return;
            }
            Optional<String> description = descriptions.caption(imageId, language);
            if (description.isEmpty()) {
                skipped.add(new Skipped(itemId, language, Origin.of(pair), "no description for image " + imageId
                        + " in " + language + " in " + descriptions.file()));
                return;
            }
            items.add(new SuiteItem(DATASET, itemId, language, question, image, description.get(), answers,
                    Map.of("image_id", imageId), null, Origin.of(pair)));
        }
    }

    private static Optional<ImageSource> localImage(Path folder, String imageId) {
        if (folder == null || !FILE_NAME_SAFE.matcher(imageId).matches()) {
            return Optional.empty();
        }
        for (String extension : IMAGE_EXTENSIONS) {
            Path candidate = folder.resolve("images").resolve(imageId + extension);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(ImageSource.local(candidate));
            }
        }
        return Optional.empty();
    }
}
