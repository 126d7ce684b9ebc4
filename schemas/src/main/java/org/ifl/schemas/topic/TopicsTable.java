package org.ifl.schemas.topic;

import java.util.List;

/** The topic registry as a Markdown table, as docs/architecture.md shows it (a test keeps the two in sync). */
public final class TopicsTable {
    private TopicsTable() {
    }

    public static String markdown(List<TopicContract<?, ?>> contracts) {
        StringBuilder table = new StringBuilder();
        table.append("| topic | value | key | partitions | retention | carries |\n");
        table.append("| --- | --- | --- | --- | --- | --- |\n");
        for (TopicContract<?, ?> c : contracts) {
            table.append("| `").append(c.name()).append("` | `").append(c.valueType().getSimpleName())
                    .append("` | `").append(c.keyFormat().replace("|", "\\|")).append("` | ").append(c.spec().partitions())
                    .append(" | ").append(c.spec().retentionSummary()).append(" | ").append(c.purpose())
                    .append(" |\n");
        }
        return table.toString();
    }
}
