package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.lidstream.LidService;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.platform.testkit.HeadlessChromium;
import org.ifl.platform.testkit.HeadlessChromium.Viewport;
import org.ifl.producers.AnnotationSampling;
import org.ifl.producers.AnnotationSheets;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.Condition;
import org.ifl.schemas.avro.ExpertAnnotation;
import org.ifl.schemas.avro.ImageRef;
import org.ifl.schemas.avro.ItemReferences;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Expert labels end to end on the embedded platform, as a team uses them: a checkpoint's answers (with their
 * queries and images, as a worker leaves them) go through the real lid-stream and stats-stream; {@code ifl annotate
 * sample} draws them per cell with known probabilities; one verdict is given on the annotation page in headless
 * Chromium, the rest in the sheet, which {@code ifl annotate import} checks whole and publishes (a second import
 * publishes nothing, a wrong sheet nothing at all); stats-stream's DSL figures then equal the ones worked out here
 * from the surrogates on eval.labeled, the verdicts and the probabilities.
 */
class AnnotationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String MODEL = "vlm";
    private static final String CHECKPOINT = "c1";
    private static final String DATASET = "scenes";
    private static final List<String> LANGUAGES = List.of("de", "fr");
    private static final int ITEMS = 40;
    private static final int PER_CELL = 20;
    private static final long SEED = 5;
    private static final Map<String, String[]> SENTENCES = Map.of(
            "de", new String[] {"Der Kreis auf dem Bild ist rot und steht oben links neben dem Haus.",
                "Der Kreis auf dem Bild ist blau und steht oben links neben dem Haus."},
            "fr", new String[] {"Le cercle sur l'image est rouge et se trouve en haut à gauche de la maison.",
                "Le cercle sur l'image est bleu et se trouve en haut à gauche de la maison."},
            "en", new String[] {"The circle in the picture is red and stands at the top left next to the house.",
                "The circle in the picture is blue and stands at the top left next to the house."});
    private static final Map<String, String> RED = Map.of("de", "rot", "fr", "rouge");

    @BeforeAll
    static void chromium() {
        HeadlessChromium.assumeAvailable();
    }

    /** The truth about one answer: whether it is in the expected language and whether it is right. */
    private record Truth(boolean inExpectedLanguage, boolean correct) {
    }

    @Test
    void sampledAnswersLabelledOnThePageAndInTheSheetBecomeDslFigures(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        int port = LiveStages.freePort();
        URI api = URI.create("http://127.0.0.1:" + port + "/");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Map<String, Object> lid = LiveStages.lid(platform, dir, "de,en,fr,it,es");
            Map<String, Object> stats = LiveStages.stats(platform, dir, port);
            CompletableFuture<HeadlessChromium> browserStarting = CompletableFuture.supplyAsync(
                    () -> HeadlessChromium.start(Viewport.DESKTOP));
            ClusterAccess cluster = ClusterAccess.plain(platform.bootstrapServers(), platform.registryUrl());
            Map<String, Truth> truth = publishAnswers(cluster, DATASET, ITEMS);
            try (ApplicationContext statsStream = ServiceContext.serve(StatsService.ENVIRONMENT, stats);
                    ApplicationContext lidStream = ServiceContext.serve(LidService.ENVIRONMENT, lid);
                    HeadlessChromium browser = browserStarting.join()) {
                LiveStages.awaitJson(api, "checkpoints?model=" + MODEL, "every answer counted", list -> list.size() == 1
                        && list.get(0).path("counted").asLong() == truth.size());

                // (1) The sample: per cell, each answer with pi = 20 / 80, the draw fixed by seed and id.
                Path sheet = dir.resolve("sheet");
                Run sample = Run.of("annotate", "sample", "--data-dir", dataDir.toString(), "--model", MODEL,
                        "--checkpoint", CHECKPOINT, "--per-cell", String.valueOf(PER_CELL), "--seed",
                        String.valueOf(SEED), "--out", sheet.toString());
                assertEquals(0, sample.exitCode(), sample.out() + sample.err());
                double pi = (double) PER_CELL / (2 * ITEMS);
                AnnotationSampling design = new AnnotationSampling(SEED, AnnotationSampling.Target.perCell(PER_CELL));
                Set<String> expectedDrawn = truth.keySet().stream().filter(id -> design.drawn(id, pi))
                        .collect(Collectors.toSet());
                Path csv = Path.of(sheet + ".csv");
                List<AnnotationSheets.Line> rows = AnnotationSheets.read(csv);
                assertEquals(expectedDrawn, rows.stream().map(l -> l.row().completionId()).collect(Collectors.toSet()));
                assertEquals(rows.stream().map(l -> l.row().completionId()).toList(),
                        AnnotationSheets.read(Path.of(sheet + ".jsonl")).stream().map(l -> l.row().completionId())
                                .toList(), "the CSV and JSON Lines sheets list the same answers");
                assertTrue(rows.stream().allMatch(l -> l.row().samplingProbability() == pi
                        && l.row().sample().equals("seed 5, 20 per cell")), "pi and design on every row");
                assertTrue(rows.stream().filter(l -> l.row().arm().equals("IMAGE"))
                        .allMatch(l -> Files.isRegularFile(dir.resolve(l.row().image()))), "the images beside it");
                assertTrue(sample.out().contains("sample seed 5, 20 per cell of vlm c1: " + rows.size() + " of "
                        + truth.size() + " answers in 2 strata"), sample.out());

                // (1a) Per arm of each cell (here the same pi, 10 of 40), as a dry run: the strata, no sheet.
                Run perArm = Run.of("annotate", "sample", "--data-dir", dataDir.toString(), "--model", MODEL,
                        "--checkpoint", CHECKPOINT, "--per-arm", "10", "--seed", String.valueOf(SEED), "--out",
                        dir.resolve("per-arm").toString(), "--dry-run");
                assertEquals(0, perArm.exitCode(), perArm.out() + perArm.err());
                assertTrue(perArm.out().contains("sample seed 5, 10 per arm of a cell of vlm c1: " + rows.size()
                        + " of " + truth.size() + " answers in 4 strata"), perArm.out());
                assertTrue(perArm.out().contains("vlm|c1|scenes|de|IMAGE       40  0.2500"), perArm.out());
                assertFalse(Files.exists(dir.resolve("per-arm.csv")));

                // (1b) --follow draws answers as they arrive: a new dataset's, all of them at rate 1.
                Path followed = dir.resolve("followed");
                CompletableFuture<Run> following = CompletableFuture.supplyAsync(() -> Run.of("annotate", "sample",
                        "--data-dir", dataDir.toString(), "--model", MODEL, "--checkpoint", CHECKPOINT, "--dataset",
                        "later", "--rate", "1", "--follow", "--follow-for", "12s", "--out", followed.toString()));
                Map<String, Truth> later = publishAnswers(cluster, "later", 3);
                Run follow = following.join();
                assertEquals(0, follow.exitCode(), follow.out() + follow.err());
                // Whatever lid-stream had labelled when the command started is drawn at once, the rest as it comes.
                assertTrue(follow.out().contains("followed: drew "), follow.out());
                assertEquals(later.keySet(), AnnotationSheets.read(Path.of(followed + ".jsonl")).stream()
                        .map(l -> l.row().completionId()).collect(Collectors.toSet()));

                // (2) The page: the first answer's verdicts given in Chromium, published at once.
                String pageLabelled = labelOnThePage(browser, cluster, csv, rows, truth);

                // (3) The sheet: every other answer judged but three, imported whole; again, nothing new.
                List<String> unjudged = rows.stream().map(l -> l.row().completionId())
                        .filter(id -> !id.equals(pageLabelled)).limit(3).toList();
                Path filled = dir.resolve("filled.csv");
                Files.writeString(filled, fill(Files.readString(csv), truth, id -> id.equals(pageLabelled)
                        || unjudged.contains(id)));
                Run imported = Run.of("annotate", "import", filled.toString(), "--data-dir", dataDir.toString());
                assertEquals(0, imported.exitCode(), imported.out() + imported.err());
                int judged = rows.size() - 4;
                assertEquals("published " + judged + " verdicts to eval.annotations; 0 already published as they "
                        + "are; 4 rows not judged yet\n", imported.out());
                Run again = Run.of("annotate", "import", filled.toString(), "--data-dir", dataDir.toString());
                assertEquals("published 0 verdicts to eval.annotations; " + judged + " already published as they "
                        + "are; 4 rows not judged yet\n", again.out(), again.err());

                // (4) A sheet with wrong rows: every problem named, nothing published.
                Path wrong = dir.resolve("wrong.csv");
                List<String> lines = new ArrayList<>(Files.readAllLines(filled));
                lines.set(1, lines.get(1).replaceFirst("^[^,]+,", "no-such-answer,"));
                lines.set(2, lines.get(2).replace("," + pi + ",", ",0,"));
                Files.write(wrong, lines);
                Run refused = Run.of("annotate", "import", wrong.toString(), "--data-dir", dataDir.toString());
                assertEquals(2, refused.exitCode(), refused.out() + refused.err());
                assertTrue(refused.err().contains(wrong + ":3: sampling_probability: 0 is outside (0, 1]"),
                        refused.err());
                int published = judged + 1;
                assertEquals(published, annotations(platform).size(), "nothing more published");

                // (5) The DSL figures stats-stream serves are the ones the verdicts give.
                Map<String, LabeledCompletion> labeled = labeled(platform);
                Map<String, ExpertAnnotation> verdicts = annotations(platform);
                JsonNode cells = LiveStages.awaitJson(api, "cells?model=" + MODEL + "&checkpoint=" + CHECKPOINT,
                        "every verdict applied", c -> sum(c, "dsl.labels") == published);
                List<JsonNode> scenes = new ArrayList<>();
                cells.forEach(c -> {
                    if (c.path("dataset").asText().equals(DATASET)) {
                        scenes.add(c);
                    }
                });
                assertEquals(LANGUAGES.size(), scenes.size());
                for (JsonNode cell : scenes) {
                    String language = cell.path("language").asText();
                    assertEquals(dslIfl(labeled, verdicts, language),
                            cell.path("dsl").path("ifl").path("value").asDouble(), 1e-9, "DSL IFL of " + language);
                    assertEquals(ITEMS, cell.path("dsl").path("ifl").path("n").asLong());
                    assertEquals(dslAccuracyDifference(labeled, verdicts, language),
                            cell.path("accuracy").path("dslDifference").path("value").asDouble(), 1e-9,
                            "DSL accuracy difference of " + language);
                }

                // (6) The report shows them beside the identifier's, with the labels they rest on.
                Run json = Run.of("report", "--model", MODEL, "--checkpoint", CHECKPOINT, "--url", api.toString(),
                        "--format", "json");
                assertEquals(0, json.exitCode(), json.out() + json.err());
                Map<String, JsonNode> rowsByLanguage = new HashMap<>();
                JSON.readTree(json.out()).forEach(r -> {
                    if (r.path("dataset").asText().equals(DATASET)) {
                        rowsByLanguage.put(r.path("language").asText(), r);
                    }
                });
                for (String language : LANGUAGES) {
                    JsonNode row = rowsByLanguage.get(language);
                    long languageLabels = verdicts.values().stream().filter(v -> v.getPair().getLanguage()
                            .equals(language) && v.getPair().getDataset().equals(DATASET)
                            && v.getTrueLanguage() != null).count();
                    assertEquals(languageLabels, row.path("DSL labels").asLong(), row.toString());
                    assertEquals(dslIfl(labeled, verdicts, language), row.path("DSL IFL").path("value").asDouble(),
                            1e-9, row.toString());
                    assertEquals(dslAccuracyDifference(labeled, verdicts, language),
                            row.path("DSL Acc image-text").path("value").asDouble(), 1e-9, row.toString());
                }
                Run text = Run.of("report", "--model", MODEL, "--checkpoint", CHECKPOINT, "--url", api.toString());
                assertEquals(0, text.exitCode(), text.out() + text.err());
                assertTrue(text.out().contains("DSL IFL") && text.out().contains("DSL Acc image-text"), text.out());

                // (7) The dashboard's checkpoint page shows the API's DSL and accuracy figures.
                browser.open(api.resolve("dashboard/checkpoint.html?model=" + MODEL + "&checkpoint=" + CHECKPOINT));
                for (JsonNode cell : scenes) {
                    String row = "tr[data-dataset=" + DATASET + "][data-language=" + cell.path("language").asText()
                            + "] ";
                    assertEquals(cell.path("dsl").path("ifl").path("value").asDouble(), shown(browser, "#figures "
                            + row + "td[data-figure=dslIfl]"), 1e-9, row);
                    assertEquals(cell.path("accuracy").path("dslDifference").path("value").asDouble(),
                            shown(browser, "#accuracy " + row + "td[data-figure=dslAccuracyDifference]"), 1e-9, row);
                }
                for (Viewport viewport : List.of(Viewport.DESKTOP, Viewport.PHONE)) {
                    browser.viewport(viewport);
                    browser.script("document.getElementById('accuracy').scrollIntoView()");
                    browser.screenshot(SCREENSHOTS, "checkpoint-labelled", viewport);
                }
                browser.viewport(Viewport.DESKTOP);
            }
        }
    }

    /** Gives the first row's verdicts on the annotation page; returns its completion id. */
    private static String labelOnThePage(HeadlessChromium browser, ClusterAccess cluster, Path sheet,
            List<AnnotationSheets.Line> rows, Map<String, Truth> truth) throws Exception {
        LabeledAnswers answers = LabeledAnswers.ofSheet(cluster, rows, "annotation-it");
        AnnotationSheets.Line first = rows.stream().filter(l -> l.row().arm().equals("IMAGE")).findFirst()
                .orElseThrow();
        int firstIndex = rows.indexOf(first);
        try (Producer<String, ExpertAnnotation> producer = new TopicProducers(cluster).create(Topics.ANNOTATIONS,
                "annotation-it");
                AnnotationPage page = new AnnotationPage(sheet, rows, answers::get, producer, null,
                        new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC())) {
            browser.open(URI.create("http://127.0.0.1:" + page.port() + "/"));
            browser.script("arguments[0].click()", browser.driver().findElement(By.id("next")));
            browser.until("the first image row", HeadlessChromium.PAGE_WAIT, () -> {
                if (String.valueOf(firstIndex).equals(browser.script("return document.body.dataset.index"))) {
                    return true;
                }
                browser.driver().findElement(By.id("next")).click();
                return false;
            });
            assertEquals(first.row().question(), text(browser, "question"));
            assertEquals(first.row().answer(), text(browser, "answer"));
            browser.until("the image to load", HeadlessChromium.PAGE_WAIT, () -> ((Number) browser.script(
                    "return document.getElementById('image').naturalWidth")).intValue() > 0);
            // Saving without a verdict is refused on the page.
            browser.driver().findElement(By.id("annotator")).sendKeys("expert-7");
            browser.driver().findElement(By.id("save")).click();
            assertTrue(text(browser, "status").contains("Choose yes, no or unclear"), text(browser, "status"));

            Truth t = truth.get(first.row().completionId());
            browser.driver().findElement(By.cssSelector("input[name=in_expected_language][value="
                    + (t.inExpectedLanguage() ? "yes" : "no") + "]")).click();
            if (!t.inExpectedLanguage()) {
                browser.driver().findElement(By.id("true-language")).sendKeys("en");
            }
            browser.driver().findElement(By.cssSelector("input[name=correct][value="
                    + (t.correct() ? "yes" : "no") + "]")).click();
            browser.screenshot(SCREENSHOTS, "annotate", Viewport.DESKTOP);
            browser.driver().findElement(By.id("save")).click();
            browser.until("the page to move on", HeadlessChromium.PAGE_WAIT,
                    () -> text(browser, "progress").startsWith("1 of " + rows.size()));
            assertTrue(text(browser, "status").contains("Saved and published"), text(browser, "status"));
            browser.viewport(Viewport.PHONE);
            browser.screenshot(SCREENSHOTS, "annotate", Viewport.PHONE);
            browser.viewport(Viewport.DESKTOP);
            assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
        }
        List<AnnotationSheets.Line> kept = AnnotationSheets.read(AnnotationPage.labelsFile(sheet));
        assertEquals(1, kept.size());
        assertEquals("expert-7", kept.get(0).row().annotator());
        return first.row().completionId();
    }

    /** The value a figure cell of the page holds (its data-value), found by a CSS selector. */
    private static double shown(HeadlessChromium browser, String selector) {
        return Double.parseDouble(browser.driver().findElement(By.cssSelector(selector)).getAttribute("data-value"));
    }

    private static String text(HeadlessChromium browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** The sheet with each row's verdicts filled from the truth, but those {@code leaveBlank}. */
    private static String fill(String csv, Map<String, Truth> truth, Predicate<String> leaveBlank) throws IOException {
        List<String> columns = AnnotationSheets.COLUMNS;
        StringBuilder out = new StringBuilder();
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(csv,
                org.apache.commons.csv.CSVFormat.DEFAULT);
                org.apache.commons.csv.CSVPrinter printer = new org.apache.commons.csv.CSVPrinter(out,
                        org.apache.commons.csv.CSVFormat.DEFAULT)) {
            boolean header = true;
            for (org.apache.commons.csv.CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.toList());
                String id = cells.get(0);
                if (!header && !leaveBlank.test(id)) {
                    Truth t = truth.get(id);
                    cells.set(columns.indexOf("in_expected_language"), t.inExpectedLanguage() ? "yes" : "no");
                    cells.set(columns.indexOf("true_language"), t.inExpectedLanguage() ? "" : "en");
                    cells.set(columns.indexOf("correct"), t.correct() ? "yes" : "no");
                    cells.set(columns.indexOf("annotator"), "expert-3");
                }
                printer.printRecord(cells);
                header = false;
            }
        }
        return out.toString();
    }

    /**
     * A DSL difference of a cell worked out here: per item, Y~ = s + (R / pi)(Y - s) of each arm (s the surrogate of
     * the answer on eval.labeled, Y the expert's verdict where one was published, R = 1 there), then the mean of
     * Y~_image - Y~_text.
     */
    private static double dslDifference(Map<String, LabeledCompletion> labeled, Map<String, ExpertAnnotation> verdicts,
            String language, Function<LabeledCompletion, Double> surrogate,
            Function<ExpertAnnotation, Double> expert) {
        Map<String, double[]> byItem = new HashMap<>();
        for (LabeledCompletion answer : labeled.values()) {
            Completion c = answer.getCompletion();
            if (!c.getPair().getLanguage().equals(language) || !c.getPair().getDataset().equals(DATASET)) {
                continue;
            }
            double s = surrogate.apply(answer);
            ExpertAnnotation verdict = verdicts.get(c.getCompletionId());
            Double y = verdict == null ? null : expert.apply(verdict);
            double pseudo = y == null ? s : s + (y - s) / verdict.getSamplingProbability();
            byItem.computeIfAbsent(c.getPair().getItemId(), i -> new double[2])[
                    c.getCondition().getArm() == Arm.IMAGE ? 1 : 0] = pseudo;
        }
        return byItem.values().stream().mapToDouble(p -> p[1] - p[0]).average().orElseThrow();
    }

    /** Fidelity: the identifier's verdict, the expert's language. */
    private static double dslIfl(Map<String, LabeledCompletion> labeled, Map<String, ExpertAnnotation> verdicts,
            String language) {
        return dslDifference(labeled, verdicts, language, a -> (double) a.getScores().getFidelity(),
                v -> v.getTrueLanguage() == null ? null : v.getTrueLanguage().equals(language) ? 1.0 : 0.0);
    }

    /** Accuracy: the reference-answer match (0 where absent), the expert's correctness. */
    private static double dslAccuracyDifference(Map<String, LabeledCompletion> labeled,
            Map<String, ExpertAnnotation> verdicts, String language) {
        return dslDifference(labeled, verdicts, language, a -> Boolean.TRUE.equals(a.getAnswerMatch()) ? 1.0 : 0.0,
                v -> v.getCorrect() == null ? null : v.getCorrect() ? 1.0 : 0.0);
    }

    /**
     * A checkpoint's answers as an inference worker leaves them, with their queries (an inline 16 px image and a
     * description each): per language and item a TEXT and an IMAGE answer, in the expected language or in English
     * (the image arm more often English), saying the circle is red (correct) or blue. Returns the truth by
     * completion id.
     */
    private static Map<String, Truth> publishAnswers(ClusterAccess cluster, String dataset, int items)
            throws IOException {
        SplittableRandom random = new SplittableRandom(21);
        Map<String, Truth> truth = new LinkedHashMap<>();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TopicProducers producers = new TopicProducers(cluster);
        try (Producer<String, Query> queries = producers.create(Topics.QUERIES, "annotation-it-queries");
                Producer<String, Completion> completions = producers.create(Topics.COMPLETIONS, "annotation-it")) {
            for (String language : LANGUAGES) {
                for (int item = 0; item < items; item++) {
                    PairKey pair = new PairKey("run-1", MODEL, CHECKPOINT, dataset, "item-" + item, language);
                    ItemReferences references = ItemReferences.newBuilder().setAnswers(List.of(RED.get(language)))
                            .build();
                    for (Arm arm : List.of(Arm.TEXT, Arm.IMAGE)) {
                        String id = dataset + "-" + language + "-" + item + "-" + arm;
                        boolean faithful = random.nextDouble() < (arm == Arm.TEXT ? 0.9 : 0.55);
                        boolean correct = random.nextDouble() < 0.7;
                        String text = SENTENCES.get(faithful ? language : "en")[correct ? 0 : 1];
                        Condition condition = Condition.newBuilder().setArm(arm).setInstructionLanguage(language)
                                .setExpectedLanguage(language).build();
                        String prompt = language.equals("de") ? "Welche Farbe hat der Kreis?"
                                : "De quelle couleur est le cercle ?";
                        Query query = Query.newBuilder().setQueryId("q-" + id).setPair(pair).setCondition(condition)
                                .setPrompt(prompt).setDescription("A red circle at the top left, a house.")
                                .setImage(arm == Arm.IMAGE ? new ImageRef("scenes/" + item + ".png", null,
                                        "image/png", 16, 16) : null)
                                .setImageBytes(arm == Arm.IMAGE ? ByteBuffer.wrap(png(item)) : null)
                                .setReferences(references).setCreatedAt(at).build();
                        queries.send(new ProducerRecord<>(Topics.QUERIES.name(), RecordKey.pair(pair), query));
                        Completion completion = Completion.newBuilder().setCompletionId(id).setQueryId("q-" + id)
                                .setPair(pair).setCondition(condition).setPrompt(prompt).setReferences(references)
                                .setText(text).setBackend("it").setQueriedAt(at).setCompletedAt(at).build();
                        completions.send(new ProducerRecord<>(Topics.COMPLETIONS.name(), RecordKey.cell(pair),
                                completion));
                        truth.put(id, new Truth(faithful, correct));
                    }
                }
            }
        }
        return truth;
    }

    private static byte[] png(int item) throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                image.setRGB(x, y, (x - 4) * (x - 4) + (y - 4) * (y - 4) < 10 ? Color.RED.getRGB()
                        : new Color(200, 220, 255 - item).getRGB());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static Map<String, LabeledCompletion> labeled(EmbeddedPlatform platform) {
        Map<String, LabeledCompletion> byId = new HashMap<>();
        CommittedRecords.readToEnd(platform.bootstrapServers(), Topics.LABELED.name(),
                topics(platform).topic(Topics.LABELED).valueSerde().deserializer())
                .forEach(l -> byId.put(l.getCompletion().getCompletionId(), l));
        return byId;
    }

    private static Map<String, ExpertAnnotation> annotations(EmbeddedPlatform platform) {
        Map<String, ExpertAnnotation> latest = new HashMap<>();
        CommittedRecords.readToEnd(platform.bootstrapServers(), Topics.ANNOTATIONS.name(),
                topics(platform).topic(Topics.ANNOTATIONS).valueSerde().deserializer())
                .forEach(a -> latest.put(a.getCompletionId(), a));
        return latest;
    }

    private static Topics topics(EmbeddedPlatform platform) {
        return new Topics(org.ifl.schemas.serde.RegistryAvroSerdes.forUrl(platform.registryUrl()));
    }

    private static long sum(JsonNode cells, String path) {
        long total = 0;
        for (JsonNode cell : cells) {
            JsonNode at = cell;
            for (String part : path.split("\\.")) {
                at = at.path(part);
            }
            total += at.asLong();
        }
        return total;
    }
}
