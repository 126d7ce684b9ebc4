package org.ifl.schemas.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.ifl.schemas.ContractSamples;
import org.junit.jupiter.api.Test;

class RecordKeyTest {
    @Test
    void partsAreJoinedWithBarsAndEscaped() {
        assertEquals("m|c|d|de", RecordKey.of("m", "c", "d", "de"));
        assertEquals("a%7Cb|100%25|", RecordKey.of("a|b", "100%", null));
        assertEquals(List.of("a|b", "100%", ""), RecordKey.parts("a%7Cb|100%25|"));
        assertEquals(List.of("%7C"), RecordKey.parts(RecordKey.of("%7C")));
    }

    @Test
    void pairAndCellKeysOfThePairKey() {
        assertEquals("run-7|ref-vlm|step-2000|maxm|item%7C42|de", RecordKey.pair(ContractSamples.PAIR));
        assertEquals("ref-vlm|step-2000|maxm|de", RecordKey.cell(ContractSamples.PAIR));
    }
}
