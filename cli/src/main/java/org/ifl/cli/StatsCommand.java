package org.ifl.cli;

import io.micronaut.core.value.PropertyResolver;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.ifl.platform.service.ServiceContext;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;
import org.ifl.statsstream.StatsStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ifl stats}: the stats-stream service and its HTTP API in the foreground until Ctrl-C. */
@Command(name = "stats",
        description = {
            "Runs stats-stream: pairs the arms of every item and keeps each cell's IFL figures, summaries, "
                    + "hopping windows and alerts (eval.labeled + eval.annotations -> eval.stats, eval.alerts), and "
                    + "counts the answers each cell's published queries expect (eval.queries).",
            "",
            "Connects to --bootstrap-servers and --registry-url if given (or IFL_KAFKA_BOOTSTRAP_SERVERS and "
                    + "IFL_SCHEMA_REGISTRY_URL), else to the platform `ifl up` runs with --data-dir, else starts an "
                    + "embedded platform in this process. Serves GET /cells, /summary, /checkpoints, /cells.csv, "
                    + "/overview, /series, /alerts, /events, the dashboard (/dashboard/), "
                    + "/health, /metrics and /prometheus on --http-port, and leaves the API's address in <data-dir>/"
                    + StatsService.API_FILE + " while it runs; `ifl report` reads them (--url, or --data-dir). "
                    + "Several instances with the same --application-id share the work and answer for each other. "
                    + "Every setting (application-stats.yml) can also be set in the environment: "
                    + "IFL_STATS_WINDOW_SIZE=30m.",
            ""},
        sortOptions = false)
final class StatsCommand extends StageCommand {
    static final int DEFAULT_PORT = 8470;
    private static final String P = StatsSettings.PREFIX + ".";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Streams application id: instances with the same id share the cells (default: "
                    + "${DEFAULT-VALUE}).")
    @Setting(P + "application-id")
    String applicationId;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host other instances reach this one's API at; with --http-port it is Streams' "
                    + "application.server, and a host other than this one's loopback makes the API listen on every "
                    + "interface (default: ${DEFAULT-VALUE}).")
    @Setting(P + "advertised-host")
    String advertisedHost;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where RocksDB state lives (default: <data-dir>/stats-stream).")
    @Setting(P + "state-dir")
    Path stateDir;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads (default: ${DEFAULT-VALUE}).")
    @Setting(P + "threads")
    int threads;

    @Option(names = "--window-size", paramLabel = "DURATION", converter = DurationText.class,
            description = "Hopping window size: 30m, 1h, or ISO 8601 PT1H (default: ${DEFAULT-VALUE}).")
    @Setting(P + "window-size")
    String windowSize;

    @Option(names = "--window-advance", paramLabel = "DURATION", converter = DurationText.class,
            description = "Hopping window advance; the size must be a whole multiple of it (default: ${DEFAULT-VALUE}).")
    @Setting(P + "window-advance")
    String windowAdvance;

    @Option(names = "--window-retention", paramLabel = "DURATION", converter = DurationText.class,
            description = "How long hopping windows are kept and updated (default: ${DEFAULT-VALUE}).")
    @Setting(P + "window-retention")
    String windowRetention;

    @Option(names = "--emit-interval", paramLabel = "DURATION", converter = DurationText.class,
            description = "How often changed cells, then the summaries and alerts they change, are published "
                    + "(wall clock; default: ${DEFAULT-VALUE}). Longer means fewer eval.stats records and more "
                    + "throughput, later figures.")
    @Setting(P + "emit-interval")
    String emitInterval;

    @Option(names = "--alert-threshold", paramLabel = "X",
            description = "Alert when a checkpoint's IFL is below its baseline's by more than X, significantly "
                    + "(default: ${DEFAULT-VALUE}).")
    @Setting(P + "alert-threshold")
    double alertThreshold;

    @Option(names = "--baseline", paramLabel = "MODEL=CHECKPOINT",
            description = "The checkpoint alerts compare a model's checkpoints with (default: the previous one). "
                    + "Repeatable.")
    @Setting(P + "baselines")
    Map<String, String> baselines;

    @Override
    protected String environment() {
        return StatsService.ENVIRONMENT;
    }

    @Override
    protected String stage() {
        return StatsStage.STAGE;
    }

    @Override
    protected String flow() {
        return Topics.LABELED.name() + " + " + Topics.ANNOTATIONS.name() + " + " + Topics.QUERIES.name() + " -> "
                + Topics.STATS.name() + ", " + Topics.ALERTS.name();
    }

    /** An API bound to loopback cannot be reached at another advertised host: it listens on every interface then. */
    @Override
    protected void derive(PropertyResolver resolved, Map<String, Object> settings) {
        String advertised = resolved.getProperty(P + "advertised-host", String.class).orElse("127.0.0.1");
        String bound = resolved.getProperty(ServiceContext.HTTP_HOST_CONFIG, String.class).orElse("127.0.0.1");
        if (LOOPBACK.contains(bound) && !LOOPBACK.contains(advertised)) {
            settings.put(ServiceContext.HTTP_HOST_CONFIG, "0.0.0.0");
        }
    }

    @Override
    protected void describeEndpoints(String url) {
        out().println("  dashboard " + url + "/dashboard/");
        out().println("  cells    " + url + "/cells?model=&checkpoint=&dataset=   (CSV: /cells.csv)");
        out().println("  summary  " + url + "/summary?model=&checkpoint=   (what it has: /checkpoints)");
        out().println("  report   ./ifl report --url " + url + " --model M --checkpoint C");
        out().println("  health   " + url + "/health");
    }
}
