package org.ifl.producers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void theLineShowsDoneRateAndTimeLeftThenTheTotalTime() {
        AtomicLong clock = new AtomicLong(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "publishing", "items",
                1_000, false, clock::get);
        clock.set(500_000_000L);
        progress.advance(50); // the first 50 after 0.5 s of setting up: the rate is measured from here
        assertEquals("publishing [#-------------------]        50 / 1,000 items    5%       100/s  ETA ...",
                progress.line(clock.get()), "no time left before a second of work is measured");
        clock.set(2_500_000_000L);
        progress.advance(200); // 200 in the 2 s since the first: 100/s, 750 left: 7.5 s
        assertEquals("publishing [#####---------------]       250 / 1,000 items   25%       100/s  ETA 0:08",
                progress.line(clock.get()));
        clock.set(10_000_000_000L);
        progress.advance(750);
        progress.finish();
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("publishing [####################]     1,000 / 1,000 items  100%       100/s  in 10.0 s"
                + System.lineSeparator(), printed.substring(printed.indexOf("publishing [####################]")));
    }

    @Test
    void aSlowFirstUnitDoesNotMakeTheTimeLeftHuge() {
        AtomicLong clock = new AtomicLong(0);
        Progress progress = new Progress(new PrintStream(PrintStream.nullOutputStream()), "replaying", "completions",
                288_000, false, clock::get);
        clock.set(8_000_000_000L);
        progress.advance(1); // the first send waited 8 s for the cluster's metadata
        clock.set(10_000_000_000L);
        progress.advance(20_000); // then 10,000/s
        assertEquals("replaying [#-------------------]    20,001 / 288,000 completions    6%    10,000/s  ETA 0:27",
                progress.line(clock.get()));
    }

    @Test
    void bytesAreShownInMegabytes() {
        AtomicLong clock = new AtomicLong(0);
        Progress progress = new Progress(new PrintStream(PrintStream.nullOutputStream()), "checking", "MB",
                1_000_000_000L, false, true, clock::get);
        progress.advance(1 << 16);
        clock.set(2_000_000_000L);
        progress.advance(100_000_000L - (1 << 16)); // 99.9 MB in 2 s after the first read
        assertEquals("checking [##------------------]     100.0 / 1,000.0 MB   10%    50.0 MB/s  ETA 0:19",
                progress.line(clock.get()));
    }
}
