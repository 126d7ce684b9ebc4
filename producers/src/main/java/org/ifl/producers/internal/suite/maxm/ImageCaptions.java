package org.ifl.producers.internal.suite.maxm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ifl.platform.json.JsonInput;
import org.ifl.platform.json.LocatedNode;
import org.ifl.producers.internal.suite.Languages;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.InputProblems;

/**
 * Captions of images by image id and language, where MaXM items take the description that stands in for the
 * image. Two layouts are read, told apart by the first character of the file: Crossmodal-3600's
 * {@code captions.jsonl} (one image per line: {@code "image/key"}, and per language code an object whose
 * {@code caption} list holds the captions), or a CSV with the columns {@code image_id, language, caption}. An
 * image with several captions in a language keeps the first.
 */
final class ImageCaptions {
    private static final String JSONL_KEY = "image/key";

    private final Path file;
    private final Map<String, String> captions = new HashMap<>();

    private ImageCaptions(Path file) {
        this.file = file;
    }

    /** The captions, or null when the file is malformed (the problems say why). */
    static ImageCaptions read(Path file, InputProblems problems) throws IOException {
        int before = problems.count();
        ImageCaptions index = new ImageCaptions(file);
        if (JsonInput.firstNonBlankChar(file) == '{') {
            index.readCrossmodalLines(problems);
        } else {
            index.readCsv(problems);
        }
        return problems.count() == before ? index : null;
    }

    Path file() {
        return file;
    }

    Optional<String> caption(String imageId, String language) {
        return Optional.ofNullable(captions.get(key(imageId, language)));
    }

    private void readCrossmodalLines(InputProblems problems) throws IOException {
        Map<String, Long> firstLine = new HashMap<>();
        for (LocatedNode line : JsonInput.lines(file, problems::add)) {
            String imageId = line.get(JSONL_KEY).required().id();
            if (imageId == null) {
                continue;
            }
            Long earlier = firstLine.putIfAbsent(imageId, line.line());
            if (earlier != null) {
                line.get(JSONL_KEY).problem("image " + imageId + " again (first at line " + earlier + ")");
                continue;
            }
            for (String name : line.fieldNames()) {
                // Keys that are no ISO 639-1 code (image/key, three-letter codes like fil) are not languages we ask in.
                Optional<String> language = name.equals(JSONL_KEY) ? Optional.empty() : Languages.normalize(name);
                if (language.isEmpty()) {
                    continue;
                }
                LocatedNode entry = line.get(name);
                if (entry.required().object() == null) {
                    continue;
                }
                LocatedNode caption = entry.get("caption");
                String first = caption.isPresent() && caption.node().isArray()
                        ? firstOf(caption.required().texts())
                        : caption.required().text();
                if (first != null) {
                    captions.putIfAbsent(key(imageId, language.get()), first);
                }
            }
        }
    }

    private void readCsv(InputProblems problems) throws IOException {
        CsvTable table = CsvTable.read(file, problems);
        if (table == null || !table.require(problems, "image_id", "language", "caption")) {
            return;
        }
        for (CsvTable.Row row : table.rows()) {
            String imageId = row.require("image_id", problems);
            String written = row.require("language", problems);
            String caption = row.require("caption", problems);
            String language = written == null ? null : problems.language(written, row.origin(), "language");
            if (imageId != null && language != null && caption != null) {
                captions.putIfAbsent(key(imageId, language), caption);
            }
        }
    }

    private static String firstOf(List<String> texts) {
        return texts == null || texts.isEmpty() ? null : texts.get(0);
    }

    private static String key(String imageId, String language) {
        return imageId + '\u0000' + language;
    }
}
