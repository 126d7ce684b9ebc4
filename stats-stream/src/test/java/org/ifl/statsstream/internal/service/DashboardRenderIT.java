package org.ifl.statsstream.internal.service;

import static org.ifl.statsstream.internal.service.StatsServiceKit.AT;
import static org.ifl.statsstream.internal.service.StatsServiceKit.produce;
import static org.ifl.statsstream.internal.service.StatsServiceKit.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.HeadlessChromium;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.SimulatedCompletions;
import org.ifl.statsstream.SimulatedCompletions.ArmProbabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The render time of the dashboard at the size issue 17 names: 4 models x 10 checkpoints x 24 cells (2 datasets x
 * 12 languages), served by a running stats-stream (embedded broker and registry) and shown in a real headless
 * Chromium. A measurement, not a timed assertion: each page is loaded several times and the time from navigation
 * start to its first complete render ({@code body[data-ready=true]}, read in the page with
 * {@code performance.now()}) is written to {@value #REPORT} and printed, median and max; what the test asserts is
 * that the pages rendered every row. docs/benchmarks.md reports the figures.
 */
class DashboardRenderIT {
    static final String REPORT = "target/dashboard-render.txt";
    private static final int MODELS = 4;
    private static final int CHECKPOINTS = 10;
    private static final List<String> DATASETS = List.of("maxm", "palo");
    private static final List<String> LANGUAGES = List.of(
            "ar", "bn", "de", "en", "es", "fr", "hi", "ja", "ro", "ru", "th", "zh");
    /** Items per cell, each answered in its three arms. */
    private static final int ITEMS = 3;
    /** Loads of each page, the first (a cold cache) reported apart from the others. */
    private static final int LOADS = 6;
    /**
     * Installed before any script of every document the browser opens: the page's clock
     * ({@code performance.now()}, 0 at navigation start) when body[data-ready] first turns true, and a
     * {@code performance.mark} there.
     */
    private static final String READY_CLOCK = """
            (() => {
              const seen = () => {
                if (window.__renderReadyAt === undefined && document.body
                    && document.body.dataset.ready === 'true') {
                  window.__renderReadyAt = performance.now();
                  performance.mark('dashboard-ready');
                }
              };
              new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true,
                attributeFilter: ['data-ready'] });
            })();
            """;

    @TempDir
    static Path dataDir;
    private static EmbeddedPlatform platform;
    private static ApplicationContext stats;
    private static URI base;
    private static volatile String lastCheckpoints;

    @BeforeAll
    static void startWithFourModels() throws Exception {
        HeadlessChromium.assumeAvailable();
        platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir));
        Topics topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
        stats = StatsServiceKit.start(platform, dataDir.resolve("state"), "ifl-stats-render");
        base = URI.create(stats.getBean(EmbeddedServer.class).getURL().toString());
        List<Checkpoint> registrations = new ArrayList<>();
        List<LabeledCompletion> answers = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(17);
        for (int m = 1; m <= MODELS; m++) {
            for (int c = 1; c <= CHECKPOINTS; c++) {
                registrations.add(Checkpoint.newBuilder().setModel(model(m)).setCheckpoint(checkpoint(c))
                        .setBackend("djl").setRegisteredAt(AT.plus(c, ChronoUnit.MINUTES))
                        .setAttributes(Map.of("step", String.valueOf(1000 * c))).build());
                for (String dataset : DATASETS) {
                    for (String language : LANGUAGES) {
                        double text = 0.8 + 0.15 * random.nextDouble();
                        double image = text - 0.3 * random.nextDouble();
                        answers.addAll(SimulatedCompletions.cell("render", model(m), checkpoint(c), dataset,
                                language, ITEMS, new ArmProbabilities(text, image, (text + image) / 2),
                                SimulatedCompletions.ALL_ARMS, random, AT));
                    }
                }
            }
        }
        produce(platform, topics.topic(Topics.CHECKPOINTS), registrations,
                r -> RecordKey.checkpoint(r.getModel(), r.getCheckpoint()));
        produce(platform, topics.topic(Topics.LABELED), answers);
        long answersPerCheckpoint = (long) DATASETS.size() * LANGUAGES.size() * ITEMS
                * SimulatedCompletions.ALL_ARMS.size();
        for (int m = 1; m <= MODELS; m++) {
            String model = model(m);
            try {
                Await.until(model + "'s " + CHECKPOINTS + " checkpoints with every answer counted on /checkpoints",
                        () -> countedOfEvery(model, answersPerCheckpoint));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; " + answersPerCheckpoint + " answers and "
                        + DATASETS.size() * LANGUAGES.size() + " cells each expected, last served: "
                        + lastCheckpoints, e);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (stats != null) {
            stats.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void overviewAndCheckpointPageRenderEveryRowAndTheirRenderTimesAreReported() throws Exception {
        List<String> report = new ArrayList<>();
        report.add("dashboard render time, " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ": " + MODELS
                + " models x " + CHECKPOINTS + " checkpoints x " + DATASETS.size() * LANGUAGES.size() + " cells ("
                + DATASETS.size() + " datasets x " + LANGUAGES.size() + " languages), " + ITEMS
                + " items a cell; headless Chromium, viewport " + HeadlessChromium.Viewport.DESKTOP.label());
        report.add("time: from navigation start to body[data-ready=true] (performance.now() in the page), " + LOADS
                + " loads a page one after another, the first apart (cold cache), median and max of the others");
        try (HeadlessChromium browser = HeadlessChromium.start(HeadlessChromium.Viewport.DESKTOP)) {
            browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    READY_CLOCK));
            report.add("browser: " + browser.driver().getCapabilities().getBrowserName() + " "
                    + browser.driver().getCapabilities().getBrowserVersion() + "; " + Runtime.getRuntime()
                    .availableProcessors() + " cores");

            List<Load> overview = loads(browser, base.resolve("/dashboard/"), () -> {
                Map<String, Long> rows = rowsByModel(browser);
                assertEquals(MODELS, rows.size(), "a table per model on the overview: " + rows);
                rows.forEach((model, count) -> assertEquals(CHECKPOINTS, count, model
                        + ": a row per checkpoint on the overview"));
                assertEquals(MODELS * CHECKPOINTS, number(browser.script("return document.querySelectorAll("
                        + "'tr[data-model][data-checkpoint] td[data-figure=ifl][data-value]:not([data-value=\"\"])')"
                        + ".length")), "every overview row shows its avg IFL");
            });
            report.add(line("overview (/dashboard/, " + MODELS * CHECKPOINTS + " rows, " + MODELS
                    + " trend charts)", overview));

            String checkpointPage = "/dashboard/checkpoint.html?model=" + model(2) + "&checkpoint="
                    + checkpoint(5);
            int cells = DATASETS.size() * LANGUAGES.size();
            List<Load> checkpoint = loads(browser, base.resolve(checkpointPage), () -> {
                assertEquals(cells, number(browser.script("return document.querySelectorAll("
                        + "'table#figures tr[data-dataset][data-language]').length")),
                        "a row per (dataset, language) on " + checkpointPage);
                assertEquals(cells, number(browser.script("return document.querySelectorAll("
                        + "'table#figures td[data-figure=ifl][data-value]:not([data-value=\"\"])').length")),
                        "every row of " + checkpointPage + " shows its IFL");
            });
            report.add(line("checkpoint page (" + checkpointPage + ", " + cells + " rows)", checkpoint));
            assertEquals(List.of(), browser.consoleErrors(), "the browser console's errors");
        }
        report.add(String.format(Locale.ROOT, "load average (1 min) at the end: %.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Files.createDirectories(Path.of(REPORT).getParent());
        Files.write(Path.of(REPORT), report);
        report.forEach(System.out::println);
    }

    /**
     * One load of a page, each in ms from navigation start: DOMContentLoaded, the first API request's start and the
     * last one's response end (fetches before the first render; NaN where none), and its first complete render.
     */
    private record Load(double domContentLoaded, double apiStart, double apiEnd, double ready) {
    }

    /**
     * Loads {@code url} {@value #LOADS} times, each until its first complete render, checking each with
     * {@code rendered}; returns the loads in order.
     */
    private static List<Load> loads(HeadlessChromium browser, URI url, Runnable rendered) {
        List<Load> loads = new ArrayList<>();
        for (int i = 0; i < LOADS; i++) {
            browser.open(url);
            rendered.run();
            List<?> times = (List<?>) browser.script("""
                    const ready = window.__renderReadyAt === undefined ? null : window.__renderReadyAt;
                    const api = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch'
                        && ready !== null && e.startTime < ready);
                    return [ready, performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
                        api.length ? Math.min(...api.map(e => e.startTime)) : null,
                        api.length ? Math.max(...api.map(e => e.responseEnd)) : null];
                    """);
            assertTrue(times.get(0) instanceof Number, url + ": the page's clock saw body[data-ready] turn true");
            loads.add(new Load(ms(times.get(1)), ms(times.get(2)), ms(times.get(3)), ms(times.get(0))));
        }
        return loads;
    }

    private static double ms(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String line(String page, List<Load> loads) {
        List<Load> warm = loads.subList(1, loads.size());
        double[] ready = warm.stream().mapToDouble(Load::ready).sorted().toArray();
        Load first = loads.get(0);
        return String.format(Locale.ROOT, "%s: first load %.0f ms (DOMContentLoaded %.0f ms, API requests from %.0f"
                + " to %.0f ms, rendered %.0f ms after the last response); then median %.0f ms, max %.0f ms;"
                + " medians of the steps: DOMContentLoaded %.0f ms, API requests from %.0f to %.0f ms, rendered"
                + " %.0f ms after the last response; all loads: %s", page, first.ready(), first.domContentLoaded(),
                first.apiStart(), first.apiEnd(), first.ready() - first.apiEnd(), median(ready),
                ready[ready.length - 1], median(warm, Load::domContentLoaded), median(warm, Load::apiStart),
                median(warm, Load::apiEnd), median(warm, l -> l.ready() - l.apiEnd()), String.join(" ",
                        loads.stream().map(l -> String.format(Locale.ROOT, "%.0f", l.ready())).toList()));
    }

    private static double median(List<Load> loads, ToDoubleFunction<Load> step) {
        return median(loads.stream().mapToDouble(step).sorted().toArray());
    }

    private static double median(double[] sorted) {
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    private static Map<String, Long> rowsByModel(HeadlessChromium browser) {
        Object models = browser.script("return Array.from(document.querySelectorAll("
                + "'tr[data-model][data-checkpoint]'), r => r.dataset.model)");
        Map<String, Long> rows = new TreeMap<>();
        for (Object model : (List<?>) models) {
            rows.merge(model.toString(), 1L, Long::sum);
        }
        return rows;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /**
     * Whether /checkpoints lists {@code model}'s checkpoints, each with all its cells and answers counted; not
     * while the service answers 503 (its stores not open yet).
     */
    private static boolean countedOfEvery(String model, long answers) {
        String path = "/checkpoints?model=" + model;
        try {
            HttpResponse<String> response = send(stats, path);
            lastCheckpoints = response.statusCode() + " " + response.body();
            if (response.statusCode() == 503) {
                return false;
            }
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            JsonNode checkpoints = StatsServiceKit.JSON.readTree(response.body());
            int complete = 0;
            for (JsonNode c : checkpoints) {
                if (c.path("cells").asInt() == DATASETS.size() * LANGUAGES.size()
                        && c.path("counted").asLong() == answers) {
                    complete++;
                }
            }
            return complete == CHECKPOINTS;
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        }
    }

    private static String model(int m) {
        return "render-model-" + m;
    }

    private static String checkpoint(int c) {
        return String.format(Locale.ROOT, "ckpt-%02d", c);
    }
}
