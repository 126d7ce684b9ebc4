package org.ifl.cli.deploy.k8s;

import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/**
 * The registry topics a stage reads and writes. For a Streams stage they come from its topology's description,
 * so that a new input or output of a stage fails the ACL test until its KafkaUser allows it; every stage also
 * writes dead letters, which go through a handler, outside the topology.
 */
record StageTopics(Set<String> reads, Set<String> writes) {

    static StageTopics of(Topology topology) {
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        TopologyDescription description = topology.describe();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    reads.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    writes.add(sink.topic());
                }
            }
        }
        for (TopologyDescription.GlobalStore store : description.globalStores()) {
            reads.addAll(store.source().topicSet());
        }
        Set<String> registry = new TreeSet<>(Topics.ALL.stream().map(TopicContract::name).toList());
        reads.retainAll(registry);
        writes.retainAll(registry);
        writes.add(Topics.DEAD_LETTERS.name());
        return new StageTopics(reads, writes);
    }
}
