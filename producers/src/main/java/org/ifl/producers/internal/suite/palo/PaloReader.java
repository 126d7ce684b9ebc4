package org.ifl.producers.internal.suite.palo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.ifl.producers.internal.suite.read.ImageReference;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.producers.internal.suite.read.ProblemCollectingReader;

/**
 * PALO's multilingual LLaVA-Bench-in-the-wild: a root folder with one folder per language, named in English
 * ({@code english}, {@code chinese}...), each holding the LLaVA-Bench files: the questions
 * ({@code questions.jsonl} or {@code question.jsonl}: {@code question_id, image, text, category}), the image
 * captions ({@code context.jsonl}: {@code image, caption}) and optionally the reference answers
 * ({@code answers_gpt4.jsonl} or {@code answers.jsonl}: {@code question_id, text}). When a language folder has
 * a {@code corrected/} folder with a questions file, that reviewed translation is read instead. The
 * description of an item is the caption of its image in the same language; the image is
 * {@code images/<image>} in the language folder, else in the root.
 */
public final class PaloReader extends ProblemCollectingReader {
    public static final String DATASET = "palo-llava-bench";

    /** PALO's language folders and their codes. */
    static final Map<String, String> LANGUAGE_FOLDERS = languageFolders();

    private static final List<String> QUESTION_FILES = List.of("questions.jsonl", "question.jsonl");
    private static final List<String> CONTEXT_FILES = List.of("context.jsonl");
    private static final List<String> ANSWER_FILES = List.of("answers_gpt4.jsonl", "answers.jsonl");
    private static final String IMAGES = "images";
    private static final String CORRECTED = "corrected";

    public PaloReader() {
        super(DATASET);
    }

