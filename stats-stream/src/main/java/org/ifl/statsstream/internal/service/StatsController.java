package org.ifl.statsstream.internal.service;

import static org.ifl.statsstream.internal.service.Instances.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ifl.statsstream.CellsCsv;
import org.ifl.statsstream.CheckpointView;
import org.ifl.statsstream.EffectsView;
import org.ifl.statsstream.FiguresView;
import org.ifl.statsstream.OverviewView;
import org.ifl.statsstream.SeriesView;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.SummaryView;
import org.ifl.statsstream.internal.api.CellQueries;
import org.ifl.statsstream.internal.api.SeriesRows;
import org.ifl.statsstream.internal.cell.CellWindow;

/**
 * The latest figures, read from the state stores of the instance that holds each model ({@link Instances}
 * routes; a forwarded query carries {@code local=true}). Reading the stores and asking other instances blocks,
 * so these run on the blocking executor, never on the event loop that also carries open event streams.
 */
@Controller
@Requires(beans = StatsService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
final class StatsController {
    private final Instances instances;

    StatsController(Instances instances) {
        this.instances = instances;
    }

    @Get(uri = "/cells", produces = MediaType.APPLICATION_JSON)
    public List<FiguresView> cells(@Nullable @QueryValue String model, @Nullable @QueryValue String checkpoint,
            @Nullable @QueryValue String dataset, @Nullable @QueryValue String window,
            @Nullable @QueryValue Boolean local) {
        CellWindow w = window(window);
        List<FiguresView> out = new ArrayList<>(instances.fromEach("/cells", query("model", model,
                "checkpoint", checkpoint, "dataset", dataset, "window", window), model, local,
                new TypeReference<List<FiguresView>>() { }, () -> instances.cells().cells(model, checkpoint, dataset, w)));
        out.sort(CellQueries.CELL_ORDER);
        return out;
    }

    /** {@code task=explanation}: the entity metrics, a row per cell, arm and alignment setting. */
    @Get(uri = "/cells.csv", produces = "text/csv")
    public String cellsCsv(@Nullable @QueryValue String model, @Nullable @QueryValue String checkpoint,
            @Nullable @QueryValue String dataset, @Nullable @QueryValue String window,
            @Nullable @QueryValue String task) {
        if (task != null && !task.isBlank() && !task.equals("fidelity") && !task.equals("explanation")) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "task: fidelity or explanation, not '" + task
                    + "'");
        }
        List<FiguresView> cells = cells(model, checkpoint, dataset, window, null);
        return "explanation".equals(task) ? CellsCsv.writeExplanation(cells) : CellsCsv.write(cells);
    }

    @Get(uri = "/summary", produces = MediaType.APPLICATION_JSON)
    public SummaryView summary(@QueryValue String model, @QueryValue String checkpoint,
            @Nullable @QueryValue String window, @Nullable @QueryValue Boolean local) {
        CellWindow w = window(window);
        SummaryView summary = instances.fromOwner("/summary", query("model", model, "checkpoint", checkpoint,
                "window", window), model, local, new TypeReference<SummaryView>() { },
                () -> instances.cells().summary(model, checkpoint, w));
        if (summary == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no cells of model '" + model + "' checkpoint '"
                    + checkpoint + "' in window " + w.key());
        }
        return summary;
    }

    /**
     * The checkpoints with cumulative cells, published queries or a registration, each with its cells, answers
     * counted of expected and registration: what a report can ask for. By model, then in registration order.
     */
    @Get(uri = "/checkpoints", produces = MediaType.APPLICATION_JSON)
    public List<CheckpointView> checkpoints(@Nullable @QueryValue String model, @Nullable @QueryValue Boolean local) {
        return byModel(instances.fromEach("/checkpoints", query("model", model), model, local,
                new TypeReference<List<CheckpointView>>() { }, () -> instances.checkpoints().checkpoints(model)),
                CheckpointView::model);
    }

    /** Per model, its checkpoints in registration order with their summaries: the dashboard's overview. */
    @Get(uri = "/overview", produces = MediaType.APPLICATION_JSON)
    public List<OverviewView> overview(@Nullable @QueryValue String model, @Nullable @QueryValue Boolean local) {
        return byModel(instances.fromEach("/overview", query("model", model), model, local,
                new TypeReference<List<OverviewView>>() { }, () -> instances.checkpoints().overview(model)),
                OverviewView::model);
    }

    /** A checkpoint's hopping windows (of one dataset, if given) as a time series: by language, then start. */
    @Get(uri = "/series", produces = MediaType.APPLICATION_JSON)
    public List<SeriesView> series(@QueryValue String model, @QueryValue String checkpoint,
            @Nullable @QueryValue String dataset, @Nullable @QueryValue Boolean local) {
        List<SeriesView> series = instances.fromOwner("/series", query("model", model, "checkpoint", checkpoint,
                "dataset", dataset), model, local, new TypeReference<List<SeriesView>>() { },
                () -> SeriesRows.of(instances.cells().hoppingCells(model, checkpoint, dataset)));
        return series == null ? List.of() : series;
    }

    /**
     * Design-factor effects of {@code checkpoints} (comma-separated, the first the reference) of a model on their
     * registered {@code attributes} (comma-separated; every attribute that differs among them if absent), one fit per
     * language ({@code language} only, if given), of one {@code dataset} or every dataset pooled. A request the
     * registrations cannot answer (a checkpoint not registered, one without a named attribute, an attribute with one
     * level) is checked here, on any instance, and answered 400 naming it.
     */
    @Get(uri = "/effects", produces = MediaType.APPLICATION_JSON)
    public EffectsView effects(@QueryValue String model, @QueryValue String checkpoints,
            @Nullable @QueryValue String attributes, @Nullable @QueryValue String language,
            @Nullable @QueryValue String dataset, @Nullable @QueryValue Boolean local) {
        List<String> chosen = commaSeparated(checkpoints);
        List<String> named = commaSeparated(attributes);
        String onlyLanguage = blankToNull(language);
        String onlyDataset = blankToNull(dataset);
        try {
            instances.effects().design(model, chosen, named);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        EffectsView effects = instances.fromOwner("/effects", query("model", model, "checkpoints", checkpoints,
                "attributes", attributes, "language", onlyLanguage, "dataset", onlyDataset), model, local,
                new TypeReference<EffectsView>() { },
                () -> instances.effects().effects(model, chosen, named, onlyLanguage, onlyDataset));
        if (effects == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "the instance that owns model '" + model
                    + "' has no effects of it");
        }
        return effects;
    }

    /** While Streams starts, rebalances or restores, its stores cannot be read: say so, and to retry. */
    @Error(exception = InvalidStateStoreException.class)
    public HttpResponse<String> notReady(InvalidStateStoreException e) {
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body("stats-stream cannot read its state yet (" + e.getMessage() + "); retry shortly");
    }

    private static List<String> commaSeparated(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static CellWindow window(String window) {
        try {
            return window == null || window.isBlank() ? CellWindow.CUMULATIVE : CellWindow.parse(window);
        } catch (RuntimeException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "window: " + e.getMessage());
        }
    }

    /** Answers of several instances, by model; each model comes from one instance, in its order. */
    private static <T> List<T> byModel(List<T> answers, Function<T, String> model) {
        List<T> out = new ArrayList<>(answers);
        out.sort(Comparator.comparing(model));
        return out;
    }
}
