package org.ifl.cli;

import java.io.PrintWriter;
import org.ifl.platform.EmbeddedPlatform;

/**
 * The platform {@code ifl up} started, closed exactly once whichever comes first: the command's own stop
 * or the JVM's shutdown hook (SIGHUP, or signals the JVM kept for itself).
 */
final class RunningPlatform {
    private final EmbeddedPlatform platform;
    private final PrintWriter out;
    private boolean stopped;

    RunningPlatform(EmbeddedPlatform platform, PrintWriter out) {
        this.platform = platform;
        this.out = out;
    }

    EmbeddedPlatform platform() {
        return platform;
    }

    /** Closes the platform unless already closed, then prints "stopped". */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        platform.close();
        out.println("stopped");
        out.flush();
    }

    /** A shutdown hook that stops the platform if the command has not. */
    Thread shutdownHook() {
        return new Thread(this::stop, "ifl-up-shutdown");
    }
}
