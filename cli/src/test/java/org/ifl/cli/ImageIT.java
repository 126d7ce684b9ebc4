package org.ifl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ifl.cli.deploy.ManifestSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image {@code ifl/ifl} that the Maven profile {@code images} builds with Jib
 * ({@code mvn verify -Pimages -Difl.image.base=scratch}, docs/images.md), read from its tar as a container runtime
 * would: the entrypoint runs the ifl command line with container-minded JVM flags, as user 65532, with the service
 * ports exposed and the environment a container needs; the layers hold the Java runtime and every jar of the command
 * line's runtime class path. Where this test runs as root and may make namespaces, the layers are also extracted and
 * run as a container would run them (their own root, /proc, user 65532, the image's environment): {@code ifl
 * --version}, and PyTorch's native library (through DJL, as the worker loads it) and the JDK's image codecs.
 * <p>
 * The profile passes the tar's path and what it was built with; a build without the profile has no image to check,
 * and the test says so and skips.
 */
class ImageIT {
    private static final String RUN_AS = "65532";
    private static final Path UNSHARE = Path.of("/usr/bin/unshare");

    @TempDir
    static Path extracted;

    private static ImageTar image;
    private static Optional<String> runSkipped;

    @BeforeAll
    static void readImage() throws Exception {
        String tar = System.getProperty("ifl.image.tar");
        if (tar == null) {
            return; // each test says why it skips
        }
        Path tarPath = Path.of(tar);
        assertTrue(Files.isRegularFile(tarPath), "the images profile built no " + tarPath);
        runSkipped = whyNotRunnable();
        Path root = extracted.resolve("rootfs");
        image = ImageTar.read(tarPath, runSkipped.isEmpty() ? Optional.of(root) : Optional.empty());
    }

    @BeforeEach
    void skipWithoutAnImage() {
        assumeTrue(image != null, "no image in this build: the Maven profile images builds ifl/ifl and this test "
                + "checks it (mvn verify -Pimages -Difl.image.base=scratch builds it here, with no registry)");
    }

    @Test
    void theEntrypointRunsTheCommandLineAsUser65532WithContainerFlags() {
        assertEquals(List.of(property("ifl.image.reference")), ImageTar.strings(image.manifest().path("RepoTags")));
        assertEquals("linux", image.config().path("os").asText());
        assertEquals("amd64", image.config().path("architecture").asText());

        List<String> entrypoint = ImageTar.strings(image.container().path("Entrypoint"));
        assertEquals(property("ifl.image.java"), entrypoint.get(0));
        assertEquals(List.of("-cp", "@/app/jib-classpath-file", IflCommand.class.getName()),
                entrypoint.subList(entrypoint.size() - 3, entrypoint.size()), entrypoint::toString);
        for (String flag : List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true", "-Dai.djl.offline=true")) {
            assertTrue(entrypoint.contains(flag), () -> flag + " missing from " + entrypoint);
        }
        assertFalse(entrypoint.stream().anyMatch(a -> a.startsWith("-Xmx")),
                "the heap follows the container's memory limit (MaxRAMPercentage), not a fixed -Xmx");
        assertEquals(List.of("--help"), ImageTar.strings(image.container().path("Cmd")),
                "without arguments the container prints the commands; its arguments pick the service");

        assertEquals(RUN_AS + ":" + RUN_AS, image.container().path("User").asText());
        assertEquals(Set.of("8085/tcp", "8086/tcp", "8470/tcp"), fieldNames(image.container().path("ExposedPorts")));
        Map<String, String> environment = image.environment();
        assertEquals("0.0.0.0", environment.get("MICRONAUT_SERVER_HOST"), environment::toString);
        assertEquals("/var/lib/ifl", environment.get("IFL_DATA_DIR"), environment::toString);
        assertEquals("/var/cache/ifl/djl", environment.get("DJL_CACHE_DIR"), environment::toString);
        assertFalse(environment.containsKey("JAVA_TOOL_OPTIONS"), "JAVA_TOOL_OPTIONS is left to operators");
        assertEquals("/var/lib/ifl", image.container().path("WorkingDir").asText());
        assertEquals(Set.of("/var/lib/ifl"), fieldNames(image.container().path("Volumes")));

        var labels = image.container().path("Labels");
        assertEquals("ifl", labels.path("org.opencontainers.image.title").asText());
        assertEquals(property("ifl.image.reference"), property("ifl.image.name") + ":"
                + labels.path("org.opencontainers.image.version").asText());
        assertEquals(property("ifl.image.base"), labels.path("org.opencontainers.image.base.name").asText());
        assertFalse(labels.path("org.opencontainers.image.description").asText().isBlank(), labels::toString);
    }

