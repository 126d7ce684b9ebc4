package org.ifl.cli;

import org.ifl.platform.CauseChain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ifl topics}: the topics of a cluster, with sizes, marked where they belong to the topic registry. */
@Command(name = "topics",
        description = {
            "Lists the topics of a cluster: partitions, cleanup policy, size.",
            "",
            "Connects to --bootstrap-servers, or else to the platform `ifl up` runs with --data-dir. Topics in "
                    + "the ifl topic registry are marked, and registry topics the cluster lacks are named. "
                    + "`ifl topics create` creates those.",
            ""},
        sortOptions = false,
        subcommands = TopicsCreateCommand.class)
final class TopicsCommand extends IflSubcommand {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--all", description = "Also list Kafka's own __* topics (__consumer_offsets, ...).")
    boolean all;

    @Option(names = "--exact", description = "Also count records by reading every partition to its end with a "
            + "read_committed consumer (reads everything: slow on big topics).")
    boolean exact;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up when the cluster does not answer within this many seconds (default: "
                    + "${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int execute() throws InterruptedException {
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ClusterAddress cluster = clusterOptions.resolve();

        List<TopicSummary> topics;
        Admin admin = connect(cluster, timeout);
        try {
            topics = new TopicSurvey(admin, timeout).topics(all);
        } catch (TimeoutException e) {
            throw unreachable(cluster, timeout, e);
        } finally {
            admin.close(CLOSE_TIMEOUT); // without a limit it waits for requests to a cluster that is not there
        }
        if (exact && !topics.isEmpty()) {
            try (RecordCounter counter = new RecordCounter(cluster.kafkaConfig(), timeout)) {
                Map<String, Long> counts = counter.count(topics);
                topics = topics.stream().map(t -> t.withRecords(counts.getOrDefault(t.name(), 0L))).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw unreachable(cluster, timeout, e);
            }
        }

        out().println("Kafka cluster at " + cluster.describe() + ": " + topics.size() + " topics");
        out().println();
        out().print(new TopicTable(topics, exact, all).render());
        out().flush();
        return ExitCode.OK;
    }

    static Admin connect(ClusterAddress cluster, Duration timeout) {
        int timeoutMs = (int) timeout.toMillis();
        Map<String, Object> config = cluster.kafkaConfig();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ifl-topics");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5_000));
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 5_000));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(timeoutMs, 5_000));
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        try {
            return Admin.create(config);
        } catch (KafkaException e) {
            throw new CommandFailure("cannot connect to " + cluster.describe() + ": " + CauseChain.describe(e), e);
        }
    }

    static CommandFailure unreachable(ClusterAddress cluster, Duration timeout, Exception cause) {
        String message = "cannot reach the Kafka cluster at " + cluster.describe() + " within "
                + timeout.toSeconds() + " s";
        if (cluster.fromEndpointsFile()) {
            message += "; if `ifl up` is no longer running, that file is stale: start it again with `./ifl up`";
        }
        return new CommandFailure(message, cause);
    }
}
