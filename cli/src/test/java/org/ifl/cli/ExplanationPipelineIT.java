package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ifl.cli.IflCommandTest.Run;
import org.ifl.lidstream.LidService;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.service.ServiceContext;
import org.ifl.producers.CheckedImage;
import org.ifl.producers.EvaluationTarget;
import org.ifl.producers.FanOut;
import org.ifl.producers.ReplayFormats;
import org.ifl.producers.SuiteItem;
import org.ifl.producers.internal.suite.artwork.ArtworkReader;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.ImageRef;
import org.ifl.schemas.avro.PromptPattern;
import org.ifl.schemas.avro.Query;
import org.ifl.statsstream.StatsService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An explanation suite from its file to the paper's entity table over HTTP, through every stage on the
 * embedded broker: {@code ifl publish} (queries and the entity vocabulary), answers to those queries replayed
 * with {@code ifl replay}, lid-stream (language, fidelity, entity scores against the vocabulary), stats-stream
 * (explanation figures per pattern, language and alignment) and {@code ifl report --task explanation}.
 */
class ExplanationPipelineIT {
    private static final String ARTWORK = String.join(" ",
            "{\"id\": \"Q12418\", \"image\": \"https://e.org/mona.jpg\",",
            "\"titles\": {\"en\": \"Mona Lisa\", \"de\": \"Mona Lisa\"},",
            "\"articles\": {",
            "\"en\": {\"text\": \"The Mona Lisa was painted by Leonardo in Florence.\", \"entities\": [",
            "{\"id\": \"Q762\", \"forms\": {\"en\": [\"Leonardo\"]}}, {\"id\": \"Q2044\", \"forms\": {\"en\": [\"Florence\"]}}]},",
            "\"de\": {\"text\": \"Leonardo malte die Mona Lisa in Florenz.\", \"entities\": [",
            "{\"id\": \"Q762\", \"forms\": {\"de\": [\"Leonardo\"]}}, {\"id\": \"Q2044\", \"forms\": {\"de\": [\"Florenz\"]}}]}}}");

    /** What the model answered in each pattern: the IMAGE arm only. */
    private static final Map<PromptPattern, String> ANSWERS = Map.of(
            // Asked in English, answer in English: both entities, in one sentence.
            PromptPattern.EN_EN, "This famous portrait was painted by Leonardo in Florence during the Renaissance.",
            // Asked to answer in German, answered in English: only Leonardo is written alike in German.
            PromptPattern.EN_L, "This famous portrait was painted by Leonardo in Florence during the Renaissance.",
            // Asked in German for English: one of the two entities.
            PromptPattern.L_EN, "The painting shows a woman with a calm smile, painted by Leonardo.",
            // Asked in German for German: both, in one sentence.
            PromptPattern.L_L, "Das berühmte Bildnis wurde von Leonardo in Florenz gemalt und zeigt eine Frau.");

    @Test
    void anExplanationSuiteBecomesThePapersEntityTable(@TempDir Path dir) throws Exception {
        Path artworks = Files.writeString(dir.resolve("artworks.jsonl"), ARTWORK + "\n");
        Path dataDir = dir.resolve("data");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Run publish = Run.of("publish", "--data-dir", dataDir.toString(), "--model", "vlm", "--checkpoint", "c1",
                    "--suite", "artwork=" + artworks);
            assertEquals(0, publish.exitCode(), publish.err() + publish.out());

            // The model's answers to the IMAGE queries just published, stored as a run and replayed.
            SuiteItem item = new ArtworkReader().read(artworks).items().get(0);
            CheckedImage image = new CheckedImage(ImageRef.newBuilder().setUri("https://e.org/mona.jpg").build(),
                    null, false);
            EvaluationTarget target = new EvaluationTarget("eval", "vlm", "c1", true, Map.of(), null);
            Path run = dir.resolve("run.jsonl");
            Instant at = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            try (BufferedWriter out = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
                for (Query q : FanOut.queries(item, target, image, at)) {
                    if (q.getCondition().getArm() == Arm.IMAGE) {
                        ReplayFormats.writeJsonl(Completion.newBuilder().setCompletionId(q.getQueryId() + "/answer")
                                .setQueryId(q.getQueryId()).setPair(q.getPair()).setCondition(q.getCondition())
                                .setPrompt(q.getPrompt()).setReferences(q.getReferences())
                                .setText(ANSWERS.get(q.getCondition().getPattern())).setBackend("test")
                                .setQueriedAt(at).setCompletedAt(at.plusSeconds(1)).build(), out);
                    }
                }
            }
            Run replay = Run.of("replay", run.toString(), "--data-dir", dataDir.toString());
            assertEquals(0, replay.exitCode(), replay.err() + replay.out());
            assertTrue(replay.out().contains("4 of 4 records acknowledged by eval.completions"), replay.out());

            Map<String, Object> lid = StageSettings.lid(platform, dir.resolve("lid"));
            Map<String, Object> stats = StageSettings.stats(platform, dir.resolve("stats"));
            try (ApplicationContext lidStream = ServiceContext.serve(LidService.ENVIRONMENT, lid);
                    ApplicationContext statsStream = ServiceContext.serve(StatsService.ENVIRONMENT, stats)) {
                String url = statsStream.getBean(EmbeddedServer.class).getURL().toString();
                String csv = awaitTable(url);
                // One answer per cell: means without intervals (n = 1). Alignment: the artwork has 2 of the 10
                // languages, so it is in Full only.
                assertRow(csv, "EC exact", 1, 0.5, 0.5, 1);
                assertRow(csv, "EF1", 1, 2.0 / 3, 2.0 / 3, 1);
                assertRow(csv, "ECooc", 1, 0, 0, 1);
            }
        }
    }

    /** Asks `ifl report --task explanation` until all four patterns have their figures. */
    private static String awaitTable(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Run report = Run.of("report", "--url", url, "--model", "vlm", "--checkpoint", "c1", "--task",
                    "explanation", "--setting", "FULL", "--arm", "IMAGE", "--format", "csv");
            last = report.out() + report.err();
            if (report.exitCode() == 0 && report.out().lines().anyMatch(l -> l.startsWith("artwork,IMAGE,FULL,EC exact,de,")
                    && l.split(",", -1)[5].length() > 0 && l.split(",", -1)[9].length() > 0
                    && l.split(",", -1)[13].length() > 0 && l.split(",", -1)[17].length() > 0)) {
                return report.out();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the explanation table did not fill within 120 s; last answer:\n" + last);
    }

    /** The row of {@code metric} for de: the mean of EN_EN, EN_L, L_EN and L_L, each from one answer. */
    private static void assertRow(String csv, String metric, double enEn, double enL, double lEn, double lL) {
        String row = csv.lines().filter(l -> l.startsWith("artwork,IMAGE,FULL," + metric + ",de,")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " row in\n" + csv));
        List<String> cells = List.of(row.split(",", -1));
        double[] expected = {enEn, enL, lEn, lL};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], Double.parseDouble(cells.get(5 + 4 * i)), 1e-9, metric + ": " + row);
        }
        assertEquals(List.of("1", "1", "1", "1"), List.of(cells.get(8), cells.get(12), cells.get(16), cells.get(20)),
                metric + ": one answer each");
    }
}
