package org.ifl.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, so a long-running command can shut down in order and
 * exit 0 rather than be torn down by the JVM (which exits 130 on SIGINT). A second signal while stopping
 * halts at once. Where the JVM does not let us take the signals (-Xrs), the default handling stays and the
 * command's shutdown hook does the cleaning up.
 */
final class StopSignal {
    private static final int FORCED_EXIT = 130;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private final PrintWriter err;

    private StopSignal(PrintWriter err) {
        this.err = err;
    }

    static StopSignal install(PrintWriter err) {
        StopSignal stop = new StopSignal(err);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), stop::onSignal);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // signal reserved by the JVM or unknown on this OS: keep its default handling
            }
        }
        return stop;
    }

    private void onSignal(Signal signal) {
        if (received.incrementAndGet() == 1) {
            err.println("stopping (SIG" + signal.getName() + "; press Ctrl-C again to stop at once)...");
            err.flush();
            requested.countDown();
        } else {
            err.println("stopped at once, without closing cleanly");
            err.flush();
            Runtime.getRuntime().halt(FORCED_EXIT);
        }
    }

    /** Blocks until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Waits up to {@code timeout} for a stop request; true when one came. */
    boolean await(java.time.Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
