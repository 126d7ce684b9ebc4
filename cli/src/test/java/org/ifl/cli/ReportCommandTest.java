package org.ifl.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ifl.cli.report.EntityTablesTest;
import org.ifl.cli.report.PaperTable;
import org.ifl.cli.report.PaperTableTest;
import org.ifl.statsstream.EffectsView;
import org.ifl.statsstream.StatsService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ifl report} against a local HTTP server that answers as the stats service does. */
class ReportCommandTest {
    private static final String QUERY = "model=Qwen%2FQwen2.5-VL-7B&checkpoint=step-1200";
    private static final String EMPTY_QUERY = "model=Qwen%2FQwen2.5-VL-7B&checkpoint=step-0";
    private static final String EXPLANATION_QUERY = "model=Qwen%2FQwen2.5-VL-7B&checkpoint=step-1300";
    private static final String CHECKPOINTS = "[{\"model\":\"Qwen/Qwen2.5-VL-7B\",\"checkpoint\":\"step-1200\","
            + "\"cells\":4,\"counted\":370,\"expected\":null,\"partial\":null},{\"model\":\"Qwen/Qwen2.5-VL-7B\","
            + "\"checkpoint\":\"step-1300\",\"cells\":3},{\"model\":\"vlm\",\"checkpoint\":\"c1\",\"cells\":1}]";
    private static final String NOT_FOUND = "{\"message\":\"no checkpoint step-9 of model Qwen/Qwen2.5-VL-7B\"}";

    private static final String EFFECTS_QUERY = "model=vlm&checkpoints=c1%2Cc2&language=de";
    private static final String EFFECTS;

    static {
        try {
            EFFECTS = StatsApi.JSON.writeValueAsString(new EffectsView("vlm", List.of("c1", "c2"), null,
                    Map.of("llm", "vicuna"), Map.of("c1", Map.of("llm", "vicuna"), "c2", Map.of("llm", "yi")),
                    List.of("intercept", "image", "llm=yi", "image:llm=yi"), List.of(
                            new EffectsView.LanguageFit("de", 120, 30, "ols-cluster-robust", List.of(
                                    new EffectsView.TermEstimate("intercept", "intercept", 1, 0, 1, 1),
                                    new EffectsView.TermEstimate("image", "image", -0.5, 0.0928, -0.6819, -0.3181),
                                    new EffectsView.TermEstimate("llm=yi", "fidelity", 0, 0, 0, 0),
                                    new EffectsView.TermEstimate("image:llm=yi", "ifl", -0.2, 0.0752, -0.3475,
                                            -0.0525)), null))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    /** Runs {@code report args} in this JVM and keeps what it printed. */
    record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = new CommandLine(new ReportCommand()).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err)).execute(args);
            return new Run(code, out.toString(), err.toString());
        }
    }

