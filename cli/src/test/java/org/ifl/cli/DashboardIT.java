package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.lidstream.LidService;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.HeadlessChromium;
import org.ifl.platform.testkit.HeadlessChromium.ConsoleMessage;
import org.ifl.platform.testkit.HeadlessChromium.Viewport;
import org.ifl.statsstream.StatsService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium against a live pipeline on the embedded broker (lid-stream and
 * stats-stream as they run, data replayed with {@code ifl replay}, checkpoints registered with
 * {@code ifl checkpoint register}): every figure a page shows is the API's, a replay while a page is open shows
 * within 3 s without a reload, an open page outlives a restart of stats-stream, a checkpoint whose queries are not
 * all answered is marked partial, the explanation heat maps show the replayed figures, an alert of a regression is
 * listed; each page's screenshot at 1280x800 and on a phone goes to {@code target/screenshots/}.
 */
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The bound: a replay shows on an open page within 3 s of the API serving it. */
    private static final Duration LIVE = Duration.ofSeconds(3);
    /** How long stats-stream may take to start again and the page to see it (a JVM busy with the whole pipeline). */
    private static final Duration RESTART = Duration.ofSeconds(120);
    private static final String MODEL = "vlm";
    private static final List<String> LANGUAGES = List.of("de", "fr", "es", "ja");
    /** Figure hooks of the checkpoint table and the API field each shows. */
    private static final Map<String, String> FIGURES = figures();
    /** Heat map metrics (the pages' names) and the API's explanation fields. */
    private static final List<String> METRICS = List.of("coverageExact", "coveragePartial", "f1", "cooccurrence");
    /** A figure as the pages show it: percentage points, one decimal, its interval if any (relative: a percent). */
    private static final Pattern FORMATTED = Pattern.compile(
            "(-?\\d+\\.\\d)%?(?: \\[(-?\\d+\\.\\d), (-?\\d+\\.\\d)\\])?");
    private static final Pattern EXPLANATION_DATASET = Pattern.compile("/(EN_EN|EN_L|L_EN|L_L)$");

    private static Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("fText", "text.fidelity");
        figures.put("fImage", "image.fidelity");
        figures.put("fImageRemedy", "imageRemedy.fidelity");
        figures.put("ifl", "ifl");
        figures.put("iflRemedy", "iflRemedy");
        figures.put("diff", "diff");
        figures.put("relative", "relative");
        return figures;
    }

    @BeforeAll
    static void chromium() {
        HeadlessChromium.assumeAvailable();
    }

    @Test
    void theDashboardShowsTheLivePipelinesFigures(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Replays replays = new Replays(dir, Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MILLIS));
        long started = System.nanoTime();
        int port = LiveStages.freePort();
        URI api = URI.create("http://127.0.0.1:" + port + "/");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Map<String, Object> lid = LiveStages.lid(platform, dir, "de,en,es,fr,ja,it,pt");
            Map<String, Object> stats = LiveStages.stats(platform, dir, port);
            // The stages and the browser start while the data is replayed: each mostly waits (a detector loading,
            // a consumer group forming, a browser starting).
            CompletableFuture<ApplicationContext> statsStarting = CompletableFuture.supplyAsync(
                    () -> ServiceContext.serve(StatsService.ENVIRONMENT, stats));
            CompletableFuture<ApplicationContext> lidStarting = CompletableFuture.supplyAsync(
                    () -> ServiceContext.serve(LidService.ENVIRONMENT, lid));
            CompletableFuture<HeadlessChromium> browserStarting = CompletableFuture.supplyAsync(
                    () -> HeadlessChromium.start(Viewport.DESKTOP));
            ApplicationContext statsStream = null;
            try (Started<ApplicationContext> firstStatsStream = started(statsStarting);
                    Started<ApplicationContext> lidStream = started(lidStarting);
                    Started<HeadlessChromium> browsing = started(browserStarting)) {
                // c1 and c2 registered with attributes, c2 compared with c1; c3's sample queries published, few
                // answered.
                ifl("checkpoint", "register", "--data-dir", dataDir.toString(), "--model", MODEL, "--checkpoint",
                        "c1", "--backend", "replay", "--attr", "llm=vicuna-7b", "--attr", "vision=clip-l");
                ifl("checkpoint", "register", "--data-dir", dataDir.toString(), "--model", MODEL, "--checkpoint",
                        "c2", "--backend", "replay", "--attr", "llm=vicuna-7b", "--attr", "vision=siglip",
                        "--baseline", "c1");
                ifl("checkpoint", "register", "--data-dir", dataDir.toString(), "--model", MODEL, "--checkpoint",
                        "c3", "--backend", "replay", "--attr", "llm=vicuna-13b", "--suite", "sample");
                replay(dataDir, replays.initial());
                progress(started, "data replayed");
                statsStream = firstStatsStream.get();
                lidStream.get();
                HeadlessChromium browser = browsing.get();
                progress(started, "lid-stream, stats-stream and the browser started");
                awaitCounted(api, "c1", Replays.FIDELITY_INITIAL + Replays.EXPLANATIONS);
                awaitCounted(api, "c2", Replays.FIDELITY_INITIAL);
                awaitCounted(api, "c3", Replays.PARTIAL);
                JsonNode alerts = LiveStages.awaitJson(api, "alerts?model=" + MODEL,
                        "an alert of c2's regression against c1",
                        a -> a.size() > 0);
                progress(started, "the API serves every replayed answer and the alert");

                checkpointTableShowsTheApisFigures(browser, api, "c2");
                screenshots(browser, "checkpoint", page(api, "checkpoint.html", "c2"));
                partialCheckpointIsMarked(browser, api);
                explanationHeatMapsShowTheApisFigures(browser, api);
                // The arm the replayed explanation answers are in (the check above covered every arm).
                screenshots(browser, "explanations", URI.create(page(api, "explanations.html", "c1") + "&arm=IMAGE"));
                overviewShowsTheApisFigures(browser, api);
                screenshots(browser, "overview", api.resolve("dashboard/"));
                alertsAreListed(browser, api, alerts);
                screenshots(browser, "alerts", api.resolve("dashboard/alerts.html?model=" + MODEL));
                progress(started, "(a), (d), (e), (f) checked, screenshots taken");

                // (b) With the page open, a replay changes its figures, without a reload.
                browser.viewport(Viewport.DESKTOP);
                browser.open(page(api, "checkpoint.html", "c2"));
                browser.script("window.openedOnce = 'yes'");
                int renders = browser.renders();
                Map<String, Double> before = iflByCell(cells(api, "c2"));
                replay(dataDir, replays.more(8));
                awaitCounted(api, "c2", Replays.FIDELITY_INITIAL + Replays.FIDELITY_MORE);
                Map<String, Double> after = iflByCell(cells(api, "c2"));
                assertNotEquals(before, after, "the replay changes c2's IFL in the API");
                showsTheApisFiguresWithin(browser, api, "c2", LIVE);
                assertTrue(browser.renders() > renders, "re-rendered: " + browser.renders() + " after " + renders);
                assertEquals("yes", browser.script("return window.openedOnce"), "the page was not reloaded");
                progress(started, "(b) checked");

                // (c) stats-stream stops and starts again on the same port and state: the page reconnects. Until it
                // serves the new replay the page may find it refusing connections; from the stop on, 503 answers
                // (starting, or rebalancing when the old instance's member leaves the group) are the API's own.
                Instant outage = Instant.now();
                statsStream.close();
                statsStream = null;
                browser.until("the page to see stats-stream gone (data-live not open)", RESTART,
                        () -> !"open".equals(browser.live()));
                browser.screenshot(SCREENSHOTS, "checkpoint-reconnecting", Viewport.DESKTOP);
                statsStream = ServiceContext.serve(StatsService.ENVIRONMENT, stats);
                browser.until("the page to be live again (data-live open)", RESTART,
                        () -> "open".equals(browser.live()));
                replay(dataDir, replays.more(11));
                awaitCounted(api, "c2", Replays.FIDELITY_INITIAL + 2 * Replays.FIDELITY_MORE);
                assertNotEquals(after, iflByCell(cells(api, "c2")), "the replay changes c2's IFL in the API");
                Instant back = Instant.now();
                showsTheApisFiguresWithin(browser, api, "c2", LIVE);
                assertEquals("yes", browser.script("return window.openedOnce"), "the page was not reloaded");

                progress(started, "(c) checked");
                List<ConsoleMessage> errors = browser.consoleErrors().stream()
                        .filter(e -> e.at().isBefore(outage) || !(e.text().contains("status of 503")
                                || !e.at().isAfter(back) && refused(e))).toList();
                assertTrue(errors.isEmpty(), "browser console errors (other than connections refused and 503 "
                        + "while stats-stream restarted):\n" + errors.stream().map(Object::toString)
                        .collect(Collectors.joining("\n")));
            } finally {
                if (statsStream != null) {
                    statsStream.close();
                }
            }
        }
    }

    // ---- the checks, each against what the API serves at that moment ----

    /** (a) Every figure of the checkpoint table is the API's cell figure, as a value and as text. */
    private static void checkpointTableShowsTheApisFigures(HeadlessChromium browser, URI api, String checkpoint)
            throws Exception {
        browser.viewport(Viewport.DESKTOP);
        browser.open(page(api, "checkpoint.html", checkpoint));
        List<String> problems = tableProblems(browser, cells(api, checkpoint));
        assertTrue(problems.isEmpty(), "checkpoint " + checkpoint + ":\n" + String.join("\n", problems));
    }

    /** (b), (c) The open page shows the API's figures within {@code bound} of the API serving them. */
    private static void showsTheApisFiguresWithin(HeadlessChromium browser, URI api, String checkpoint,
            Duration bound) throws Exception {
        JsonNode cells = cells(api, checkpoint);
        AtomicReference<List<String>> problems = new AtomicReference<>(List.of());
        try {
            browser.until("the open page to show the API's new figures", bound, () -> {
                problems.set(tableProblems(browser, cells));
                return problems.get().isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ":\n" + String.join("\n", problems.get()), e);
        }
    }

    /** What differs between the page's {@code table#figures} and the API's cells; empty when nothing does. */
    @SuppressWarnings("unchecked")
    private static List<String> tableProblems(HeadlessChromium browser, JsonNode cells) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.script("""
                return Array.from(document.querySelectorAll('table#figures tr[data-dataset][data-language]'))
                  .map(tr => ({dataset: tr.dataset.dataset, language: tr.dataset.language,
                    partial: tr.dataset.partial || '', partialClass: tr.classList.contains('partial'),
                    text: tr.innerText,
                    figures: Array.from(tr.querySelectorAll('td[data-figure]')).map(td => ({
                      figure: td.dataset.figure, value: td.dataset.value, low: td.dataset.low,
                      high: td.dataset.high, text: td.innerText.trim()}))}));""");
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> byCell = new LinkedHashMap<>();
        // Explanation suites' cells ("suite/PATTERN") are the explanations page's, not this table's.
        cells.forEach(c -> {
            if (!EXPLANATION_DATASET.matcher(c.path("dataset").asText()).find()) {
                byCell.put(c.path("dataset").asText() + "|" + c.path("language").asText(), c);
            }
        });
        Map<String, Map<String, Object>> shown = new LinkedHashMap<>();
        rows.forEach(r -> shown.put(r.get("dataset") + "|" + r.get("language"), r));
        for (String cell : byCell.keySet()) {
            if (!shown.containsKey(cell)) {
                problems.add(cell + ": the API's cell has no row");
            }
        }
        for (Map.Entry<String, Map<String, Object>> row : shown.entrySet()) {
            JsonNode cell = byCell.get(row.getKey());
            if (cell == null) {
                problems.add(row.getKey() + ": a row the API has no cell for");
                continue;
            }
            Map<String, Map<String, Object>> figures = new HashMap<>();
            ((List<Map<String, Object>>) row.getValue().get("figures")).forEach(f -> figures.put((String) f.get(
                    "figure"), f));
            for (Map.Entry<String, String> figure : FIGURES.entrySet()) {
                Map<String, Object> td = figures.get(figure.getKey());
                if (td == null) {
                    problems.add(row.getKey() + ": no td[data-figure=" + figure.getKey() + "]");
                    continue;
                }
                JsonNode expected = at(cell, figure.getValue());
                problems.addAll(figureProblems(row.getKey() + " " + figure.getKey(), expected, td));
            }
            Boolean partial = cell.path("partial").isBoolean() ? cell.path("partial").asBoolean() : null;
            boolean markedPartial = "true".equals(row.getValue().get("partial"));
            if (Boolean.TRUE.equals(partial) != markedPartial
                    || markedPartial != Boolean.TRUE.equals(row.getValue().get("partialClass"))) {
                problems.add(row.getKey() + ": data-partial/class partial " + row.getValue().get("partial") + "/"
                        + row.getValue().get("partialClass") + ", the API's partial " + partial);
            }
            if (markedPartial) {
                String text = "partial " + cell.path("counted").asLong() + "/" + cell.path("expected").asLong();
                if (!row.getValue().get("text").toString().contains(text)) {
                    problems.add(row.getKey() + ": no \"" + text + "\" in the row: " + row.getValue().get("text"));
                }
            }
        }
        return problems;
    }

    /**
     * What differs between a figure cell ({@code data-value}, {@code data-low}, {@code data-high} and its text) and
     * the API's figure: an estimate ({@code value}, {@code low}, {@code high}), a plain number, or absent.
     */
    private static List<String> figureProblems(String what, JsonNode expected, Map<String, Object> td) {
        List<String> problems = new ArrayList<>();
        String text = Objects.toString(td.get("text"), "");
        if (expected == null || expected.isNull() || expected.isMissingNode()) {
            if (!Objects.toString(td.get("value"), "").isEmpty() || !text.equals("–")) {
                problems.add(what + ": absent in the API, shown as value '" + td.get("value") + "', text '" + text
                        + "'");
            }
            return problems;
        }
        JsonNode value = expected.isNumber() ? expected : expected.path("value");
        JsonNode low = expected.isNumber() ? null : expected.path("low");
        JsonNode high = expected.isNumber() ? null : expected.path("high");
        problems.addAll(numberProblems(what + " data-value", value, td.get("value")));
        if (low != null) {
            problems.addAll(numberProblems(what + " data-low", low, td.get("low")));
            problems.addAll(numberProblems(what + " data-high", high, td.get("high")));
        }
        Matcher formatted = FORMATTED.matcher(text);
        if (!formatted.matches()) {
            problems.add(what + ": text '" + text + "' is not percentage points with one decimal");
            return problems;
        }
        problems.addAll(pointsProblems(what + " text", value, formatted.group(1)));
        if (low != null && !low.isNull()) {
            problems.addAll(pointsProblems(what + " text's low", low, formatted.group(2)));
            problems.addAll(pointsProblems(what + " text's high", high, formatted.group(3)));
        }
        return problems;
    }

    private static List<String> numberProblems(String what, JsonNode expected, Object shown) {
        String text = Objects.toString(shown, "");
        if (expected == null || expected.isNull() || expected.isMissingNode()) {
            return text.isEmpty() ? List.of() : List.of(what + ": '" + text + "', the API has none");
        }
        try {
            return Double.parseDouble(text) == expected.asDouble() ? List.of()
                    : List.of(what + ": '" + text + "', the API's " + expected);
        } catch (NumberFormatException e) {
            return List.of(what + ": '" + text + "' is not a number, the API's " + expected);
        }
    }

    /** A fraction shown in percentage points to one decimal: within half a tenth of a point (either rounding). */
    private static List<String> pointsProblems(String what, JsonNode expected, String shown) {
        if (shown == null || expected == null || expected.isNull()) {
            return List.of(what + ": '" + shown + "', the API's " + expected);
        }
        double points = expected.asDouble() * 100;
        return Math.abs(Double.parseDouble(shown) - points) <= 0.05 + 1e-9 ? List.of()
                : List.of(what + ": " + shown + " points, the API's " + expected + " is " + points);
    }

    /** (d) The partial checkpoint: marked partial on its own page and in the overview, counted/expected the API's. */
    @SuppressWarnings("unchecked")
    private static void partialCheckpointIsMarked(HeadlessChromium browser, URI api) throws Exception {
        browser.viewport(Viewport.DESKTOP);
        browser.open(page(api, "checkpoint.html", "c3"));
        JsonNode cells = cells(api, "c3");
        assertTrue(elements(cells).anyMatch(c -> c.path("partial").asBoolean(false)),
                "the API has c3 partial: " + cells);
        List<String> problems = tableProblems(browser, cells);
        assertTrue(problems.isEmpty(), "checkpoint c3:\n" + String.join("\n", problems));
        long partialRows = (Long) browser.script(
                "return document.querySelectorAll('table#figures tr[data-partial=true].partial').length");
        assertTrue(partialRows > 0, "c3 has rows marked partial");
        screenshots(browser, "checkpoint-partial", page(api, "checkpoint.html", "c3"));
    }

    /** (f) The overview: a row per checkpoint, in the API's order, with its figures and counted/expected. */
    @SuppressWarnings("unchecked")
    private static void overviewShowsTheApisFigures(HeadlessChromium browser, URI api) throws Exception {
        browser.viewport(Viewport.DESKTOP);
        browser.open(api.resolve("dashboard/"));
        JsonNode overview = LiveStages.get(api, "overview?model=" + MODEL);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.script("""
                return Array.from(document.querySelectorAll('tr[data-model][data-checkpoint]'))
                  .map(tr => ({model: tr.dataset.model, checkpoint: tr.dataset.checkpoint,
                    partial: tr.dataset.partial || '',
                    figures: Array.from(tr.querySelectorAll('td[data-figure]')).map(td => ({
                      figure: td.dataset.figure, value: td.dataset.value, low: td.dataset.low,
                      high: td.dataset.high, text: td.innerText.trim()}))}));""");
        List<String> problems = new ArrayList<>();
        List<String> expectedOrder = new ArrayList<>();
        for (JsonNode model : overview) {
            for (JsonNode checkpoint : model.path("checkpoints")) {
                expectedOrder.add(model.path("model").asText() + "|" + checkpoint.path("checkpoint").asText());
            }
        }
        assertEquals(expectedOrder, rows.stream().map(r -> r.get("model") + "|" + r.get("checkpoint")).toList(),
                "the overview's rows, in the API's order");
        assertEquals(List.of(MODEL + "|c1", MODEL + "|c2", MODEL + "|c3"), expectedOrder,
                "the API's checkpoints in registration order");
        int i = 0;
        for (JsonNode model : overview) {
            for (JsonNode checkpoint : model.path("checkpoints")) {
                Map<String, Object> row = rows.get(i++);
                String name = row.get("checkpoint").toString();
                Map<String, Map<String, Object>> figures = new HashMap<>();
                ((List<Map<String, Object>>) row.get("figures")).forEach(f -> figures.put((String) f.get("figure"),
                        f));
                JsonNode summary = checkpoint.path("summary");
                for (String figure : List.of("ifl", "iflRemedy", "diff")) {
                    Map<String, Object> td = figures.get(figure);
                    if (td == null) {
                        problems.add(name + ": no td[data-figure=" + figure + "]");
                    } else {
                        problems.addAll(figureProblems(name + " " + figure, summary.isNull() ? null
                                : summary.path(figure), td));
                    }
                }
                String counted = checkpoint.path("counted").asLong() + "/" + (checkpoint.path("expected").isNull()
                        ? "?" : checkpoint.path("expected").asText());
                Map<String, Object> countedTd = figures.get("counted");
                if (countedTd == null || !Objects.toString(countedTd.get("text"), "").equals(counted)) {
                    problems.add(name + ": td[data-figure=counted] " + countedTd + ", the API's " + counted);
                }
                boolean partial = checkpoint.path("partial").asBoolean(false);
                if (partial != "true".equals(row.get("partial"))) {
                    problems.add(name + ": data-partial '" + row.get("partial") + "', the API's partial "
                            + checkpoint.path("partial"));
                }
            }
        }
        assertTrue(problems.isEmpty(), "overview:\n" + String.join("\n", problems));
        assertTrue(overview.get(0).path("checkpoints").get(2).path("partial").asBoolean(false),
                "c3 is partial in the API's overview");
    }

    /** (e) Each heat map's table, and its chart's data, are the API's explanation figures of the replayed cells. */
    @SuppressWarnings("unchecked")
    private static void explanationHeatMapsShowTheApisFigures(HeadlessChromium browser, URI api) throws Exception {
        browser.viewport(Viewport.DESKTOP);
        browser.open(page(api, "explanations.html", "c1"));
        // The API's figures by arm|setting|metric|language|pattern.
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (JsonNode cell : cells(api, "c1")) {
            String dataset = cell.path("dataset").asText();
            if (!dataset.contains("/")) {
                continue;
            }
            String pattern = dataset.substring(dataset.lastIndexOf('/') + 1);
            for (JsonNode figures : cell.path("explanation")) {
                for (String metric : METRICS) {
                    expected.put(figures.path("arm").asText() + "|" + figures.path("setting").asText() + "|"
                            + metric + "|" + cell.path("language").asText() + "|" + pattern, figures.path(metric));
                }
            }
        }
        assertFalse(expected.isEmpty(), "the API has c1's explanation figures");
        List<Map<String, Object>> shown = (List<Map<String, Object>>) browser.script("""
                return Array.from(document.querySelectorAll('table.heat-table td[data-language][data-pattern]'))
                  .map(td => { const t = td.closest('table.heat-table');
                    return {arm: t.dataset.arm, setting: t.dataset.setting, metric: t.dataset.metric,
                      language: td.dataset.language, pattern: td.dataset.pattern, value: td.dataset.value,
                      n: td.dataset.n, low: td.dataset.low, high: td.dataset.high}; });""");
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        shown.forEach(td -> byKey.put(td.get("arm") + "|" + td.get("setting") + "|" + td.get("metric") + "|"
                + td.get("language") + "|" + td.get("pattern"), td));
        int compared = 0;
        for (Map.Entry<String, Map<String, Object>> td : byKey.entrySet()) {
            JsonNode figure = expected.get(td.getKey());
            if (figure == null || figure.isNull() || figure.isMissingNode()) {
                problems.addAll(numberProblems(td.getKey() + " data-value", null, td.getValue().get("value")));
                continue;
            }
            compared++;
            problems.addAll(numberProblems(td.getKey() + " data-value", figure.path("value"), td.getValue().get(
                    "value")));
            problems.addAll(numberProblems(td.getKey() + " data-n", figure.path("n"), td.getValue().get("n")));
            problems.addAll(numberProblems(td.getKey() + " data-low", figure.path("low"), td.getValue().get("low")));
            problems.addAll(numberProblems(td.getKey() + " data-high", figure.path("high"),
                    td.getValue().get("high")));
        }
        // Every figure the API has for the arms and settings the page shows is in a table.
        List<String> tables = shown.stream().map(td -> td.get("arm") + "|" + td.get("setting") + "|").distinct()
                .toList();
        for (Map.Entry<String, JsonNode> figure : expected.entrySet()) {
            if (tables.stream().anyMatch(figure.getKey()::startsWith) && !figure.getValue().isNull()
                    && !figure.getValue().isMissingNode() && !byKey.containsKey(figure.getKey())) {
                problems.add(figure.getKey() + ": the API's figure " + figure.getValue() + " has no heat-table cell");
            }
        }
        assertTrue(compared > 0, "heat-table cells with figures: " + byKey.keySet());
        // The chart of each heat map holds the same values as its table.
        List<Map<String, Object>> charts = (List<Map<String, Object>>) browser.script("""
                return Array.from(document.querySelectorAll('div.heatmap')).map(div => {
                  const chart = echarts.getInstanceByDom(div);
                  const table = document.querySelector('table.heat-table[data-arm="' + div.dataset.arm
                    + '"][data-setting="' + div.dataset.setting + '"][data-metric="' + div.dataset.metric + '"]');
                  const values = table ? Array.from(table.querySelectorAll('td[data-language][data-pattern]'))
                    .map(td => td.dataset.value).filter(v => v !== '' && v !== undefined).map(Number) : null;
                  const data = chart ? chart.getOption().series.flatMap(s => s.data || []) : null;
                  return {key: div.dataset.arm + '|' + div.dataset.setting + '|' + div.dataset.metric,
                    table: values, chart: data == null ? null : JSON.stringify(data)}; });""");
        assertFalse(charts.isEmpty(), "div.heatmap charts on the page");
        for (Map<String, Object> chart : charts) {
            if (chart.get("chart") == null || chart.get("table") == null) {
                problems.add(chart.get("key") + ": no ECharts instance or no table (" + chart + ")");
                continue;
            }
            List<Double> chartValues = chartValues(JSON.readTree(chart.get("chart").toString()));
            List<Double> tableValues = ((List<Object>) chart.get("table")).stream()
                    .map(v -> ((Number) v).doubleValue()).sorted().toList();
            if (!sameValues(tableValues, chartValues)) {
                problems.add(chart.get("key") + ": chart data " + chartValues + ", table " + tableValues);
            }
        }
        assertTrue(problems.isEmpty(), "explanations:\n" + String.join("\n", problems));
    }

    /**
     * The values of a heat map series' data, sorted: each point is {@code [x, y, value]} or {@code {value: [x, y,
     * value]}}; points without a value ('-' or null) left out.
     */
    private static List<Double> chartValues(JsonNode data) {
        List<Double> values = new ArrayList<>();
        for (JsonNode point : data) {
            JsonNode triple = point.isArray() ? point : point.path("value");
            JsonNode value = triple.isArray() ? triple.get(triple.size() - 1) : triple;
            if (value != null && value.isNumber()) {
                values.add(value.asDouble());
            }
        }
        values.sort(null);
        return values;
    }

    /** The same numbers, whether the chart holds fractions or percentage points. */
    private static boolean sameValues(List<Double> table, List<Double> chart) {
        if (table.size() != chart.size()) {
            return false;
        }
        boolean fractions = true;
        boolean points = true;
        for (int i = 0; i < table.size(); i++) {
            fractions &= Math.abs(table.get(i) - chart.get(i)) < 1e-9;
            points &= Math.abs(table.get(i) * 100 - chart.get(i)) < 0.05 + 1e-9;
        }
        return fractions || points;
    }

    /** (f) The alerts page lists the API's alerts with their state. */
    @SuppressWarnings("unchecked")
    private static void alertsAreListed(HeadlessChromium browser, URI api, JsonNode alerts) throws Exception {
        browser.viewport(Viewport.DESKTOP);
        browser.open(api.resolve("dashboard/alerts.html?model=" + MODEL));
        JsonNode now = LiveStages.get(api, "alerts?model=" + MODEL);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) browser.script("""
                return Array.from(document.querySelectorAll('table#alerts tr[data-alert-id]'))
                  .map(tr => ({id: tr.dataset.alertId, state: tr.dataset.state, open: tr.dataset.open}));""");
        List<String> expected = new ArrayList<>();
        now.forEach(a -> expected.add(a.path("alertId").asText() + " " + a.path("state").asText() + " "
                + a.path("open").asBoolean()));
        assertEquals(expected, rows.stream().map(r -> r.get("id") + " " + r.get("state") + " " + r.get("open"))
                .toList(), "the alerts page's rows, newest first, as the API's");
        assertTrue(elements(alerts).anyMatch(a -> a.path("checkpoint").asText().equals("c2")
                && a.path("state").asText().equals("FIRING")), "c2's regression fired: " + alerts);
    }

    // ---- pages, screenshots, the API ----

    private static URI page(URI api, String page, String checkpoint) {
        return api.resolve("dashboard/" + page + "?model=" + MODEL + "&checkpoint=" + URLEncoder.encode(checkpoint,
                StandardCharsets.UTF_8));
    }

    /** The page at 1280x800 and on a phone, each loaded at that size, to {@code target/screenshots/}. */
    private static void screenshots(HeadlessChromium browser, String name, URI page) throws IOException {
        for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
            browser.viewport(viewport);
            browser.open(page);
            browser.screenshot(SCREENSHOTS, name, viewport);
        }
        // Every table has its CSV button, every chart its PNG and SVG buttons.
        @SuppressWarnings("unchecked")
        Map<String, Object> exports = (Map<String, Object>) browser.script("""
                const count = (selector) => document.querySelectorAll(selector).length;
                return {tables: count('table'), charts: count('[_echarts_instance_]'),
                  csv: count('button[data-export=csv]'), png: count('button[data-export=png]'),
                  svg: count('button[data-export=svg]')};""");
        assertEquals(List.of(exports.get("tables"), exports.get("charts"), exports.get("charts")),
                List.of(exports.get("csv"), exports.get("png"), exports.get("svg")),
                name + ": export buttons (csv, png, svg) for its tables and charts: " + exports);
        browser.viewport(Viewport.DESKTOP);
    }

    private static JsonNode cells(URI api, String checkpoint) throws Exception {
        return LiveStages.get(api, "cells?model=" + MODEL + "&checkpoint=" + checkpoint);
    }

    /** Each cell's IFL value, by dataset|language. */
    private static Map<String, Double> iflByCell(JsonNode cells) {
        Map<String, Double> ifl = new LinkedHashMap<>();
        cells.forEach(c -> ifl.put(c.path("dataset").asText() + "|" + c.path("language").asText(),
                c.path("ifl").isObject() ? c.path("ifl").path("value").asDouble() : null));
        return ifl;
    }

    private static Stream<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    /** Waits until the API counts {@code counted} answers of the checkpoint (every replayed one, labeled). */
    private static void awaitCounted(URI api, String checkpoint, long counted) throws InterruptedException {
        LiveStages.awaitJson(api, "checkpoints?model=" + MODEL, checkpoint + " with " + counted + " answers counted",
                list -> elements(list).anyMatch(c -> c.path("checkpoint").asText().equals(checkpoint)
                        && c.path("counted").asLong() == counted));
    }

    /** A connection refused or cut while stats-stream was down: the page's fetches, its EventSource. */
    private static boolean refused(ConsoleMessage message) {
        return message.text().contains("net::ERR_CONNECTION_REFUSED")
                || message.text().contains("net::ERR_EMPTY_RESPONSE")
                || message.text().contains("net::ERR_INCOMPLETE_CHUNKED_ENCODING")
                || message.text().contains("net::ERR_CONNECTION_RESET")
                || message.text().contains("no answer from stats-stream");
    }

    private static JsonNode at(JsonNode node, String path) {
        JsonNode at = node;
        for (String part : path.split("\\.")) {
            at = at.path(part);
        }
        return at;
    }

    /**
     * What {@code starting} gives, closed by the returned handle even where the test failed before it asked for it
     * (started, it is closed when done; failed, there is nothing to close).
     */
    private static <T extends AutoCloseable> Started<T> started(CompletableFuture<T> starting) {
        return new Started<>(starting);
    }

    private record Started<T extends AutoCloseable>(CompletableFuture<T> starting) implements AutoCloseable {
        T get() {
            return starting.join();
        }

        @Override
        public void close() throws Exception {
            T started = starting.exceptionally(e -> null).join();
            if (started != null) {
                started.close();
            }
        }
    }

    /** Where the time goes, in the test's output: seconds since {@code started} (System.nanoTime). */
    private static void progress(long started, String what) {
        System.out.printf("DashboardIT %.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static void ifl(String... args) {
        Run run = Run.of(args);
        assertEquals(0, run.exitCode(), () -> String.join(" ", args) + ":\n" + run.out() + run.err());
    }

    private static void replay(Path dataDir, Path file) throws IOException {
        long lines = Files.readAllLines(file).size();
        Run run = Run.of("replay", file.toString(), "--data-dir", dataDir.toString());
        assertEquals(0, run.exitCode(), () -> run.out() + run.err());
        assertTrue(run.out().contains(lines + " of " + lines + " records acknowledged by eval.completions"),
                run.out());
    }

    /**
     * The stored runs replayed, in the JSONL of {@code ifl replay}: answers of the bundled sample suite's items (its
     * descriptions, in the item's language where the answer is faithful, in English where it is not) and an
     * explanation item's answers in each pattern.
     */
    static final class Replays {
        /** c1 and c2 at first: 4 languages x 8 items x 3 arms. */
        static final int FIDELITY_INITIAL = 4 * 8 * 3;
        /** Each later replay into c2: 4 languages x 3 items x 3 arms. */
        static final int FIDELITY_MORE = 4 * 3 * 3;
        /** c1's explanation answers: 2 languages x 4 patterns, IMAGE arm. */
        static final int EXPLANATIONS = 2 * 4;
        /** c3's answers: 4 de items x 3 arms, of the 12 x 3 its published queries expect in each language. */
        static final int PARTIAL = 4 * 3;

        private final Path dir;
        private final Instant at;
        private final List<String> items = new ArrayList<>();
        /** item -> language -> description. */
        private final Map<String, Map<String, String>> descriptions = new LinkedHashMap<>();

        Replays(Path dir, Instant at) throws IOException {
            this.dir = dir;
            this.at = at;
            try (InputStream suite = DashboardIT.class.getResourceAsStream(
                    "/org/ifl/producers/internal/sample/sample-suite.json")) {
                assertNotNull(suite, "the bundled sample suite on the class path");
                for (JsonNode item : JSON.readTree(suite).path("items")) {
                    String id = item.path("id").asText();
                    items.add(id);
                    Map<String, String> byLanguage = new HashMap<>();
                    item.path("languages").fields().forEachRemaining(e -> byLanguage.put(e.getKey(),
                            e.getValue().path("description").asText()));
                    descriptions.put(id, byLanguage);
                }
            }
        }

        /** c1 (faithful text, some images in English) and c2 (most images in English: a regression), c3 in part. */
        Path initial() throws IOException {
            List<String> lines = new ArrayList<>();
            for (String language : LANGUAGES) {
                for (int i = 0; i < 8; i++) {
                    lines.add(fidelity("replayed", "c1", i, language, "TEXT", true));
                    lines.add(fidelity("replayed", "c1", i, language, "IMAGE", i >= 2));
                    lines.add(fidelity("replayed", "c1", i, language, "IMAGE_REMEDY", i >= 1));
                    lines.add(fidelity("replayed", "c2", i, language, "TEXT", true));
                    // c2 loses the image on every item: on the 6 items c1 keeps it, d = -1 (paired alerts: the sign
                    // test rejects at 6 of 6)
                    lines.add(fidelity("replayed", "c2", i, language, "IMAGE", false));
                    lines.add(fidelity("replayed", "c2", i, language, "IMAGE_REMEDY", i < 4));
                }
            }
            for (int i = 0; i < 4; i++) {
                // The run id and items of c3's published queries, so these answer some of them.
                for (String arm : List.of("TEXT", "IMAGE", "IMAGE_REMEDY")) {
                    lines.add(fidelity("eval", "c3", i, "de", arm, true));
                }
            }
            lines.addAll(explanations());
            return write("initial.jsonl", lines);
        }

        /** Three more items of c2 from {@code first}, their images all faithful: c2's figures change. */
        Path more(int first) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String language : LANGUAGES) {
                for (int i = first; i < first + 3; i++) {
                    for (String arm : List.of("TEXT", "IMAGE", "IMAGE_REMEDY")) {
                        lines.add(fidelity("replayed", "c2", i, language, arm, true));
                    }
                }
            }
            return write("more-" + first + ".jsonl", lines);
        }

        private Path write(String name, List<String> lines) throws IOException {
            return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
        }

        private String fidelity(String runId, String checkpoint, int item, String language, String arm,
                boolean faithful) {
            // Past the suite's 12 items, its descriptions again under new item ids.
            String suiteItem = items.get(item % items.size());
            String id = item < items.size() ? suiteItem : suiteItem + "-" + item / items.size();
            ObjectNode line = JSON.createObjectNode().put("runId", runId).put("model", MODEL)
                    .put("checkpoint", checkpoint).put("dataset", "sample").put("itemId", id)
                    .put("language", language).put("arm", arm).put("prompt", "")
                    .put("text", descriptions.get(suiteItem).get(faithful ? language : "en"))
                    .put("completedAt", at.plusSeconds(item).toString());
            return line.toString();
        }

        /**
         * An artwork's answers in the four patterns (IMAGE arm, FULL alignment), in German and French: both
         * entities named where the answer is in the expected language's words, fewer where it is not.
         */
        private List<String> explanations() {
            Map<String, Map<String, String>> answers = Map.of(
                    "de", Map.of(
                            "EN_EN", "This famous portrait was painted by Leonardo in Florence during the Renaissance.",
                            "EN_L", "This famous portrait was painted by Leonardo in Florence during the Renaissance.",
                            "L_EN", "The painting shows a woman with a calm smile, painted by Leonardo.",
                            "L_L", "Das berühmte Bildnis wurde von Leonardo in Florenz gemalt und zeigt eine Frau."),
                    "fr", Map.of(
                            "EN_EN", "The portrait shows a woman with a calm smile and a landscape behind her.",
                            "EN_L", "Ce célèbre portrait a été peint par Léonard de Vinci à Florence.",
                            "L_EN", "This famous portrait was painted by Leonardo in Florence during the Renaissance.",
                            "L_L", "Ce portrait montre une femme au sourire calme devant un paysage."));
            Map<String, String> leonardo = Map.of("de", "Leonardo", "fr", "Léonard de Vinci");
            Map<String, String> florence = Map.of("de", "Florenz", "fr", "Florence");
            List<String> lines = new ArrayList<>();
            int second = 0;
            for (String language : List.of("de", "fr")) {
                for (String pattern : List.of("EN_EN", "EN_L", "L_EN", "L_L")) {
                    boolean englishInstruction = pattern.startsWith("EN_");
                    boolean englishOutput = pattern.endsWith("_EN");
                    String expected = englishOutput ? "en" : language;
                    ObjectNode line = JSON.createObjectNode().put("runId", "replayed").put("model", MODEL)
                            .put("checkpoint", "c1").put("dataset", "artwork/" + pattern).put("itemId", "Q12418")
                            .put("language", language).put("arm", "IMAGE").put("task", "EXPLANATION")
                            .put("instructionLanguage", englishInstruction ? "en" : language)
                            .put("expectedLanguage", expected).put("pattern", pattern).put("alignment", "FULL")
                            .put("prompt", "").put("text", answers.get(language).get(pattern))
                            .put("completedAt", at.plusSeconds(30 + second++).toString());
                    line.putArray("entities").add(entity("Q762", expected, expected.equals("en") ? "Leonardo"
                            : leonardo.get(language))).add(entity("Q2044", expected, expected.equals("en")
                            ? "Florence" : florence.get(language)));
                    line.putArray("cooccurringPairs").addArray().add("Q762").add("Q2044");
                    lines.add(line.toString());
                }
            }
            return lines;
        }

        private static ObjectNode entity(String id, String language, String form) {
            ObjectNode entity = JSON.createObjectNode().put("entityId", id);
            entity.putObject("surfaceForms").putArray(language).add(form);
            return entity;
        }
    }
}
