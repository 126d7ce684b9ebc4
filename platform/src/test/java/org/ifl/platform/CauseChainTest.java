package org.ifl.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CauseChainTest {

    @Test
    void saysEachMessageOnceOnOneLine() {
        Exception failure = new IllegalStateException("cannot start the broker",
                new ExecutionException(new RuntimeException("cannot start the broker\nbecause the disk is full")));
        assertEquals("cannot start the broker: cannot start the broker because the disk is full",
                CauseChain.describe(failure));
        Exception repeated = new IllegalStateException("disk full: no space", new RuntimeException("no space"));
        assertEquals("disk full: no space", CauseChain.describe(repeated));
    }

    @Test
    void namesExceptionsWithoutAMessage() {
        assertEquals("outer: NullPointerException",
                CauseChain.describe(new RuntimeException("outer", new NullPointerException())));
    }

    @Test
    void saysWhenAPortIsInUse() {
        Exception failure = new IllegalStateException("cannot listen on 127.0.0.1:9092", new BindException());
        assertTrue(CauseChain.contains(failure, BindException.class));
        assertEquals("cannot listen on 127.0.0.1:9092: BindException (address already in use)",
                CauseChain.describe(failure));
    }
}