    @BeforeEach
    void serveTheFixtureCheckpoint() throws IOException {
        String cells = StatsApi.JSON.writeValueAsString(PaperTableTest.cells());
        ObjectNode summary = StatsApi.JSON.valueToTree(PaperTableTest.summary());
        // The reader must take an instant as a number too, and fields it does not know.
        ((ObjectNode) summary.get("checkpointSummary")).put("updatedAt", 1795449600.5);
        summary.put("servedBy", "a later version of the stats service");

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String entityCells = StatsApi.JSON.writeValueAsString(EntityTablesTest.cells());
        server.createContext("/cells", exchange -> answer(exchange,
                Map.of(QUERY, cells, EMPTY_QUERY, "[]", EXPLANATION_QUERY, entityCells)));
        server.createContext("/summary", exchange -> answer(exchange, Map.of(QUERY, summary.toString())));
        server.createContext("/checkpoints", exchange -> answer(exchange, Map.of("", CHECKPOINTS)));
        server.createContext("/effects", exchange -> answer(exchange, Map.of(EFFECTS_QUERY, EFFECTS)));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServing() {
        server.stop(0);
    }

    /** 200 with the body for the query, as {@code bodies} has it, else 404 as the service says. */
    private void answer(HttpExchange exchange, Map<String, String> bodies) throws IOException {
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "?" + query);
        int status = bodies.containsKey(query) ? 200 : 404;
        byte[] bytes = bodies.getOrDefault(query, NOT_FOUND).getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(bytes);
        }
    }

    @Test
    void effectsArePrintedPerLanguageAndTermInPercentagePoints() {
        Run run = Run.of("--model", "vlm", "--effects", "c1,c2", "--language", "de", "--url", url);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("GET /effects?" + EFFECTS_QUERY), requests);
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("Design-factor effects of model vlm, checkpoints c1 (llm=vicuna); c2 "
                + "(llm=yi), reference (llm=vicuna), every dataset pooled"), lines.get(0));
        assertEquals(List.of(
                "language  term          effect on  estimate   se          95% CI  answers  items",
                "de        intercept     intercept     100.0  0.0  [100.0, 100.0]      120     30",
                "de        image         image         -50.0  9.3  [-68.2, -31.8]      120     30",
                "de        llm=yi        fidelity        0.0  0.0      [0.0, 0.0]      120     30",
                "de        image:llm=yi  ifl           -20.0  7.5   [-34.8, -5.3]      120     30"),
                lines.subList(2, 7));
    }

    @Test
    void effectsOptionsWithoutEffectsAreAUsageError() {
        Run run = Run.of("--model", "vlm", "--checkpoint", "c1", "--language", "de", "--url", url);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("use them with --effects"), run.err());
    }

    @Test
    void printsTheCheckpointAsCsv() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", PaperTableTest.CHECKPOINT, "--url",
                url + "/", "--format", "csv");
        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
        assertEquals(PaperTableTest.EXPECTED_CSV, run.out());
        assertEquals(List.of("GET /cells?" + QUERY, "GET /summary?" + QUERY), requests);
    }

    @Test
    void textIsATitleAlignedColumnsAndWhatTheMarksMean() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", PaperTableTest.CHECKPOINT, "--url", url);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(new PaperTable(PaperTableTest.cells(), PaperTableTest.summary()).title(), lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("dataset  language         answers  pairs  F_text  F_image  F_image+remedy    IFL      IFL 95% CI"
                + "  IFL+remedy  IFL+remedy 95% CI  diff    diff 95% CI  relative"
                + "  WPR_text  WPR_image  WPR_image+remedy", lines.get(2));
        assertEquals("artwork  de            120 of 120     40    95.0     70.0            90.0  -25.0  [-38.4, -11.6]"
                + "        -5.0       [-15.0, 5.0]  20.0   [10.0, 30.0]     80.0%"
                + "         –          –                 –", lines.get(3));
        assertEquals("artwork  zh          180 of 240 *     60    90.0     90.0            95.0    0.0     [-8.0, 8.0]"
                + "         5.0       [-2.0, 12.0]   5.0   [-3.0, 13.0]         –"
                + "     100.0       75.0              90.0", lines.get(4));
        assertEquals("xm3600   en         30 of unknown     10   100.0     90.0           100.0  -10.0   [-30.0, 10.0]"
                + "         0.0      [-20.0, 20.0]  10.0  [-10.0, 30.0]    100.0%"
                + "         –          –                 –", lines.get(7));
        assertEquals("xm3600   ja            40 of 60 *     20    85.0     60.0               –  -25.0               –"
                + "           –                  –     –              –         –"
                + "      95.0       50.0                 –", lines.get(8));
        assertEquals("all      pooled    370 of unknown    130    91.5     79.0            94.0  -12.5   [-18.0, -7.0]"
                + "         0.0        [-4.0, 4.0]  12.5    [7.0, 18.0]    100.0%"
                + "      98.8       70.0              90.0", lines.get(12));
        assertEquals("", lines.get(13));
        assertEquals("* partial: fewer answers counted than the published queries expect; its figures are not final.",
                lines.get(14));
        assertTrue(lines.get(15).startsWith("unknown: no published queries were seen for it"), lines.get(15));
        assertEquals(16, lines.size());
    }

    @Test
    void explanationTasksPrintTheEntityTablesFromTheCellsAlone() {
        Run run = Run.of("--model", EntityTablesTest.MODEL, "--checkpoint", EntityTablesTest.CHECKPOINT, "--url",
                url, "--task", "explanation", "--dataset", "artwork", "--setting", "FULL", "--arm", "IMAGE",
                "--format", "csv");
        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
        assertEquals(EntityTablesTest.EXPECTED_CSV, run.out());
        assertEquals(List.of("GET /cells?" + EXPLANATION_QUERY), requests);
    }

    @Test
    void entityTablesInTextAreTitledAlignedTables() {
        Run run = Run.of("--model", EntityTablesTest.MODEL, "--checkpoint", EntityTablesTest.CHECKPOINT, "--url",
                url, "--task", "explanation", "--setting", "FULL", "--arm", "IMAGE");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("EC exact of model Qwen/Qwen2.5-VL-7B, checkpoint step-1300, window cumulative, dataset artwork,"
                + " arm IMAGE, setting FULL (mean [95% t interval] (n), in percentage points)", lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("language                   EN_EN                   EN_L  L_EN                     L_L",
                lines.get(2));
        assertEquals("de        50.0 [40.0, 60.0] (12)                      –     –  25.0 [10.0, 40.0] (12)",
                lines.get(3));
        assertEquals("ja                             –  37.5 [20.0, 55.0] (8)     –                       –",
                lines.get(4));
        assertEquals("", lines.get(5));
        assertTrue(lines.get(6).startsWith("EC partial of model"), lines.get(6));
        assertEquals(4, lines.stream().filter(l -> l.contains(" of model ")).count(), run.out());
    }

    @Test
    void saysSoWhenNoCellHasTheSelectedEntityFigures() {
        Run run = Run.of("--model", EntityTablesTest.MODEL, "--checkpoint", EntityTablesTest.CHECKPOINT, "--url",
                url, "--task", "explanation", "--setting", "ALIGNMENT_5");
        assertEquals(1, run.exitCode());
        assertEquals("report: the stats service at " + url + " has no entity figures for model Qwen/Qwen2.5-VL-7B, "
                + "checkpoint step-1300, setting ALIGNMENT_5\n", run.err());
    }

    @Test
    void entitySelectionsNeedTheExplanationTask() {
        Run run = Run.of("--model", "m", "--checkpoint", "c", "--url", url, "--setting", "FULL");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("--dataset, --setting and --arm select entity tables"), run.err());
        assertEquals(List.of(), requests);
    }

    @Test
    void saysHowToStartTheServiceWhenNothingListens() throws IOException {
        String nowhere = "http://127.0.0.1:" + closedPort();
        Run run = Run.of("--model", "m", "--checkpoint", "c", "--url", nowhere);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("report: the stats service is not reachable at " + nowhere), run.err());
        assertTrue(run.err().contains("start it with `ifl stats`"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void reportsAnUnknownCheckpointWithTheServicesAnswer() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", "step-9", "--url", url);
        assertEquals(1, run.exitCode());
        assertEquals("report: the stats service at " + url + " answered GET /cells for model Qwen/Qwen2.5-VL-7B, "
                + "checkpoint step-9 with HTTP 404: " + NOT_FOUND + "\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void saysWhichCheckpointsTheServiceHasWhenTheOneAskedForHasNoCells() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", "step-0", "--url", url);
        assertEquals(1, run.exitCode());
        assertEquals("report: the stats service at " + url + " has no cells for model Qwen/Qwen2.5-VL-7B, "
                + "checkpoint step-0; it has model Qwen/Qwen2.5-VL-7B checkpoints step-1200, step-1300; model vlm "
                + "checkpoint c1\n", run.err());
        assertEquals(List.of("GET /cells?" + EMPTY_QUERY, "GET /checkpoints?"), requests);
    }

    @Test
    void aServiceThatCannotListItsCheckpointsStillGetsItsOneLine() {
        server.removeContext("/checkpoints");
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", "step-0", "--url", url);
        assertEquals(1, run.exitCode());
        assertEquals("report: the stats service at " + url + " has no cells for model Qwen/Qwen2.5-VL-7B, "
                + "checkpoint step-0\n", run.err());
    }

    @Test
    void saysSoWhenTheServiceHasNoCheckpointAtAll() {
        assertEquals("it has no cells or published queries of any checkpoint yet",
                ReportCommand.whatItHas(List.of()));
    }

    @Test
    void findsTheServiceThroughTheFileItLeftInTheDataDirectory(@TempDir Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve(StatsService.API_FILE), StatsService.API_URL_PROPERTY + "=" + url + "\n");
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", PaperTableTest.CHECKPOINT, "--data-dir",
                dataDir.toString(), "--format", "csv");
        assertEquals("", run.err());
        assertEquals(PaperTableTest.EXPECTED_CSV, run.out());

        // A service that was killed leaves the file behind: the message says where the address came from.
        Files.writeString(dataDir.resolve(StatsService.API_FILE), StatsService.API_URL_PROPERTY + "=http://127.0.0.1:"
                + closedPort() + "\n");
        Run stale = Run.of("--model", "m", "--checkpoint", "c", "--data-dir", dataDir.toString());
        assertEquals(1, stale.exitCode());
        assertTrue(stale.err().contains("(from " + dataDir.resolve(StatsService.API_FILE) + ")"), stale.err());
        assertTrue(stale.err().contains("a service that was killed leaves"), stale.err());
    }

    @Test
    void paperOrderPutsEachDatasetsLanguagesByEnglishName() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", PaperTableTest.CHECKPOINT, "--url", url,
                "--format", "csv", "--order", "paper");
        assertEquals(0, run.exitCode(), run.err());
        List<String> languages = run.out().lines().skip(1).map(l -> l.split(",")[0] + "/" + l.split(",")[1])
                .toList();
        assertEquals(List.of("artwork/zh", "artwork/de", "artwork/average", "artwork/pooled", "xm3600/en",
                "xm3600/ja", "xm3600/average", "xm3600/pooled", "all/average", "all/pooled"), languages);
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        Run run = Run.of("--model", "m", "--checkpoint", "c", "--url", "127.0.0.1:8470");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("--url must be http://HOST:PORT"), run.err());
    }

    @Test
    void modelAndCheckpointAreRequired() {
        Run run = Run.of("--model", "m");
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("--checkpoint"), run.err());
    }
}
