package org.ifl.benchmarks.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ifl.platform.JvmOptions;

/**
 * One {@code ifl} command run as a child process with this JVM's java binary and class path, its output (stdout and
 * stderr) in a log file of its own per start: {@code <logs>/<name>-<start>.log}. A service is ready once it printed
 * the line every long-running {@code ifl} command prints when it serves ({@link #READY}).
 */
final class IflProcess {
    /** What {@code ifl up} and every service command print once they run. */
    static final String READY = "Ctrl-C stops it.";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int TAIL_LINES = 15;

    /**
     * How to run an {@code ifl} command: the java binary, the JVM options and class path, and the main class. A
     * command starts with the options it ships with ({@link JvmOptions}), then {@code jvmOptions}, which win.
     *
     * @param jvmOptions options before the class path, e.g. -Xmx1g
     */
    record Launcher(String java, List<String> jvmOptions, String classPath, String mainClass) {
        Launcher {
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** The java binary and class path of this JVM. */
        static Launcher ofThisJvm(String mainClass) {
            String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException(
                    "cannot tell which java binary runs this JVM, to start the ifl commands with it"));
            return new Launcher(java, List.of(), System.getProperty("java.class.path"), mainClass);
        }

        /** The JVM options {@code ifl <command>} starts with: those it ships with, then this launcher's. */
        List<String> jvmOptions(String command) {
            List<String> options = new ArrayList<>(JvmOptions.of(command));
            options.addAll(jvmOptions);
            return options;
        }

        List<String> command(List<String> args) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmOptions(args.get(0)));
            command.add("-cp");
            command.add(classPath);
            command.add(mainClass);
            command.addAll(args);
            return command;
        }
    }

    private final String name;
    private final List<String> command;
    private final Path logs;
    private Process process;
    private Path log;
    private int starts;
    /** CPU time of the starts before the current one, and the highest peak resident memory any start reached. */
    private Duration earlierCpu = Duration.ZERO;
    private Duration lastCpu = Duration.ZERO;
    private long peakResidentBytes;

    /** {@code ifl <args>}, named {@code name} in logs and messages. */
    IflProcess(String name, Launcher launcher, List<String> args, Path logs) {
        this.name = name;
        this.command = launcher.command(args);
        this.logs = logs;
    }

    String name() {
        return name;
    }

    /** Times started, the first included. */
    int starts() {
        return starts;
    }

    Path log() {
        return log;
    }

    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        starts++;
        Files.createDirectories(logs);
        log = logs.resolve(name + "-" + starts + ".log");
        Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        synchronized (this) { // the usage sampler reads these from its own thread
            earlierCpu = earlierCpu.plus(lastCpu);
            lastCpu = Duration.ZERO;
            process = started;
        }
    }

    /** Waits until the command printed {@link #READY}; fails with the log's last lines if it ended or took too long. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(READY)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with exit code " + process.exitValue()
                        + " before it was ready; " + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; "
                        + tail());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** kill -9: the process gets no chance to clean up. Returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as Ctrl-C would stop it; kill -9 if it has not ended within {@code grace}. Returns its exit code. */
    int stop(Duration grace) throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /** Waits for a command that ends by itself (a replay); fails with the log's last lines if it takes too long. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " had not ended after " + timeout.toSeconds() + " s; " + tail());
        }
        return process.exitValue();
    }

    /**
     * Reads the process's CPU time and peak resident memory (Linux's VmHWM) while it runs; what {@link #usage}
     * reports is as of the last call, so call it often for a process that ends by itself.
     */
    synchronized void sampleUsage() {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return;
        }
        running.info().totalCpuDuration().ifPresent(cpu -> lastCpu = cpu);
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(running.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                    peakResidentBytes = Math.max(peakResidentBytes, kib * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process ended meanwhile: the last reading stands
        }
    }

    /** CPU time over all starts and the highest peak resident memory, as of the last {@link #sampleUsage}. */
    synchronized Usage usage() {
        return new Usage(earlierCpu.plus(lastCpu), peakResidentBytes);
    }

    /** A process's CPU time and peak resident memory (0 where it could not be read). */
    record Usage(Duration cpu, long peakResidentBytes) {
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** "the last lines of <log>: ..." for messages. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "the last lines of " + log + ":" + System.lineSeparator() + "  "
                + String.join(System.lineSeparator() + "  ",
                        lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
