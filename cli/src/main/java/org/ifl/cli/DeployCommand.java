package org.ifl.cli;

import org.ifl.cli.deploy.k8s.StrimziTopics;
import org.ifl.schemas.topic.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/** {@code ifl deploy}: writes the deployment files that come from the project's own code. */
@Command(name = "deploy",
        description = "Writes deployment files generated from the project's code (see deploy/ and docs/kubernetes.md).",
        subcommands = DeployCommand.K8sTopics.class)
final class DeployCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ifl deploy k8s-topics}: the topic registry as Strimzi {@code KafkaTopic} resources, on stdout. */
    @Command(name = "k8s-topics",
            description = {
                "Prints the Strimzi KafkaTopic resources of every topic in the topic registry: name, partitions, "
                        + "replicas and configs.",
                "",
                "deploy/k8s/base/kafka-topics.yaml is this output with the defaults; after a topic contract "
                        + "changes, run: " + StrimziTopics.REGENERATE,
                ""},
            sortOptions = false)
    static final class K8sTopics extends IflSubcommand {

        @Option(names = "--cluster", paramLabel = "NAME", defaultValue = StrimziTopics.CLUSTER,
                description = "The Strimzi Kafka resource the topics belong to (default: ${DEFAULT-VALUE}).")
        String cluster;

        @Option(names = "--replicas", paramLabel = "N", defaultValue = "" + StrimziTopics.REPLICAS,
                description = "Copies of each partition (default: ${DEFAULT-VALUE}).")
        int replicas;

        @Override
        protected int execute() {
            String yaml = fromOptions(() -> StrimziTopics.yaml(Topics.ALL, cluster, replicas));
            out().print(yaml);
            out().flush();
            return ExitCode.OK;
        }
    }
}
