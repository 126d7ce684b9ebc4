package org.ifl.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClientProperties;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.producers.InputException;
import org.ifl.producers.RecordSender;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The base of the commands that publish to the cluster and end (publish, replay, checkpoint): where the
 * cluster and registry are (the options, else the platform {@code ifl up} runs with --data-dir; never an
 * embedded one, which would vanish with what was published), and {@code --dry-run}, which reads and checks
 * everything and sends nothing.
 */
abstract class ProducerCommand extends IflSubcommand {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster (default: the platform `ifl up` runs with --data-dir).")
    String bootstrapServers;

    @Option(names = "--registry-url", paramLabel = "URL", description = "Confluent-compatible schema registry.")
    String registryUrl;

    @Option(names = "--dry-run", description = "Read and check the input and count what would be sent; send nothing.")
    boolean dryRun;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    KafkaConfigOption kafkaConfig;

    /** Producers for the cluster; call only when not a dry run. */
    protected TopicProducers cluster() {
        return new TopicProducers(requiredCluster());
    }

    /** {@link #clusterAccess}, or a failure that says how to start a platform. */
    protected ClusterAccess requiredCluster() {
        return clusterAccess().orElseThrow(() -> new CommandFailure("no running platform found with --data-dir "
                + dataDir.path() + "; start one with `./ifl up`, pass --bootstrap-servers and --registry-url (or a "
                + "--kafka-config file naming them), or use --dry-run"));
    }

    /**
     * The cluster and registry: the options (or the client properties file's addresses), else the running
     * platform's; empty when there is neither.
     */
    protected Optional<ClusterAccess> clusterAccess() {
        ClientProperties client = kafkaConfig.load(null);
        String servers = bootstrapServers != null ? bootstrapServers : client.bootstrapServers().orElse(null);
        String registry = registryUrl != null ? registryUrl : client.registryUrl().orElse(null);
        if (servers == null && registry == null) {
            return EmbeddedPlatform.readEndpoints(dataDir.path()).map(running -> new ClusterAccess(
                    running.bootstrapServers(), running.registryUrl(), kafkaConfig.load(running.clientConfigFile())));
        }
        if (servers == null || registry == null) {
            throw new CommandFailure("give both --bootstrap-servers and --registry-url, or neither");
        }
        return Optional.of(new ClusterAccess(servers, registry, client));
    }

    /** A sender to {@code contract}'s topic, or one that only counts under --dry-run. */
    protected <V extends SpecificRecord> RecordSender<V> sender(TopicContract<String, V> contract) {
        if (dryRun) {
            return new RecordSender<>(null, contract.name());
        }
        return RecordSender.open(cluster(), contract, "ifl-" + spec.name());
    }

    /** Senders for a suite's queries and its entity vocabulary (counting only, under --dry-run). */
    protected SuiteOptions.Senders suiteSenders() {
        return new SuiteOptions.Senders(sender(Topics.QUERIES), sender(Topics.ENTITIES));
    }

    /** Where commands keep their own files: under the data directory. */
    protected Path workDir() {
        return dataDir.path();
    }

    /** The command's work; malformed input ({@link InputException}) anywhere in it is reported here. */
    protected abstract int produce() throws Exception;

    @Override
    protected final int execute() throws Exception {
        try {
            return produce();
        } catch (InputException e) {
            return inputProblems(e);
        }
    }

    /** Prints every problem of malformed input, one per line, and returns the exit code for it. */
    private int inputProblems(InputException e) {
        List<?> problems = e.problems();
        err().println(spec.qualifiedName() + ": the input has " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "; nothing was published:");
        problems.forEach(p -> err().println("  " + p));
        err().flush();
        return ExitCode.USAGE;
    }
}
