package org.ifl.cli.deploy.k8s;

import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ifl.platform.service.ServiceContext;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the Kubernetes manifest tests read: every YAML document under {@code deploy/k8s}, walked as maps and lists;
 * the settings each service has (the keys of its yml files); the image the Jib build makes.
 */
final class K8sManifests {
    /** The repository's deploy/k8s, from the cli module's directory where the tests run. */
    static final Path ROOT = Path.of("..", "deploy", "k8s").toAbsolutePath().normalize();

    private K8sManifests() {
    }

    /** One YAML document; {@code source} names where it came from, {@code doc} is what it parses to. */
    record Manifest(String source, int index, Map<String, Object> doc) {
        String kind() {
            return text(doc, "kind");
        }

        String name() {
            return text(doc, "metadata", "name");
        }

        /** Where it is, for failure messages: {@code overlays/dev/small-services.yaml: StatefulSet ifl-stats}. */
        String where() {
            return source + ": " + kind() + " " + name();
        }

        boolean is(String kind) {
            return kind.equals(kind());
        }
    }

    /** Every document of every {@code *.yaml} file under {@code dir}, in file order; empty documents left out. */
    static List<Manifest> load(Path dir) {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            manifests.addAll(parse(file));
        }
        return manifests;
    }

    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The documents of a file under {@link #ROOT}, named by its path there. */
    static List<Manifest> parse(Path file) {
        return parse(file, ROOT.relativize(file.toAbsolutePath()).toString());
    }

    @SuppressWarnings("unchecked")
    static List<Manifest> parse(Path file, String source) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Manifest> manifests = new ArrayList<>();
        int index = 0;
        try {
            for (Object doc : new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadAllFromString(text)) {
                if (doc == null) {
                    continue;
                }
                if (!(doc instanceof Map)) {
                    throw new AssertionError(source + ": document " + index + " is not a mapping");
                }
                manifests.add(new Manifest(source, index++, (Map<String, Object>) doc));
            }
        } catch (RuntimeException e) {
            throw new AssertionError(source + " is not valid YAML: " + e.getMessage(), e);
        }
        return manifests;
    }

    /** The value at {@code path} (map keys), or null where a step is missing. */
    @SuppressWarnings("unchecked")
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }

    /** The scalar at {@code path} as text (numbers too), or null. */
    static String text(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof List ? (List<Object>) value : List.of();
    }

    /** The keys every property source of the service's context has (its yml files), without the environment. */
    static Set<String> settingKeys(String environment) {
        Environment settings = ServiceContext.settings(environment, Map.of(), false);
        try {
            Set<String> keys = new TreeSet<>();
            for (PropertySource source : settings.getPropertySources()) {
                source.forEach(keys::add);
            }
            return keys;
        } finally {
            settings.stop();
        }
    }

    /**
     * The setting an environment variable sets, as Micronaut reads the process environment: lower case, each
     * {@code _} either a {@code .} or a {@code -} ({@code IFL_LID_STATE_DIR} is {@code ifl.lid.state-dir}).
     */
    static Optional<String> settingOf(String variable, Set<String> keys) {
        return candidates(variable).stream().filter(keys::contains).findFirst();
    }

    static Set<String> candidates(String variable) {
        String[] parts = variable.toLowerCase(Locale.ROOT).split("_", -1);
        Set<String> names = new LinkedHashSet<>();
        names.add(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            Set<String> longer = new LinkedHashSet<>();
            for (String name : names) {
                longer.add(name + "." + parts[i]);
                longer.add(name + "-" + parts[i]);
            }
            names = longer;
        }
        return names;
    }

    /**
     * The image the Jib build makes: {@code ifl.image.name} of cli/pom.xml (ifl/ifl where it has none), tagged with
     * the project version.
     */
    static String jibImage() {
        Element cli = pom(Path.of("pom.xml"));
        String name = Optional.ofNullable(child(child(cli, "properties"), "ifl.image.name")).map(Node::getTextContent)
                .map(String::strip).orElse("ifl/ifl");
        String version = child(child(cli, "parent"), "version").getTextContent().strip();
        return name + ":" + version;
    }

    private static Element pom(Path file) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }
}
