package org.ifl.schemas.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.registry.CompatibilityLevel;
import org.junit.jupiter.api.Test;

/**
 * Each topic's value schema must stay backward compatible with every version committed under
 * {@code schemas/contract-history/<topic>/v<N>.avsc}, so consumers on a new contract read everything already
 * in the topics. A changed contract must be recorded as a new version: run
 * {@code mvn -pl schemas test -Dtest=ContractEvolutionTest -Difl.contracts.record=true} and commit the file.
 */
class ContractEvolutionTest {
    static final Path HISTORY = Path.of("contract-history");
    static final boolean RECORD = Boolean.getBoolean("ifl.contracts.record");

    @Test
    void everyContractIsBackwardCompatibleWithItsHistoryAndRecorded() throws IOException {
        List<String> problems = new ArrayList<>();
        for (TopicContract<?, ?> contract : Topics.ALL) {
            Schema current = SpecificData.get().getSchema(contract.valueType());
            List<Path> versions = versions(contract.name());
            List<Schema> history = new ArrayList<>();
            for (Path version : versions) {
                history.add(new Schema.Parser().parse(version.toFile()));
            }
            for (String violation : CompatibilityLevel.BACKWARD_TRANSITIVE.violations(current, history)) {
                problems.add(contract.name() + ": " + violation);
            }
            boolean recorded = !history.isEmpty() && history.get(history.size() - 1).equals(current);
            if (!recorded) {
                if (RECORD) {
                    Path next = HISTORY.resolve(contract.name()).resolve("v" + (versions.size() + 1) + ".avsc");
                    Files.createDirectories(next.getParent());
                    Files.writeString(next, current.toString(true) + "\n");
                } else {
                    problems.add(contract.name() + ": the contract differs from its latest recorded version ("
                            + versions.size() + " recorded); record it with -Difl.contracts.record=true");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void theCheckRefusesARequiredFieldAddedWithoutDefault() {
        Schema current = Checkpoint.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("owner", Schema.create(Schema.Type.STRING), "who owns it", (Object) null));
        Schema evolved = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);

        List<String> violations = CompatibilityLevel.BACKWARD_TRANSITIVE.violations(evolved, List.of(current));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("READER_FIELD_MISSING_DEFAULT_VALUE"), violations.get(0));
        assertTrue(violations.get(0).contains("owner"), violations.get(0));
    }

    @Test
    void theCheckAcceptsAnOptionalFieldWithDefault() {
        Schema current = Checkpoint.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("owner", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "who owns it", Schema.Field.NULL_DEFAULT_VALUE));
        Schema evolved = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        assertFalse(!CompatibilityLevel.BACKWARD_TRANSITIVE.violations(evolved, List.of(current)).isEmpty());
    }

    private static List<Path> versions(String topic) throws IOException {
        Path dir = HISTORY.resolve(topic);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()
                            .replaceAll("\\D", ""))))
                    .toList();
        }
    }
}