    @Test
    void theLayersHoldTheJavaRuntimeAndEveryJarOfTheClassPath() throws IOException {
        String java = property("ifl.image.java");
        if (java.startsWith("/")) {
            ImageTar.Entry launcher = image.file(java).orElseThrow(() -> new AssertionError("no " + java));
            assertTrue(launcher.executableByAll(), launcher::toString);
        }
        assertEquals(IflCommand.class.getName(), image.text("/app/jib-main-class-file").strip());

        // Entries are files or directories' jars (DIR/*, the JVM's wildcard), as Jib writes them.
        Set<String> inImage = new TreeSet<>();
        for (String entry : image.text("/app/jib-classpath-file").strip().split(":")) {
            if (entry.endsWith("/*")) {
                String directory = entry.substring(0, entry.length() - 1);
                image.files().keySet().stream().filter(p -> p.startsWith(directory) && p.endsWith(".jar")
                        && p.indexOf('/', directory.length()) < 0).forEach(inImage::add);
            } else {
                assertTrue(image.file(entry).isPresent(), () -> "class path entry " + entry + " is not in the image");
                inImage.add(entry);
            }
        }
        Set<String> jarNames = inImage.stream().map(p -> p.substring(p.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
        Set<String> needed;
        try (Stream<Path> jars = Files.list(Path.of(property("ifl.image.class-path-dir")))) {
            needed = jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(needed.size() > 50, () -> "the runtime class path copied by the build: " + needed);
        needed.add(property("ifl.image.project-jar")); // the command line's own jar, with its Maven metadata
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(jarNames);
        assertEquals(Set.of(), missing, "jars of the runtime class path missing from the image's class path");

        for (String writable : List.of("/var/lib/ifl", "/var/cache/ifl/djl")) {
            ImageTar.Entry directory = image.file(writable).orElseThrow(() -> new AssertionError("no " + writable));
            assertTrue(directory.directory() && directory.writableByAll(),
                    () -> "user " + RUN_AS + " must write in " + directory);
        }
        if (property("ifl.image.base").equals("scratch")) {
            assertScratchRuntime();
        }
    }

    /** On scratch the image brings what a base image would: the loader, libc, users, a writable /tmp. */
    private static void assertScratchRuntime() {
        for (String executable : List.of("/lib64/ld-linux-x86-64.so.2", "/opt/jre/lib/jspawnhelper")) {
            ImageTar.Entry entry = image.file(executable).orElseThrow(() -> new AssertionError("no " + executable));
            assertTrue(entry.executableByAll(), entry::toString);
        }
        for (String library : List.of("libc.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1", "libm.so.6")) {
            assertTrue(image.files().keySet().stream().anyMatch(p -> p.endsWith("/" + library)),
                    () -> library + ", linked by the Java runtime or PyTorch, is not in the image");
        }
        assertTrue(image.file("/opt/jre/lib/security/cacerts").orElseThrow().size() > 10_000,
                "the JDK's trusted certificate authorities, for TLS to registries and brokers");
        assertTrue(image.text("/etc/passwd").lines().anyMatch(l -> l.startsWith("ifl:x:" + RUN_AS + ":" + RUN_AS
                + ":")), image.text("/etc/passwd"));
        assertTrue(image.file("/tmp").orElseThrow().writableByAll(), "java.io.tmpdir");
    }

    @Test
    void versionRunsInTheExtractedImageAsUser65532() throws Exception {
        assumeTrue(runSkipped.isEmpty(), () -> runSkipped.orElse(""));
        List<String> command = new ArrayList<>(ImageTar.strings(image.container().path("Entrypoint")));
        command.add("--version");
        String output = runInImage("version", command);
        String version = property("ifl.image.reference").substring(property("ifl.image.name").length() + 1);
        assertTrue(output.contains("ifl " + version), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("Java 17")), output);
    }

    /**
     * The native code the services load works in the image, with the entrypoint's JVM flags: the worker's PyTorch
     * library, unpacked under the image's DJL_CACHE_DIR by user 65532 and linked against the image's libraries
     * (libstdc++, libgomp, ...), and the JDK's image codecs.
     */
    @Test
    void nativeLibrariesLoadInTheExtractedImageAsUser65532() throws Exception {
        assumeTrue(runSkipped.isEmpty(), () -> runSkipped.orElse(""));
        Path root = extracted.resolve("rootfs");
        String probe = "/ifl-test-probe";
        String classFile = NativeProbe.class.getName().replace('.', '/') + ".class";
        Path copy = root.resolve(probe.substring(1)).resolve(classFile);
        Files.createDirectories(copy.getParent());
        try (var in = NativeProbe.class.getResourceAsStream("/" + classFile)) {
            Files.copy(in, copy);
        }
        try (Stream<Path> walk = Files.walk(root.resolve(probe.substring(1)))) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p)
                        ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        List<String> entrypoint = ImageTar.strings(image.container().path("Entrypoint"));
        List<String> command = new ArrayList<>(entrypoint.subList(0, entrypoint.size() - 3));
        command.addAll(List.of("-cp", image.text("/app/jib-classpath-file").strip() + ":" + probe,
                NativeProbe.class.getName()));
        String output = runInImage("native", command);
        assertTrue(output.lines().anyMatch(l -> l.matches("PyTorch 2\\.\\d+\\.\\d+ sum 10\\.0")), output);
        assertTrue(output.lines().anyMatch(l -> l.equals("jpeg 8x6")), output);
        try (Stream<Path> unpacked = Files.walk(root.resolve(image.environment().get("DJL_CACHE_DIR").substring(1)))) {
            assertTrue(unpacked.anyMatch(p -> p.getFileName().toString().equals("libtorch_cpu.so")),
                    "DJL unpacked PyTorch under the image's DJL_CACHE_DIR");
        }
    }

    /**
     * The health check compose.yaml gives the services runs in the image as written (`java` found on the image's
     * PATH, the class path file Jib writes): it passes against a /health that answers 200.
     */
    @Test
    void theComposeHealthCheckRunsInTheExtractedImage() throws Exception {
        assumeTrue(runSkipped.isEmpty(), () -> runSkipped.orElse(""));
        Map<String, Object> services = ManifestSettings.map(ManifestSettings.document(
                ManifestSettings.deployDir().resolve("compose").resolve("compose.yaml")).get("services"), "services");
        Map<String, Object> healthcheck = ManifestSettings.map(ManifestSettings.map(services.get("stats-1"),
                "stats-1").get("healthcheck"), "stats-1 healthcheck");
        List<String> test = ((List<?>) healthcheck.get("test")).stream().map(String::valueOf).toList();
        assertEquals("CMD", test.get(0), test::toString);
        HttpServer health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        try {
            List<String> command = new ArrayList<>(test.subList(1, test.size()));
            String url = command.remove(command.size() - 1);
            assertTrue(url.endsWith("/health"), url);
            command.add("http://127.0.0.1:" + health.getAddress().getPort() + "/health");
            runInImage("health", command);
        } finally {
            health.stop(0);
        }
    }

    /**
     * Runs {@code command} in the extracted image as a container runtime would: the layers as its root, /proc
     * mounted, the image's working directory, environment and user; returns its output once it exits 0.
     */
    private static String runInImage(String name, List<String> command) throws Exception {
        Path root = extracted.resolve("rootfs");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("proc"));
        List<String> unshare = new ArrayList<>(List.of(UNSHARE.toString(), "--mount", "--pid", "--fork",
                "--mount-proc=/proc", "--root=" + root, "--wd=" + image.container().path("WorkingDir").asText(),
                "--setuid", RUN_AS, "--setgid", RUN_AS));
        unshare.addAll(command);
        Path log = extracted.resolve(name + ".txt");
        ProcessBuilder builder = new ProcessBuilder(unshare).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(image.environment());
        Process process = builder.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, () -> "did not end within 3 minutes: " + command + "\n" + output);
        assertEquals(0, process.exitValue(), () -> command + "\n" + output);
        return output;
    }

    /** Empty when this process may run the image: root, and able to make mount and PID namespaces. */
    private static Optional<String> whyNotRunnable() throws IOException, InterruptedException {
        if (new UnixSystem().getUid() != 0) {
            return Optional.of("not root: running the image's layers in their own root needs root");
        }
        if (!Files.isExecutable(UNSHARE)) {
            return Optional.of("no " + UNSHARE + " (util-linux) to run the image's layers in their own root");
        }
        Process probe = new ProcessBuilder(UNSHARE.toString(), "--mount", "--pid", "--fork", "true")
                .redirectErrorStream(true).start();
        String said = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            return Optional.of("this machine refuses new mount and PID namespaces (" + said + ")");
        }
        return Optional.empty();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotEquals(null, value, "the images profile passes " + name);
        return value;
    }

    private static Set<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
