package org.ifl.platform.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition of a running system until it holds; fails the test, naming what it waited for, when it does not. */
public final class Await {
    /** As long as {@link CommittedRecords} waits for records. */
    public static final Duration WAIT = Duration.ofSeconds(90);
    private static final long POLL_MS = 20;

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(POLL_MS);
        }
    }
}
