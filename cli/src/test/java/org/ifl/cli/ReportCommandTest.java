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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ifl.cli.report.EntityTablesTest;
import org.ifl.cli.report.PaperTable;
import org.ifl.cli.report.PaperTableTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ifl report} against a local HTTP server that answers as the stats service does. */
class ReportCommandTest {
    private static final String QUERY = "model=Qwen%2FQwen2.5-VL-7B&checkpoint=step-1200";
    private static final String EMPTY_QUERY = "model=Qwen%2FQwen2.5-VL-7B&checkpoint=step-0";
    private static final String EXPLANATION_QUERY = "model=Qwen%2FQwen2.5-VL-7B&checkpoint=step-1300";
    private static final String NOT_FOUND = "{\"message\":\"no checkpoint step-9 of model Qwen/Qwen2.5-VL-7B\"}";

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
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServing() {
        server.stop(0);
    }

    /** 200 with the body for the query, as {@code bodies} has it, else 404 as the service says. */
    private void answer(HttpExchange exchange, Map<String, String> bodies) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
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
    void printsTheCheckpointAsCsv() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", PaperTableTest.CHECKPOINT, "--url",
                url + "/", "--format", "csv");
        assertEquals("", run.err());
        assertEquals(0, run.exitCode());
        assertEquals(PaperTableTest.EXPECTED_CSV, run.out());
        assertEquals(List.of("GET /cells?" + QUERY, "GET /summary?" + QUERY), requests);
    }

    @Test
    void textIsATitleAndAlignedColumns() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", PaperTableTest.CHECKPOINT, "--url", url);
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(new PaperTable(PaperTableTest.cells(), PaperTableTest.summary()).title(), lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("dataset  language  pairs  F_text  F_image  F_image+remedy    IFL      IFL 95% CI  IFL+remedy"
                + "  diff  relative", lines.get(2));
        assertEquals("artwork  de           40    95.0     70.0            90.0  -25.0  [-38.4, -11.6]        -5.0"
                + "  20.0     80.0%", lines.get(3));
        assertEquals("xm3600   ja           20    85.0     60.0               –  -25.0               –           –"
                + "     –         –", lines.get(8));
        assertEquals("all      pooled      130    91.5     79.0            94.0  -12.5   [-18.0, -7.0]         0.0"
                + "  12.5    100.0%", lines.get(12));
        assertEquals(13, lines.size());
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
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        Run run = Run.of("--model", "m", "--checkpoint", "c", "--url", nowhere);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("report: the stats service is not reachable at " + nowhere), run.err());
        assertTrue(run.err().contains("start it with `ifl stats`"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertEquals("", run.out());
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
    void saysSoWhenTheCheckpointHasNoCells() {
        Run run = Run.of("--model", PaperTableTest.MODEL, "--checkpoint", "step-0", "--url", url);
        assertEquals(1, run.exitCode());
        assertEquals("report: the stats service at " + url + " has no cells for model Qwen/Qwen2.5-VL-7B, "
                + "checkpoint step-0\n", run.err());
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
