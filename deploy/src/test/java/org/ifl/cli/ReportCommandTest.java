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
import java.util.concurrent.CopyOnWriteArrayList;
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
        String cells = ReportCommand.JSON.writeValueAsString(PaperTableTest.cells());
        ObjectNode summary = ReportCommand.JSON.valueToTree(PaperTableTest.summary());
        // The reader must take an instant as a number too, and fields it does not know.
        ((ObjectNode) summary.get("checkpointSummary")).put("updatedAt", 1795449600.5);
        summary.put("servedBy", "a later version of the stats service");

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cells", exchange -> answer(exchange, cells, "[]"));
        server.createContext("/summary", exchange -> answer(exchange, summary.toString(), NOT_FOUND));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServing() {
        server.stop(0);
    }

    /** 200 with {@code body} for the fixture checkpoint, {@code empty} for step-0, else 404 as the service says. */
    private void answer(HttpExchange exchange, String body, String empty) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + "?" + query);
        int status = QUERY.equals(query) || EMPTY_QUERY.equals(query) ? 200 : 404;
        byte[] bytes = (status == 404 ? NOT_FOUND : EMPTY_QUERY.equals(query) ? empty : body).getBytes(UTF_8);
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
