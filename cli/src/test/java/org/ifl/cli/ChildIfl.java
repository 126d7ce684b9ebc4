package org.ifl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.HttpAccessChecks;

/**
 * An {@code ifl} command run in a child JVM on this test's class path, as from another terminal of the same host:
 * its working directory, its environment (the machine's {@code IFL_*} and {@code MICRONAUT_*} variables left out,
 * so they cannot leak into a test), its output and error in files, stopped with SIGTERM as Ctrl-C would.
 */
final class ChildIfl implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration STARTUP = Duration.ofMinutes(5);

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildIfl(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code ifl args...} in {@code workingDir}, with {@code environment} added to this process's own and the
     * operator's token {@link HttpAccessChecks#ADMIN_TOKEN}; its
     * output goes to {@code <name>.out.txt} and {@code <name>.err.txt} there.
     */
    static ChildIfl start(Path workingDir, String name, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), IflCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = workingDir.resolve(name + ".out.txt");
        Path err = workingDir.resolve(name + ".err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("IFL_") || key.startsWith("MICRONAUT_"));
        // The operator's token, so that the test can read /health's details as an operator would.
        builder.environment().put("IFL_HTTP_ADMIN_TOKEN", HttpAccessChecks.ADMIN_TOKEN);
        builder.environment().putAll(environment);
        return new ChildIfl(builder.start(), out, err);
    }

    /**
     * The URL of the service's /health, once its output says where it listens; fails, with its output, when it exits
     * first or is not listening within {@link #STARTUP} (a JVM, Micronaut and the detector starting on a busy host).
     */
    String awaitHealthUrl() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            String health = out().lines().filter(l -> l.startsWith("  health ")).map(l -> l.substring(
                    l.indexOf("http"))).findFirst().orElse(null);
            if (health != null) {
                return health;
            }
            Thread.sleep(100);
        }
        throw new AssertionError((process.isAlive() ? "not listening within " + STARTUP
                : "exited with " + process.exitValue()) + ":\n" + out() + err());
    }

    /** The entry of {@code stage} in the /health at {@code url}, once it is UP with its stream RUNNING. */
    static JsonNode awaitRunning(String url, String stage) throws InterruptedException {
        AtomicReference<JsonNode> entry = new AtomicReference<>();
        Await.until(stage + " UP at " + url + ", its stream running", () -> {
            entry.set(stageHealth(url, stage));
            return entry.get().path("status").asText().equals("UP")
                    && entry.get().path("details").path("streams").asText().equals("RUNNING");
        });
        return entry.get();
    }

    private static JsonNode stageHealth(String url, String stage) {
        try {
            return HttpAccessChecks.operatorHealth(URI.create(url).resolve("/")).path("details").path(stage);
        } catch (IOException e) {
            return JSON.createObjectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Ctrl-C; waits for the exit and returns its code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running 120 s after SIGTERM:\n" + out() + err());
        }
        return process.exitValue();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