    /** @param path the root folder holding the language folders */
    @Override
    protected SuiteContents read(Path path, InputProblems problems) throws IOException {
        if (!Files.isDirectory(path)) {
            throw new InputException(InputProblem.ofFile(path,
                    "expected the folder holding the language folders (" + String.join(", ",
                            LANGUAGE_FOLDERS.keySet()) + ")"));
        }
        List<Path> folders;
        try (Stream<Path> listing = Files.list(path)) {
            folders = listing.filter(Files::isDirectory).filter(PaloReader::isLanguageFolderCandidate).sorted()
                    .toList();
        }
        if (folders.isEmpty()) {
            problems.add(InputProblem.ofFile(path, "no language folder (" + String.join(", ",
                    LANGUAGE_FOLDERS.keySet()) + ")"));
        }
        List<SuiteItem> items = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path folder : folders) {
            String language = LANGUAGE_FOLDERS.get(folder.getFileName().toString().toLowerCase(Locale.ROOT));
            if (language == null) {
                problems.add(InputProblem.ofFile(folder, "unknown language folder '" + folder.getFileName()
                        + "': expected one of " + String.join(", ", LANGUAGE_FOLDERS.keySet())));
                continue;
            }
            new LanguageFolder(path, folder, language, problems).read(items, skipped);
        }
        return new SuiteContents(items, skipped);
    }

    private static boolean isLanguageFolderCandidate(Path folder) {
        String name = folder.getFileName().toString();
        return !name.equals(IMAGES) && !name.startsWith(".") && !name.startsWith("__");
    }

    /**
     * One language's files.
     *
     * @param root     the folder holding the language folders, whose {@code images} folder is searched second
     * @param folder   the language's folder
     * @param language its code
     * @param problems where the problems of every file read go
     */
    private record LanguageFolder(Path root, Path folder, String language, InputProblems problems) {

        void read(List<SuiteItem> items, List<Skipped> skipped) throws IOException {
            Path corrected = folder.resolve(CORRECTED);
            Path files = find(corrected, QUESTION_FILES) != null ? corrected : folder;
            Path questionFile = find(files, QUESTION_FILES);
            Path contextFile = find(files, CONTEXT_FILES);
            if (questionFile == null) {
                problems.add(InputProblem.ofFile(files, "no questions file (" + String.join(" or ", QUESTION_FILES)
                        + ")"));
            }
            if (contextFile == null) {
                problems.add(InputProblem.ofFile(files, "no captions file (" + String.join(" or ", CONTEXT_FILES)
                        + ")"));
            }
            if (questionFile == null || contextFile == null) {
                return;
            }
            Map<String, String> captions = captions(contextFile);
            Path answerFile = find(files, ANSWER_FILES);
            Map<String, String> answers = answerFile == null ? Map.of() : answers(answerFile);
            Map<String, Long> seen = new HashMap<>();
            for (LocatedNode line : JsonInput.lines(questionFile, problems::add)) {
                String itemId = line.get("question_id").required().id();
                String image = line.get("image").required().text();
                String question = line.get("text").required().text();
                String categoryWritten = line.get("category").string();
                String category = categoryWritten == null || categoryWritten.isBlank() ? null : categoryWritten.strip();
                if (itemId == null || image == null || question == null) {
                    continue;
                }
                Long earlier = seen.putIfAbsent(itemId, line.line());
                if (earlier != null) {
                    line.get("question_id").problem("question id " + itemId + " again (first at line "
                            + earlier + ")");
                    continue;
                }
                String caption = captions.get(image);
                ImageSource source = imageFile(image);
                String reason = caption == null ? "no caption for image " + image + " in " + contextFile
                        : source == null ? "image file " + image + " not found in " + folder.resolve(IMAGES)
                                + " or " + root.resolve(IMAGES)
                        : null;
                if (reason != null) {
                    skipped.add(new Skipped(itemId, language, Origin.of(line), reason));
                    continue;
                }
                String answer = answers.get(itemId);
                items.add(new SuiteItem(DATASET, itemId, language, question, source, caption,
                        answer == null ? List.of() : List.of(answer),
                        category == null ? Map.of() : Map.of("category", category), null, Origin.of(line)));
            }
        }

        private Map<String, String> captions(Path file) throws IOException {
            Map<String, String> captions = new HashMap<>();
            Map<String, Long> seen = new HashMap<>();
            for (LocatedNode line : JsonInput.lines(file, problems::add)) {
                String image = line.get("image").required().text();
                String caption = line.get("caption").required().text();
                if (image == null) {
                    continue;
                }
                Long earlier = seen.putIfAbsent(image, line.line());
                if (earlier != null) {
                    line.get("image").problem("image " + image + " again (first at line " + earlier + ")");
                } else if (caption != null) {
                    captions.put(image, caption);
                }
            }
            return captions;
        }

        private Map<String, String> answers(Path file) throws IOException {
            Map<String, String> answers = new HashMap<>();
            for (LocatedNode line : JsonInput.lines(file, problems::add)) {
                String itemId = line.get("question_id").required().id();
                String text = line.get("text").required().text();
                if (itemId != null && text != null) {
                    answers.putIfAbsent(itemId, text);
                }
            }
            return answers;
        }

        private ImageSource imageFile(String image) {
            for (Path images : List.of(folder.resolve(IMAGES), root.resolve(IMAGES))) {
                ImageSource source = ImageReference.resolve(image, images);
                if (ImageReference.missing(source) == null) {
                    return source;
                }
            }
            return null;
        }

        private static Path find(Path folder, List<String> names) {
            return names.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }

    private static Map<String, String> languageFolders() {
        Map<String, String> folders = new LinkedHashMap<>();
        folders.put("english", "en");
        folders.put("chinese", "zh");
        folders.put("spanish", "es");
        folders.put("french", "fr");
        folders.put("russian", "ru");
        folders.put("arabic", "ar");
        folders.put("bengali", "bn");
        folders.put("hindi", "hi");
        folders.put("urdu", "ur");
        folders.put("japanese", "ja");
        return Collections.unmodifiableMap(folders);
    }
}
