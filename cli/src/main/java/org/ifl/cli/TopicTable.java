package org.ifl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.ifl.cli.TextTable.Column;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;

/** What {@code ifl topics} prints: one row per topic, then notes on what the numbers mean and what is off. */
final class TopicTable {
    private final List<TopicSummary> topics;
    private final boolean exact;
    private final boolean kafkaInternalShown;

    TopicTable(List<TopicSummary> topics, boolean exact, boolean kafkaInternalShown) {
        this.topics = List.copyOf(topics);
        this.exact = exact;
        this.kafkaInternalShown = kafkaInternalShown;
    }

    String render() {
        List<Column> columns = new ArrayList<>(List.of(Column.left("TOPIC"), Column.left("REGISTRY"),
                Column.right("PARTITIONS"), Column.left("CLEANUP"), Column.right("OFFSETS")));
        if (exact) {
            columns.add(Column.right("RECORDS"));
        }
        TextTable table = new TextTable(columns);
        for (TopicSummary topic : topics) {
            List<String> cells = new ArrayList<>(List.of(topic.name(), topic.inRegistry() ? "yes" : "-",
                    Integer.toString(topic.partitions()), topic.cleanupPolicy(), count(topic.offsetSpan())));
            if (exact) {
                cells.add(topic.records().isPresent() ? count(topic.records().getAsLong()) : "?");
            }
            table.row(cells.toArray(String[]::new));
        }

        StringBuilder text = new StringBuilder(table.render()).append('\n');
        text.append("OFFSETS = end offset - start offset, summed over partitions. Transaction markers and aborted"
                + " records take offsets too, so it can exceed the records a reader sees").append(exact ? ".\n"
                        : "; --exact counts them.\n");
        if (exact) {
            text.append("RECORDS = records a read_committed consumer read up to the end offsets it found.\n");
        }
        text.append("REGISTRY = yes where the topic is in the ifl topic registry (org.ifl.schemas.topic.Topics).");
        text.append(kafkaInternalShown ? "\n" : " Kafka's own __* topics are hidden; --all shows them.\n");
        for (TopicSummary topic : topics) {
            if (topic.inRegistry() && topic.partitions() != topic.registryPartitions()) {
                text.append("! ").append(topic.name()).append(" has ").append(topic.partitions())
                        .append(" partitions; the registry asks for ").append(topic.registryPartitions()).append(".\n");
            }
        }
        Set<String> present = topics.stream().map(TopicSummary::name).collect(Collectors.toSet());
        List<String> missing = Topics.ALL.stream().map(TopicContract::name).filter(n -> !present.contains(n))
                .toList();
        if (!missing.isEmpty()) {
            text.append("! registry topics missing from this cluster: ").append(String.join(", ", missing))
                    .append('\n');
        }
        return text.toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
