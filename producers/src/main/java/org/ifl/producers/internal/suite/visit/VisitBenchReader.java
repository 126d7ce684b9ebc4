package org.ifl.producers.internal.suite.visit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.ImageSource;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.internal.suite.Languages;
import org.ifl.producers.internal.suite.Skipped;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.ImageReference;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.producers.internal.suite.read.ProblemCollectingReader;

/**
 * VisIT-Bench: a CSV with one instruction per row. Read columns: {@code instruction}; the image in
 * {@code image_url}, else {@code images} (a URL or path, or a bracketed list of them); the description in
 * {@code instruction_conditioned_caption}, else {@code image_dense_caption}; reference answer
 * {@code reference_output} and attribute {@code instruction_category} when present. The item id is the
 * {@code instruction_id} or {@code id} column; without one, {@code <image_id>-<k>} for the k-th instruction on
 * an image when there is an {@code image_id} column, else the row number. All items are in the language given
 * to the reader (the benchmark is English; translations are read with their own code).
 */
public final class VisitBenchReader extends ProblemCollectingReader {
    public static final String DATASET = "visit-bench";
    private static final String INSTRUCTION = "instruction";
    private static final String[] IMAGE_COLUMNS = {"image_url", "images"};
    private static final String[] DESCRIPTION_COLUMNS = {"instruction_conditioned_caption", "image_dense_caption"};
    private static final String[] ID_COLUMNS = {"instruction_id", "id"};
    private static final String IMAGE_ID = "image_id";
    private static final String REFERENCE_OUTPUT = "reference_output";
    private static final String CATEGORY = "instruction_category";

    private final String language;

    public VisitBenchReader() {
        this("en");
    }

    /** @param language the language of the file's instructions: an ISO 639-1 code or an English name */
    public VisitBenchReader(String language) {
        super(DATASET);
        this.language = Languages.normalize(language)
                .orElseThrow(() -> new IllegalArgumentException("unknown language '" + language + "'"));
    }

    /** @param path the CSV file */
    @Override
    protected SuiteContents read(Path path, InputProblems problems) throws IOException {
        CsvTable table = CsvTable.readOrThrow(path, problems);
        table.require(problems, INSTRUCTION);
        String imageColumn = table.requireOneOf(problems, IMAGE_COLUMNS);
        table.requireOneOf(problems, DESCRIPTION_COLUMNS);
        String idColumn = table.firstOf(ID_COLUMNS);
        Path folder = path.toAbsolutePath().getParent();

        List<SuiteItem> items = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        Map<String, Integer> instructionsPerImage = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String itemId;
            if (idColumn != null) {
                itemId = row.require(idColumn, problems);
            } else if (table.has(IMAGE_ID)) {
                String imageId = row.require(IMAGE_ID, problems);
                itemId = imageId == null ? null : imageId + "-" + instructionsPerImage.merge(imageId, 1, Integer::sum);
            } else {
                itemId = String.valueOf(row.number());
            }
            String instruction = row.require(INSTRUCTION, problems);
            String imageCell = imageColumn == null ? null : row.require(imageColumn, problems);
            List<String> images = imageCell == null ? null : imageList(imageCell);
            if (images != null && images.isEmpty()) {
                problems.add(row.problem(imageColumn, "empty list"));
            }
            if (itemId != null) {
                Long earlier = seen.putIfAbsent(itemId, row.line());
                if (earlier != null) {
                    problems.add(row.problem(idColumn != null ? idColumn : IMAGE_ID, "item id " + itemId
                            + " again (first at line " + earlier + ")"));
                    continue;
                }
            }
            if (itemId == null || instruction == null || images == null || images.isEmpty()) {
                continue;
            }
            String description = Arrays.stream(DESCRIPTION_COLUMNS).map(row::get).filter(d -> d != null)
                    .findFirst().orElse(null);
            ImageSource image = ImageReference.resolve(images.get(0), folder);
            String reason = description == null ? "no description (" + String.join(" and ", DESCRIPTION_COLUMNS)
                    + " empty)"
                    : images.size() > 1 ? images.size() + " images; only single-image items are asked"
                    : ImageReference.missing(image);
            if (reason != null) {
                skipped.add(new Skipped(itemId, language, row.origin(), reason));
                continue;
            }
            String reference = row.get(REFERENCE_OUTPUT);
            String category = row.get(CATEGORY);
            items.add(new SuiteItem(DATASET, itemId, language, instruction, image, description,
                    reference == null ? List.of() : List.of(reference),
                    category == null ? Map.of() : Map.of(CATEGORY, category), null, row.origin()));
        }
        return new SuiteContents(items, skipped);
    }

    /** The images a cell names: one reference, or a bracketed list of quoted ones ({@code ['a.jpg', 'b.jpg']}). */
    static List<String> imageList(String cell) {
        if (!cell.startsWith("[")) {
            return List.of(cell);
        }
        String inside = cell.substring(1, cell.endsWith("]") ? cell.length() - 1 : cell.length());
        return Arrays.stream(inside.split(","))
                .map(s -> s.strip().replaceAll("^[\"']|[\"']$", "").strip())
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
