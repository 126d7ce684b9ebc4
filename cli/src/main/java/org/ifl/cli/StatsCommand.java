package org.ifl.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.service.StatsServiceProperties;
import org.ifl.statsstream.service.StatsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifl stats}: the stats-stream service and its HTTP API in the foreground until Ctrl-C. */
@Command(name = "stats",
        description = {
            "Runs stats-stream: pairs the arms of every item and keeps each cell's IFL figures, summaries, "
                    + "hopping windows and alerts (eval.labeled + eval.annotations -> eval.stats, eval.alerts).",
            "",
            "Connects to --bootstrap-servers and --registry-url if given, else to the platform `ifl up` runs with "
                    + "--data-dir, else starts an embedded platform in this process. Serves GET /cells, /summary, "
                    + "/cells.csv, /health, /metrics and /prometheus on --http-port; `ifl report` reads them. "
                    + "Several instances with the same --application-id share the work and answer for each other.",
            ""},
        sortOptions = false)
final class StatsCommand extends StageCommand {
    static final int DEFAULT_PORT = 8470;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "Port of the API on 127.0.0.1; -1 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = "ifl-stats-stream",
            description = "Streams application id: instances with the same id share the cells (default: "
                    + "${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--advertised-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Host other instances reach this one's API at; with --http-port it is Streams' "
                    + "application.server (default: ${DEFAULT-VALUE}).")
    String advertisedHost;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where RocksDB state lives (default: <data-dir>/stats-stream).")
    Path stateDir;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--window-size", paramLabel = "DURATION", defaultValue = "PT1H",
            description = "Hopping window size, ISO 8601 (default: ${DEFAULT-VALUE}).")
    Duration windowSize;

    @Option(names = "--window-advance", paramLabel = "DURATION", defaultValue = "PT5M",
            description = "Hopping window advance; the size must be a whole multiple of it (default: ${DEFAULT-VALUE}).")
    Duration windowAdvance;

    @Option(names = "--window-retention", paramLabel = "DURATION", defaultValue = "P1D",
            description = "How long hopping windows are kept and updated (default: ${DEFAULT-VALUE}).")
    Duration windowRetention;

    @Option(names = "--emit-interval", paramLabel = "DURATION", defaultValue = "PT1S",
            description = "How often changed cells, then the summaries and alerts they change, are published "
                    + "(wall clock, ISO 8601; default: ${DEFAULT-VALUE}). Longer means fewer eval.stats records "
                    + "and more throughput, later figures.")
    Duration emitInterval;

    @Option(names = "--alert-threshold", paramLabel = "X", defaultValue = "0.05",
            description = "Alert when a checkpoint's IFL is below its baseline's by more than X, significantly "
                    + "(default: ${DEFAULT-VALUE}).")
    double alertThreshold;

    @Option(names = "--baseline", paramLabel = "MODEL=CHECKPOINT",
            description = "The checkpoint alerts compare a model's checkpoints with (default: the previous one). "
                    + "Repeatable.")
    Map<String, String> baselines = new HashMap<>();

    @Override
    protected String stage() {
        return "stats-stream";
    }

    @Override
    protected String flow() {
        return Topics.LABELED.name() + " + " + Topics.ANNOTATIONS.name() + " -> " + Topics.STATS.name() + ", "
                + Topics.ALERTS.name();
    }

    @Override
    protected Map<String, Object> properties(String kafka, String registry) {
        Map<String, Object> p = new HashMap<>(StatsServiceProperties.of(kafka, registry, httpPort));
        String prefix = StatsSettings.PREFIX + ".";
        p.put(prefix + "application-id", applicationId);
        p.put(prefix + "state-dir", (stateDir == null ? dataDir.path().resolve("stats-stream") : stateDir)
                .toAbsolutePath().toString());
        p.put(prefix + "threads", threads);
        p.put(prefix + "advertised-host", advertisedHost);
        if (!advertisedHost.equals("127.0.0.1") && !advertisedHost.equals("localhost")) {
            p.put("micronaut.server.host", "0.0.0.0"); // other machines must reach the API
        }
        p.put(prefix + "window-size", windowSize.toMillis() + "ms");
        p.put(prefix + "window-advance", windowAdvance.toMillis() + "ms");
        p.put(prefix + "window-retention", windowRetention.toMillis() + "ms");
        p.put(prefix + "emit-interval", emitInterval.toMillis() + "ms");
        p.put(prefix + "alert-threshold", alertThreshold);
        baselines.forEach((model, checkpoint) -> p.put(prefix + "baselines." + model, checkpoint));
        return p;
    }

    @Override
    protected void describeEndpoints(String url) {
        out().println("  cells    " + url + "/cells?model=&checkpoint=&dataset=   (CSV: /cells.csv)");
        out().println("  summary  " + url + "/summary?model=&checkpoint=");
        out().println("  report   ./ifl report --url " + url + " --model M --checkpoint C");
        out().println("  health   " + url + "/health");
    }
}
