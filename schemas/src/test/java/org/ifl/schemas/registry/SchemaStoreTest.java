package org.ifl.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaStoreTest {
    static final String V1 = """
            {"type":"record","name":"Reading","namespace":"t","fields":[{"name":"a","type":"string"}]}""";
    static final String V2_WITH_DEFAULT = """
            {"type":"record","name":"Reading","namespace":"t","fields":[{"name":"a","type":"string"},
             {"name":"b","type":"int","default":0}]}""";
    static final String V2_WITHOUT_DEFAULT = """
            {"type":"record","name":"Reading","namespace":"t","fields":[{"name":"a","type":"string"},
             {"name":"b","type":"int"}]}""";
    static final String OTHER = """
            {"type":"record","name":"Other","namespace":"t","fields":[{"name":"x","type":"long"}]}""";

    private final List<SchemaStore.Event> journal = new ArrayList<>();
    private final SchemaStore store = new SchemaStore(CompatibilityLevel.BACKWARD, journal::add);

    @Test
    void idsAreGlobalAndVersionsPerSubject() {
        RegisteredSchema first = store.register("a-value", V1);
        RegisteredSchema second = store.register("a-value", V2_WITH_DEFAULT);
        RegisteredSchema elsewhere = store.register("b-value", V1);
        RegisteredSchema other = store.register("c-value", V1.replace(",", " , "));

        assertEquals(new RegisteredSchema("a-value", 1, 1, SchemaStore.canonical(V1)), first);
        assertEquals(2, second.version());
        assertEquals(2, second.id());
        assertEquals(1, elsewhere.id(), "the same schema under another subject keeps its id");
        assertEquals(1, elsewhere.version());
        assertEquals(1, other.id(), "same schema written differently is the same schema");
        assertEquals(List.of(1, 2), store.versions("a-value"));
        assertEquals(List.of("a-value", "b-value", "c-value"), store.subjects());
    }

    @Test
    void registeringAgainReturnsTheExistingVersionWithoutJournaling() {
        store.register("a-value", V1);
        int journaled = journal.size();
        assertEquals(1, store.register("a-value", "  " + V1 + "  ").id());
        assertEquals(journaled, journal.size());
    }

    @Test
    void anIncompatibleSchemaIsRefusedWith409AndSaysWhy() {
        store.register("a-value", V1);
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> store.register("a-value", V2_WITHOUT_DEFAULT));
        assertEquals(409, e.errorCode());
        assertEquals(409, e.httpStatus());
        assertTrue(e.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), e.getMessage());
        assertEquals(List.of(1), store.versions("a-value"));
    }

    @Test
    void levelNoneAcceptsWhatBackwardRefuses() {
        store.register("a-value", V1);
        store.setCompatibilityLevel("a-value", CompatibilityLevel.NONE);
        assertEquals(2, store.register("a-value", V2_WITHOUT_DEFAULT).version());
        assertEquals(CompatibilityLevel.BACKWARD, store.compatibilityLevel("other-subject"));
    }

    @Test
    void forwardChecksTheOtherDirection() {
        store.setCompatibilityLevel(null, CompatibilityLevel.FORWARD);
        store.register("a-value", V2_WITH_DEFAULT);
        // Old readers (with b, default 0) can read new data lacking b: forward compatible.
        assertEquals(2, store.register("a-value", V1).version());
        // A reader without a default for a field the new writer lacks cannot: refused.
        store.setCompatibilityLevel(null, CompatibilityLevel.FORWARD_TRANSITIVE);
        assertTrue(store.compatibilityViolations("a-value", OTHER).size() > 0);
    }

    @Test
    void notFoundErrorsCarryTheirCodes() {
        assertEquals(40401, assertThrows(SchemaRegistryException.class, () -> store.versions("none")).errorCode());
        assertEquals(40403, assertThrows(SchemaRegistryException.class, () -> store.schemaById(9)).errorCode());
        store.register("a-value", V1);
        assertEquals(40402, assertThrows(SchemaRegistryException.class, () -> store.version("a-value", "3")).errorCode());
        assertEquals(42202, assertThrows(SchemaRegistryException.class, () -> store.version("a-value", "x")).errorCode());
        assertEquals(40403, assertThrows(SchemaRegistryException.class, () -> store.lookup("a-value", OTHER)).errorCode());
        assertEquals(42201, assertThrows(SchemaRegistryException.class, () -> store.register("a-value", "{\"type\":")).errorCode());
        assertEquals(42203, assertThrows(SchemaRegistryException.class, () -> CompatibilityLevel.parse("SIDEWAYS")).errorCode());
    }

    @Test
    void replayingTheJournalRebuildsTheSameIdsAndLevels() {
        store.register("a-value", V1);
        store.register("b-value", OTHER);
        store.register("a-value", V2_WITH_DEFAULT);
        store.setCompatibilityLevel("b-value", CompatibilityLevel.FULL);

        SchemaStore rebuilt = new SchemaStore(CompatibilityLevel.BACKWARD, SchemaStore.Journal.NONE);
        journal.forEach(rebuilt::apply);
        journal.forEach(rebuilt::apply); // a replay that sees its own writes again changes nothing

        assertEquals(store.version("a-value", "latest"), rebuilt.version("a-value", "latest"));
        assertEquals(List.of(1, 2), rebuilt.versions("a-value"));
        assertEquals(2, rebuilt.lookup("b-value", OTHER).id());
        assertEquals(CompatibilityLevel.FULL, rebuilt.compatibilityLevel("b-value"));
        assertEquals(4, rebuilt.register("c-value", OTHER.replace("Other", "Third")).id(), "next id continues");
    }

    @Test
    void aJournalThatFailsLeavesTheStoreUnchanged() {
        SchemaStore failing = new SchemaStore(CompatibilityLevel.BACKWARD, event -> {
            throw new SchemaRegistryException(SchemaRegistryException.STORE_ERROR, "disk full");
        });
        assertThrows(SchemaRegistryException.class, () -> failing.register("a-value", V1));
        assertEquals(List.of(), failing.subjects());
    }
}
