package org.ifl.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.ifl.platform.CauseChain;
import org.ifl.platform.kafka.TopicProvisioner;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ifl topics create}: every topic of the topic registry on a cluster, made as the embedded platform makes them
 * (the same {@link TopicProvisioner}), with the replication a real cluster wants. Run it again at will: it creates
 * only what is missing and checks the rest.
 */
@Command(name = "create",
        description = {
            "Creates the topics of the ifl topic registry that the cluster lacks, with their partition counts and "
                    + "configs, and checks those it has: a partition count that differs from the registry's fails "
                    + "(joins would break), a timestamp type that differs is set. Safe to run again.",
            ""},
        sortOptions = false)
final class TopicsCreateCommand extends IflSubcommand {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "3",
            description = "Replicas of each topic created (default: ${DEFAULT-VALUE}, for a cluster of three or more "
                    + "brokers; 1 for a single broker such as `ifl up`'s).")
    short replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "N",
            description = "min.insync.replicas of each topic created: acknowledged writes survive the loss of "
                    + "replication-factor minus N brokers (default: 2 when the replication factor is 3 or more, "
                    + "else 1).")
    Short minInsyncReplicas;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up when the cluster does not answer within this many seconds (default: "
                    + "${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    protected int execute() {
        if (replicationFactor < 1) {
            throw new ParameterException(spec.commandLine(), "--replication-factor must be at least 1");
        }
        short minInsync = minInsyncReplicas != null ? minInsyncReplicas : (short) (replicationFactor >= 3 ? 2 : 1);
        if (minInsync < 1 || minInsync > replicationFactor) {
            throw new ParameterException(spec.commandLine(), "--min-insync-replicas must be between 1 and "
                    + "--replication-factor (" + replicationFactor + "), not " + minInsync);
        }
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ClusterAddress cluster = clusterOptions.resolve();

        List<String> created;
        Admin admin = TopicsCommand.connect(cluster, timeout);
        try {
            created = new TopicProvisioner(admin, replicationFactor,
                    Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Short.toString(minInsync))).ensure(Topics.ALL);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw TopicsCommand.unreachable(cluster, timeout, e);
            }
            throw new CommandFailure("cannot create the registry's topics on " + cluster.describe() + ": "
                    + CauseChain.describe(e), e);
        } finally {
            admin.close(CLOSE_TIMEOUT);
        }

        out().println("Kafka cluster at " + cluster.describe() + ": " + created.size() + " of " + Topics.ALL.size()
                + " registry topics created (replication factor " + replicationFactor + ", min.insync.replicas "
                + minInsync + "), the others already there and in line with the registry");
        for (TopicContract<?, ?> contract : Topics.ALL) {
            if (created.contains(contract.name())) {
                out().println("  created " + contract.name() + " (" + contract.spec().partitions() + " partitions)");
            }
        }
        out().flush();
        return ExitCode.OK;
    }
}
