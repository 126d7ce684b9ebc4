package org.ifl.statsstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages (classpath {@code dashboard/}) load nothing from outside the service: every file an HTML
 * page or a script names exists in the dashboard directory or, under {@code /webjars/}, in a WebJar on the
 * classpath; no page names an http(s) URL (no CDN).
 */
class DashboardFilesTest {
    private static final String WEBJARS = "/webjars/";

    /** src/href attributes of HTML, and the module specifiers of import ... from '...' in scripts. */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:\\b(?:src|href)\\s*=\\s*\"([^\"]*)\")|(?:\\bfrom\\s+'([^']*)')|(?:\\bimport\\s*\\(\\s*'([^']*)'\\s*\\))");
    private static final Pattern REMOTE = Pattern.compile("(?i)https?://|(?<![:\\w])//[a-z0-9.-]+\\.[a-z]{2,}");

    @Test
    void everyPageAndScriptReferencesOnlyFilesTheServiceServes() throws IOException {
        Path dashboard = dashboardDirectory();
        List<String> problems = new ArrayList<>();
        List<Path> files = files(dashboard);
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().equals("index.html")),
                "no index.html in " + dashboard);
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                String reference = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                String problem = missing(dashboard, reference);
                if (problem != null) {
                    problems.add(file.getFileName() + ": " + problem);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noPageOrScriptNamesAnHttpUrl() throws IOException {
        List<String> remote = new ArrayList<>();
        for (Path file : files(dashboardDirectory())) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (REMOTE.matcher(lines.get(i)).find()) {
                    remote.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), remote);
    }

    @Test
    void everyPageLoadsTheWebJarsECharts() throws IOException {
        for (Path file : files(dashboardDirectory())) {
            if (file.toString().endsWith(".html")) {
                assertTrue(Files.readString(file).contains(
                        "src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\""), file.getFileName() + " has no ECharts");
            }
        }
    }

    /** Why a reference would not be served, or null when it would. */
    private static String missing(Path dashboard, String reference) throws IOException {
        if (reference.isEmpty() || reference.startsWith("data:") || reference.startsWith("#")) {
            return null;
        }
        String path = reference.replaceFirst("[?#].*$", "");
        if (path.startsWith(WEBJARS)) {
            String resource = "META-INF/resources" + path;
            try (InputStream in = DashboardFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
                return in == null ? reference + ": no " + resource + " on the classpath" : null;
            }
        }
        if (path.startsWith("/") || path.contains("..")) {
            return reference + ": not a file of the dashboard directory or a WebJar";
        }
        String local = path.startsWith("./") ? path.substring(2) : path;
        if (local.endsWith(".html") || local.endsWith(".js") || local.endsWith(".css")) {
            return Files.isRegularFile(dashboard.resolve(local)) ? null : reference + ": no such file in dashboard/";
        }
        return reference + ": not an HTML, JS or CSS file of dashboard/";
    }

    private static Path dashboardDirectory() {
        URL index = DashboardFilesTest.class.getClassLoader().getResource("dashboard/index.html");
        assertFalse(index == null, "no dashboard/index.html on the classpath");
        try {
            return Path.of(index.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the classpath URL " + index + " is not a file", e);
        }
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
