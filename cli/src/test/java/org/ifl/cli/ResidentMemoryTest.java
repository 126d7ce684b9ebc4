package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void readsVmRssInKibibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t  412345 kB\nRssAnon:\t 1 kB\n";
        assertEquals(OptionalLong.of(412345L * 1024), ResidentMemory.parseVmRss(status));
    }

    @Test
    void saysNothingWithoutAVmRssLine() {
        assertEquals(OptionalLong.empty(), ResidentMemory.parseVmRss("Name:\tkthreadd\n"));
    }

    @Test
    void describesInMebibytesOrNotAvailable() {
        assertEquals("1.5 MiB", ResidentMemory.mebibytes(1536 * 1024));
        String described = ResidentMemory.describe();
        assertTrue(described.equals("n/a") || described.endsWith(" MiB"), described);
    }
}
