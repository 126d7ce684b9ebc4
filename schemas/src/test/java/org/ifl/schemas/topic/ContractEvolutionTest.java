package org.ifl.schemas.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.ifl.schemas.ContractSamples;
import org.ifl.schemas.avro.Checkpoint;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.WordLevelStatus;
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

    @Test
    void aLabeledCompletionWrittenBeforeWordLevelJudgingReadsAsNotScored() throws IOException {
        Schema v1 = new Schema.Parser().parse(HISTORY.resolve("eval.labeled").resolve("v1.avsc").toFile());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        // v1's fields are the first fields of today's records, in the same positions
        new GenericDatumWriter<Object>(v1, SpecificData.get()).write(ContractSamples.labeled(), encoder);
        encoder.flush();

        LabeledCompletion read = new SpecificDatumReader<LabeledCompletion>(v1, LabeledCompletion.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertEquals(WordLevelStatus.NOT_SCORED, read.getScores().getWordLevel());
        assertEquals(List.of(), read.getScores().getEnglishWords());
        assertEquals(ContractSamples.labeled().getScores().getLineFidelity(), read.getScores().getLineFidelity());
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
