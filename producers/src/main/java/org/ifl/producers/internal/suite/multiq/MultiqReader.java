package org.ifl.producers.internal.suite.multiq;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ifl.producers.SuiteContents;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.internal.suite.read.CsvTable;
import org.ifl.producers.internal.suite.read.InputProblems;
import org.ifl.producers.internal.suite.read.ProblemCollectingReader;

/**
 * MultiQ: text-only prompts, one per row of a CSV with the columns {@code id, language, prompt} and optionally
 * {@code domain}. The language may be written as a code ({@code de}, {@code zh-CN}, {@code iw}) or an English
 * name ({@code German}). The same id in several languages is one prompt translated; the item id is that id.
 * Text-only items have no image and no description: they measure fidelity without an image at all.
 */
public final class MultiqReader extends ProblemCollectingReader {
    public static final String DATASET = "multiq";
    private static final String ID = "id";
    private static final String LANGUAGE = "language";
    private static final String PROMPT = "prompt";
    private static final String DOMAIN = "domain";

    public MultiqReader() {
        super(DATASET);
    }

    /** @param path the CSV file */
    @Override
    protected SuiteContents read(Path path, InputProblems problems) throws IOException {
        CsvTable table = CsvTable.readOrThrow(path, problems);
        table.require(problems, ID, LANGUAGE, PROMPT);
        List<SuiteItem> items = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row row : table.rows()) {
            String itemId = row.require(ID, problems);
            String written = row.require(LANGUAGE, problems);
            String prompt = row.require(PROMPT, problems);
            String language = written == null ? null : problems.language(written, row.origin(), LANGUAGE);
            if (itemId == null || language == null) {
                continue;
            }
            Long earlier = seen.putIfAbsent(language + '\u0000' + itemId, row.line());
            if (earlier != null) {
                problems.add(row.problem(ID, "id " + itemId + " again in language " + language
                        + " (first at line " + earlier + ")"));
            } else if (prompt != null) {
                String domain = row.get(DOMAIN);
                items.add(new SuiteItem(DATASET, itemId, language, prompt, null, null, List.of(),
                        domain == null ? Map.of() : Map.of(DOMAIN, domain), null, row.origin()));
            }
        }
        return new SuiteContents(items, List.of());
    }
}
