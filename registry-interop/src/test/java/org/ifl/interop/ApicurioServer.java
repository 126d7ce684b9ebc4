package org.ifl.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry (assembled by the apicurio-server module) run as a child JVM on 127.0.0.1 and a free port,
 * with its in-memory storage, its output in a file and its logging at WARN. A child JVM rather than in-process:
 * the built Quarkus application loads itself through its own class loader and wants the JBoss log manager
 * installed when the JVM starts, and its libraries (Quarkus 2, Avro 1.11, Jackson, Netty) must not meet the
 * project's on one class path.
 */
final class ApicurioServer implements AutoCloseable {
    /** Where the Confluent-compatible API is served, below the server's root. */
    static final String CONFLUENT_API = "/apis/ccompat/v7";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final String root;
    private final Path log;
    private final Thread stopOnExit;

    private ApicurioServer(Process process, String root, Path log) {
        this.process = process;
        this.root = root;
        this.log = log;
        // A test JVM stopped before close() (Ctrl-C, a fork timeout) must not leave the server running.
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-apicurio");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts the server's {@code runner} jar, writing its output to {@code log}; returns once its Confluent API answers. */
    static ApicurioServer start(Path runner, Path log) throws IOException, InterruptedException {
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException("no Apicurio server at " + runner
                    + ": build it with the tests, mvn -pl registry-interop -am verify");
        }
        int port = freePort();
        Files.createDirectories(log.getParent());
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A server that lives for one test class: C1 and the serial collector start it with less CPU.
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.banner.enabled=false",
                // Sentry's client warns at start that it has nowhere to report to.
                "-Dquarkus.log.category.\"io.sentry\".level=ERROR",
                "-jar", runner.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        // Apicurio's own settings for its root and its io.apicurio log levels (both INFO otherwise).
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.environment().put("REGISTRY_LOG_LEVEL", "WARN");
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ApicurioServer server = new ApicurioServer(process, "http://127.0.0.1:" + port, log);
        try {
            server.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The base URL of the Confluent-compatible API, as the project's registry clients take it. */
    String confluentApiUrl() {
        return root + CONFLUENT_API;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(confluentApiUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Apicurio server exited with status " + process.exitValue()
                        + " before it answered; its log, " + log + ", ends with:\n" + logTail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port opens a few seconds after the JVM starts
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the Apicurio server did not answer " + probe.uri() + " within "
                + START_TIMEOUT + "; its log, " + log + ", ends with:\n" + logTail());
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
