package org.ifl.schemas.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ifl.schemas.registry.InMemorySchemaRegistryClient;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesAreUniqueAndUnderTheEvalPrefix() {
        Set<String> names = new HashSet<>();
        for (TopicContract<?, ?> contract : Topics.ALL) {
            assertTrue(names.add(contract.name()), "spelled twice: " + contract.name());
            assertTrue(contract.name().startsWith("eval."), contract.name());
        }
        assertEquals(9, names.size());
    }

    @Test
    void topicsJoinedByCellHaveTheSamePartitionCount() {
        for (TopicContract<?, ?> contract : List.of(Topics.COMPLETIONS, Topics.LABELED, Topics.ANNOTATIONS)) {
            assertEquals(Topics.EVAL_PARTITIONS, contract.spec().partitions(), contract.name());
            assertEquals("model|checkpoint|dataset|language", contract.keyFormat(), contract.name());
        }
    }

    @Test
    void statsCheckpointsAndEntitiesAreCompactedTheRestRetained() {
        for (TopicContract<?, ?> contract : Topics.ALL) {
            boolean compacted = contract == Topics.STATS || contract == Topics.CHECKPOINTS
                    || contract == Topics.ENTITIES;
            assertEquals(compacted ? "compact" : "delete", contract.spec().configs().get("cleanup.policy"),
                    contract.name());
        }
        assertEquals("-1", Topics.ANNOTATIONS.spec().configs().get("retention.ms"));
        assertEquals(Long.toString(7L * 24 * 3600 * 1000), Topics.QUERIES.spec().configs().get("retention.ms"));
    }

    @Test
    void aBoundTopicIsReusedAndUsesStringKeys() {
        Topics topics = new Topics(new RegistryAvroSerdes(new InMemorySchemaRegistryClient("topics-test"), true));
        Topic<String, ?> queries = topics.topic(Topics.QUERIES);
        assertSame(queries, topics.topic(Topics.QUERIES));
        assertEquals("eval.queries", queries.name());
        assertEquals("k|1", queries.keySerde().deserializer().deserialize("eval.queries",
                queries.keySerde().serializer().serialize("eval.queries", "k|1")));
    }

    @Test
    void contractsAreFoundByName() {
        assertSame(Topics.DEAD_LETTERS, Topics.contract("eval.dlq"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topics.contract("eval.nope"));
        assertTrue(e.getMessage().contains("eval.queries"), e.getMessage());
    }

    @Test
    void architectureDocShowsTheRegistryAsItIs() throws Exception {
        Path doc = Path.of("..", "docs", "architecture.md");
        String expected = TopicsTable.markdown(Topics.ALL);
        assertTrue(Files.readString(doc).contains(expected),
                "docs/architecture.md is out of date with the topic registry; its topics table must read:\n"
                        + expected);
    }
}
