package org.ifl.cli;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.ifl.cli.TextTable.Column;
import org.ifl.cli.report.EffectsTable;
import org.ifl.cli.report.EntityTables;
import org.ifl.cli.report.FigureTable;
import org.ifl.cli.report.PaperTable;
import org.ifl.platform.CauseChain;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.EffectsView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.SummaryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl report}: a checkpoint's IFL table or entity tables, as in the paper, from the stats service. */
@Command(name = "report",
        description = {
            "Prints the IFL table of a model's checkpoint, or its entity tables, laid out as in the IFL paper.",
            "",
            "Reads the cumulative figures of every (dataset, language) cell and their summaries from the stats "
                    + "service (`ifl stats`) at --url, else at the address a service running with --data-dir left "
                    + "there, else at http://127.0.0.1:8470. One row per cell; after each dataset its unweighted "
                    + "average and its pooled row, at the end the same over all datasets. Fidelities, IFL, "
                    + "IFL+remedy and diff in percentage points with their 95%% intervals; csv and json give "
                    + "fractions. Each row says its answers counted of those its published queries expect; a "
                    + "partial row (fewer counted) is marked *. Where experts labelled answers, the DSL "
                    + "fidelities, IFL and IFL+remedy (debiased with their language labels) follow with the "
                    + "number of labels; where answers were matched against reference answers, the accuracy per "
                    + "arm and its differences from the text arm, and with correctness labels their DSL estimates; "
                    + "each as value [95%% interval] (n). See docs/stats-stream.md and docs/statistics.md.",
            "",
            "--effects C1,C2,... prints design-factor effects instead: per language, the OLS of fidelity on "
                    + "intercept, image, each registered attribute's levels and image x levels, with errors "
                    + "clustered by item (the IFL paper's Table 4). See docs/statistics.md.",
            "",
            "--task explanation prints the entity metrics of explanation suites instead (EC exact, EC partial, "
                    + "EF1, ECooc): a table per dataset, arm, alignment setting and metric, a row per language, a "
                    + "column per instruction/output pattern, each figure the mean [95%% t interval] (n). See "
                    + "docs/stats-stream.md.",
            ""},
        sortOptions = false)
final class ReportCommand extends IflSubcommand {
    enum Format { text, csv, markdown, json }

    enum Task { fidelity, explanation }

    enum Order {
        paper(PaperTable.LanguageOrder.PAPER), code(PaperTable.LanguageOrder.CODE);

        private final PaperTable.LanguageOrder languages;

        Order(PaperTable.LanguageOrder languages) {
            this.languages = languages;
        }
    }

