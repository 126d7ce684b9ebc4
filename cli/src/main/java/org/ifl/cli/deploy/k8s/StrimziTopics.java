package org.ifl.cli.deploy.k8s;

import java.util.List;
import java.util.Map;
import org.ifl.schemas.topic.TopicContract;

/**
 * The Strimzi {@code KafkaTopic} resources of the topic registry: one per contract, with its partitions and
 * configs, so that a cluster run by the Strimzi operator has the topics the stages expect.
 * {@code deploy/k8s/base/kafka-topics.yaml} is this class's output for {@link #CLUSTER} and {@link #REPLICAS};
 * {@code ifl deploy k8s-topics} writes it again after a contract changes.
 */
public final class StrimziTopics {
    /** The name of the {@code Kafka} resource in {@code deploy/k8s/base/kafka-cluster.yaml}. */
    public static final String CLUSTER = "ifl";
    /** Copies of each partition: a write acknowledged by two of three brokers survives one broker down. */
    public static final int REPLICAS = 3;
    public static final String API_VERSION = "kafka.strimzi.io/v1";
    public static final String REGENERATE = "./ifl deploy k8s-topics > deploy/k8s/base/kafka-topics.yaml";

    private StrimziTopics() {
    }

    /** The resources as one YAML stream, a document per topic in the order given. */
    public static String yaml(List<TopicContract<?, ?>> topics, String cluster, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("a topic needs at least one replica, not " + replicas);
        }
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("the Kafka cluster's name is blank");
        }
        StringBuilder out = new StringBuilder();
        out.append("# The topics of the topic registry (org.ifl.schemas.topic.Topics.ALL), for the Strimzi topic\n")
                .append("# operator. Generated: do not edit. After a topic contract changes, run\n")
                .append("#   ").append(REGENERATE).append('\n');
        for (TopicContract<?, ?> topic : topics) {
            out.append("---\n")
                    .append("# ").append(oneLine(topic.purpose())).append('\n')
                    .append("apiVersion: ").append(API_VERSION).append('\n')
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(topic.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(cluster).append('\n')
                    .append("spec:\n")
                    .append("  partitions: ").append(topic.spec().partitions()).append('\n')
                    .append("  replicas: ").append(replicas).append('\n')
                    .append("  config:\n");
            for (Map.Entry<String, String> config : topic.spec().sortedConfigs().entrySet()) {
                out.append("    ").append(config.getKey()).append(": ").append(quoted(config.getValue()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** A YAML double-quoted scalar: the value stays a string ("-1", "604800000") whatever it looks like. */
    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