    /** Where the stats service answers when neither --url nor a file in the data directory says. */
    static final String DEFAULT_URL = "http://127.0.0.1:" + StatsCommand.DEFAULT_PORT;

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "Model to report.")
    String model;

    @Option(names = "--checkpoint", paramLabel = "CHECKPOINT",
            description = "Checkpoint of the model to report (required but with --effects).")
    String checkpoint;

    @Option(names = "--url", paramLabel = "URL",
            description = "Base URL of the stats service (default: the one a service running with --data-dir left "
                    + "in <data-dir>/" + StatsService.API_FILE + ", else " + DEFAULT_URL + ").")
    String url;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, csv, markdown or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "code",
            description = "Order of the languages within a dataset: code (by ISO 639-1 code) or paper (as the IFL "
                    + "paper's tables, by English name) (default: ${DEFAULT-VALUE}).")
    Order order;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "fidelity",
            description = "fidelity (the IFL table) or explanation (the entity tables) (default: ${DEFAULT-VALUE}).")
    Task task;

    @Option(names = "--dataset", paramLabel = "DATASET",
            description = "--task explanation: only this dataset (e.g. artwork, whose cells are artwork/PATTERN).")
    String dataset;

    @Option(names = "--setting", paramLabel = "SETTING",
            description = "--task explanation: only this alignment setting: ALIGNMENT_10, ALIGNMENT_5 or FULL.")
    AlignmentSetting setting;

    @Option(names = "--arm", paramLabel = "ARM",
            description = "--task explanation: only this arm: IMAGE or IMAGE_REMEDY (or TEXT).")
    Arm arm;

    @Option(names = "--effects", paramLabel = "CHECKPOINTS", split = ",",
            description = "Print design-factor effects instead: the effect of each registered attribute that differs "
                    + "among these checkpoints of the model (comma-separated; the first gives each attribute's "
                    + "reference level) on fidelity and on IFL, per language, as the IFL paper's Table 4.")
    List<String> effects;

    @Option(names = "--attributes", paramLabel = "NAMES", split = ",",
            description = "--effects: only these attributes (comma-separated; default: every one that differs).")
    List<String> attributes;

    @Option(names = "--language", paramLabel = "LANGUAGE", description = "--effects: only this language.")
    String language;

    @Override
    protected int execute() throws InterruptedException {
        if (effects != null) {
            return printEffects();
        }
        if (attributes != null || language != null) {
            throw new ParameterException(spec.commandLine(), "--attributes and --language select effects; use them "
                    + "with --effects");
        }
        if (checkpoint == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--checkpoint=CHECKPOINT'");
        }
        if (task == Task.fidelity && (dataset != null || setting != null || arm != null)) {
            throw new ParameterException(spec.commandLine(), "--dataset, --setting and --arm select entity tables;"
                    + " use them with --task explanation");
        }
        StatsApi api = api();
        String base = api.base();
        List<FiguresView> cells = api.cells(model, checkpoint);
        if (cells == null || cells.isEmpty()) {
            throw new CommandFailure("the stats service at " + base + " has no cells for model " + model
                    + ", checkpoint " + checkpoint + whatItHas(api));
        }
        if (task == Task.explanation) {
            return printEntityTables(base, cells);
        }
        SummaryView summary = api.summary(model, checkpoint);
        PaperTable table = new PaperTable(cells, summary, order.languages);
        out().print(switch (format) {
            case text -> text(table.table());
            case csv -> table.csv();
            case markdown -> table.markdown();
            case json -> table.json();
        });
        out().flush();
        return ExitCode.OK;
    }

    private int printEntityTables(String base, List<FiguresView> cells) {
        EntityTables tables = new EntityTables(model, checkpoint, cells.get(0).window(), cells,
                new EntityTables.Selection(dataset, setting, arm));
        if (tables.isEmpty()) {
            throw new CommandFailure("the stats service at " + base + " has no entity figures for model " + model
                    + ", checkpoint " + checkpoint + selected());
        }
        out().print(switch (format) {
            case text -> String.join("\n", tables.tables().stream().map(ReportCommand::text).toList());
            case csv -> tables.csv();
            case markdown -> tables.markdown();
            case json -> tables.json();
        });
        out().flush();
        return ExitCode.OK;
    }

    /** {@code --effects}: the design-factor effects of the checkpoints, in the chosen format. */
    private int printEffects() throws InterruptedException {
        if (checkpoint != null || task != Task.fidelity || setting != null || arm != null) {
            throw new ParameterException(spec.commandLine(), "--effects takes its checkpoints itself, with "
                    + "--attributes, --language and --dataset; not --checkpoint, --task, --setting or --arm");
        }
        StatsApi api = api();
        EffectsView view = api.effects(model, effects, attributes == null ? List.of() : attributes, language,
                dataset);
        FigureTable<?> table = EffectsTable.of(view);
        if (table.rows().isEmpty()) {
            throw new CommandFailure("the stats service at " + api.base() + " has no answers of model " + model
                    + ", checkpoints " + String.join(", ", effects) + " in both arms"
                    + (language == null ? "" : " in " + language) + (dataset == null ? "" : " of " + dataset));
        }
        out().print(switch (format) {
            case text -> text(table);
            case csv -> table.csv();
            case markdown -> table.markdown();
            case json -> table.json();
        });
        out().flush();
        return ExitCode.OK;
    }

    /** The selection, as the end of a sentence: ", dataset artwork, setting FULL" or nothing. */
    private String selected() {
        return (dataset == null ? "" : ", dataset " + dataset) + (setting == null ? "" : ", setting " + setting)
                + (arm == null ? "" : ", arm " + arm);
    }

    /**
     * "; it has ..." as {@link #whatItHas(List)} says, or nothing from a service that cannot say (one older than
     * {@code GET /checkpoints}).
     */
    private static String whatItHas(StatsApi api) throws InterruptedException {
        try {
            return "; " + whatItHas(api.checkpoints());
        } catch (CommandFailure e) {
            return "";
        }
    }

    /** "it has model vlm-a checkpoints ckpt-1, ckpt-2; model vlm-b checkpoint ckpt-1" or that it has none. */
    static String whatItHas(List<CheckpointView> checkpoints) {
        if (checkpoints == null || checkpoints.isEmpty()) {
            return "it has no cells or published queries of any checkpoint yet";
        }
        Map<String, List<String>> byModel = new LinkedHashMap<>();
        checkpoints.forEach(c -> byModel.computeIfAbsent(c.model(), m -> new ArrayList<>()).add(c.checkpoint()));
        List<String> models = new ArrayList<>();
        byModel.forEach((m, cs) -> models.add("model " + m + (cs.size() == 1 ? " checkpoint " : " checkpoints ")
                + String.join(", ", cs)));
        return "it has " + String.join("; ", models);
    }

    /**
     * The text format lives here because {@link TextTable}, which aligns it, belongs to this package: the title,
     * the table, and what its marks mean.
     */
    static String text(FigureTable<?> table) {
        List<String> names = table.columnNames();
        TextTable text = new TextTable(IntStream.range(0, names.size())
                .mapToObj(c -> table.isLabelColumn(c) ? Column.left(names.get(c)) : Column.right(names.get(c)))
                .toList());
        table.displayRows().forEach(text::row);
        List<String> notes = table.footnotes();
        return table.title() + "\n\n" + text.render() + (notes.isEmpty() ? "" : "\n" + String.join("\n", notes)
                + "\n");
    }

    /** The service at --url, else where a service running with the data directory said it listens, else the default. */
    private StatsApi api() {
        if (url != null) {
            return new StatsApi(baseUrl(url, "--url"), "--url");
        }
        Path file = dataDir.path().resolve(StatsService.API_FILE);
        Optional<String> written;
        try {
            written = StatsService.readApiUrl(dataDir.path());
        } catch (UncheckedIOException e) {
            throw new CommandFailure("cannot read " + file + ": " + CauseChain.describe(e), e);
        }
        if (written.isPresent()) {
            return new StatsApi(baseUrl(written.get(), file.toString()), file.toString());
        }
        return new StatsApi(DEFAULT_URL, null);
    }

    private String baseUrl(String url, String origin) {
        URI uri = null;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // said below, in the same words as a URL of another scheme
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new ParameterException(spec.commandLine(), (origin.equals("--url") ? "--url" : "the URL in "
                    + origin) + " must be http://HOST:PORT or https://..., not " + url);
        }
        return url.replaceAll("/+$", "");
    }
}
