package org.ifl.cli.deploy.k8s;

import static org.ifl.cli.deploy.k8s.K8sManifests.ROOT;
import static org.ifl.cli.deploy.k8s.K8sManifests.at;
import static org.ifl.cli.deploy.k8s.K8sManifests.list;
import static org.ifl.cli.deploy.k8s.K8sManifests.map;
import static org.ifl.cli.deploy.k8s.K8sManifests.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.ifl.cli.deploy.k8s.K8sManifests.Manifest;
import org.ifl.inferenceworker.WorkerService;
import org.ifl.inferenceworker.WorkerSettings;
import org.ifl.lidstream.Detection;
import org.ifl.lidstream.LanguageDetector;
import org.ifl.lidstream.LidMetrics;
import org.ifl.lidstream.LidService;
import org.ifl.lidstream.LidSettings;
import org.ifl.lidstream.LidStage;
import org.ifl.platform.kafka.StreamsStageSettings;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.ServiceSettings;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.TopicContract;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.StatsSettings;
import org.ifl.statsstream.StatsStage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under deploy/k8s agree with the code they deploy: the topics with the topic registry,
 * every environment variable with a setting of its service, ports and probes with the services' ports, images with
 * the Jib build, scrape configs and autoscalers with the pods and consumer groups they name, the Kafka users' ACLs
 * with what each stage reads and writes. The base and each overlay's patches are read as files; where kubectl is on
 * the PATH, each overlay is also built with its kustomize and the result checked whole.
 */
class K8sManifestsTest {
    private static final Path BASE = ROOT.resolve("base");
    private static final Path OVERLAYS = ROOT.resolve("overlays");
    private static final String CLIENT_PROPERTIES_SECRET = "ifl-kafka-client";
    private static final String CONFIG_MAP = "ifl-config";
    /** The variable that carries a pod's Kafka user (its JAAS line, from the user's Secret) into client.properties. */
    private static final String JAAS_VARIABLE = "KAFKA_SASL_JAAS_CONFIG";

    /** Variables that are no ifl setting, set for what reads them. */
    private static final Map<String, String> OTHER_VARIABLES = Map.of(
            "JAVA_TOOL_OPTIONS", "the JVM's options",
            "DJL_CACHE_DIR", "DJL: where it unpacks PyTorch's native library",
            "PYTORCH_LIBRARY_PATH", "DJL: a libtorch installed outside the image",
            "PYTORCH_VERSION", "DJL: that libtorch's version",
            "PYTORCH_FLAVOR", "DJL: that libtorch's build (cu128)");


    private static final Pattern DEPENDENT_VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    /** The services the image runs, by the argument that picks each. */
    enum Service {
        WORKER("worker", WorkerService.ENVIRONMENT),
        LID("lid", LidService.ENVIRONMENT),
        STATS("stats", StatsService.ENVIRONMENT);

        final String command;
        final String environment;

        Service(String command, String environment) {
            this.command = command;
            this.environment = environment;
        }

        static Optional<Service> ofArgs(List<Object> args) {
            if (args.isEmpty()) {
                return Optional.empty();
            }
            String first = String.valueOf(args.get(0));
            for (Service service : values()) {
                if (service.command.equals(first)) {
                    return Optional.of(service);
                }
            }
            return Optional.empty();
        }
    }

    private static List<Manifest> base;
    private static final Map<Service, Set<String>> SETTING_KEYS = new HashMap<>();

    @BeforeAll
    static void read() {
        assertTrue(Files.isDirectory(BASE), "no " + BASE);
        base = K8sManifests.load(BASE);
        for (Service service : Service.values()) {
            SETTING_KEYS.put(service, K8sManifests.settingKeys(service.environment));
        }
    }

    // ---- files and kustomizations

    @Test
    void everyDocumentHasAnApiVersionKindAndName() {
        List<String> problems = new ArrayList<>();
        int documents = 0;
        for (Path file : K8sManifests.yamlFiles(ROOT)) {
            for (Manifest m : K8sManifests.parse(file)) {
                documents++;
                if (text(m.doc(), "apiVersion") == null || m.kind() == null
                        || (m.name() == null && !m.is("Kustomization"))) {
                    problems.add(m.source() + ": document " + m.index()
                            + " lacks apiVersion, kind or metadata.name");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(documents > 30, "only " + documents + " documents under " + ROOT);
    }

    @Test
    void kustomizationsListFilesThatExist() {
        List<String> problems = new ArrayList<>();
        List<Path> kustomizations = K8sManifests.yamlFiles(ROOT).stream()
                .filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
        assertEquals(Set.of(BASE, OVERLAYS.resolve("dev"), OVERLAYS.resolve("production")),
                Set.copyOf(kustomizations.stream().map(Path::getParent).toList()));
        for (Path file : kustomizations) {
            Map<String, Object> k = K8sManifests.parse(file).get(0).doc();
            Path dir = file.getParent();
            List<String> named = new ArrayList<>();
            list(k, "resources").forEach(r -> named.add(String.valueOf(r)));
            list(k, "components").forEach(r -> named.add(String.valueOf(r)));
            for (Object patch : list(k, "patches")) {
                if (text(patch, "path") != null) {
                    named.add(text(patch, "path"));
                }
            }
            for (String entry : named) {
                Path target = dir.resolve(entry).normalize();
                boolean exists = Files.isRegularFile(target)
                        || Files.isRegularFile(target.resolve("kustomization.yaml"));
                if (!exists) {
                    problems.add(ROOT.relativize(file) + " lists " + entry + ", which does not exist");
                }
            }
            // A file beside a kustomization that it does not list is never applied.
            try (var siblings = Files.list(dir)) {
                siblings.filter(f -> f.toString().endsWith(".yaml") && !f.equals(file))
                        .filter(f -> !named.contains(f.getFileName().toString()))
                        .forEach(f -> problems.add(ROOT.relativize(f) + " is listed by no kustomization"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(List.of(), problems);
    }

    // ---- Strimzi: cluster, topics, users

    @Test
    void theTopicsFileIsWhatTheGeneratorWrites() throws IOException {
        String expected = StrimziTopics.yaml(Topics.ALL, StrimziTopics.CLUSTER, StrimziTopics.REPLICAS);
        assertEquals(expected, Files.readString(BASE.resolve("kafka-topics.yaml")),
                "deploy/k8s/base/kafka-topics.yaml differs from the topic registry; regenerate it: "
                        + StrimziTopics.REGENERATE);
    }

    @Test
    void theKafkaTopicsAreTheTopicRegistry() {
        List<Manifest> topics = base.stream().filter(m -> m.is("KafkaTopic")).toList();
        Map<String, Manifest> byName = new TreeMap<>();
        topics.forEach(t -> byName.put(t.name(), t));
        assertEquals(topics.size(), byName.size(), "a KafkaTopic is defined twice");
        assertEquals(new TreeSet<>(Topics.ALL.stream().map(TopicContract::name).toList()), byName.keySet());
        String cluster = only(base, "Kafka").name();
        for (TopicContract<?, ?> contract : Topics.ALL) {
            Manifest topic = byName.get(contract.name());
            assertEquals(String.valueOf(contract.spec().partitions()), text(topic.doc(), "spec", "partitions"),
                    topic.where() + ": partitions");
            assertEquals(String.valueOf(StrimziTopics.REPLICAS), text(topic.doc(), "spec", "replicas"),
                    topic.where() + ": replicas");
            Map<String, String> configs = new TreeMap<>();
            map(topic.doc(), "spec", "config").forEach((k, v) -> configs.put(k, String.valueOf(v)));
            assertEquals(contract.spec().sortedConfigs(), configs, topic.where() + ": config");
            assertEquals(cluster, text(topic.doc(), "metadata", "labels", "strimzi.io/cluster"),
                    topic.where() + ": strimzi.io/cluster");
        }
    }

    @Test
    void theKafkaClusterRunsOnNodePoolsAndKeepsWritesOnTwoBrokers() {
        Manifest kafka = only(base, "Kafka");
        List<Manifest> pools = base.stream().filter(m -> m.is("KafkaNodePool")).toList();
        assertFalse(pools.isEmpty(), "no KafkaNodePool: Strimzi runs KRaft clusters on node pools");
        for (Manifest pool : pools) {
            assertEquals(kafka.name(), text(pool.doc(), "metadata", "labels", "strimzi.io/cluster"), pool.where());
        }
        Set<String> roles = new TreeSet<>();
        pools.forEach(p -> list(p.doc(), "spec", "roles").forEach(r -> roles.add(String.valueOf(r))));
        assertEquals(Set.of("broker", "controller"), roles);
        int replicas = Integer.parseInt(text(kafka.doc(), "spec", "kafka", "config", "default.replication.factor"));
        assertEquals(StrimziTopics.REPLICAS, replicas, kafka.where() + ": default.replication.factor");
        assertEquals("2", text(kafka.doc(), "spec", "kafka", "config", "min.insync.replicas"), kafka.where());
    }

    @Test
    void eachStagesKafkaUserAllowsWhatTheStageReadsAndWrites() {
        List<Manifest> production = K8sManifests.load(OVERLAYS.resolve("production"));
        assertEquals(List.of(), userProblems(production, production));
    }

    // ---- workloads

    @Test
    void everyEnvironmentVariableIsASettingOfItsService() {
        assertEquals(List.of(), variableProblems(base, base));
        for (Path overlay : overlays()) {
            List<Manifest> patches = K8sManifests.load(overlay);
            List<Manifest> both = new ArrayList<>(base);
            both.addAll(patches);
            assertEquals(List.of(), variableProblems(patches, both), overlay.toString());
        }
    }

    @Test
    void portsAndProbesAreTheServicesHttpPort() {
        assertEquals(List.of(), portProblems(base));
    }

    @Test
    void imagesAreTheOneTheJibBuildMakes() {
        assertEquals(List.of(), imageProblems(base));
        long services = workloads(base).stream().flatMap(w -> containers(w).stream())
                .filter(c -> Service.ofArgs(list(c, "args")).isPresent()).count();
        assertEquals(Service.values().length, services, "the base runs one container per service");
        for (Path overlay : overlays()) {
            assertEquals(List.of(), imageProblems(K8sManifests.load(overlay)), overlay.toString());
        }
    }

    @Test
    void servicesRunAsUser65532OnAReadOnlyRootWithTheirWritableDirectoriesMounted() {
        assertEquals(List.of(), securityProblems(base));
    }

    @Test
    void podMonitorsScrapeEveryServicesPrometheusEndpoint() {
        assertEquals(List.of(), monitorProblems(base));
    }

    @Test
    void scaledObjectsWatchTheLagOfTheStagesOwnGroups() {
        assertEquals(List.of(), scalerProblems(base));
    }

    @Test
    void statsKeepsItsStateOnAVolumeClaimAndAdvertisesItsPodsDnsName() {
        assertEquals(List.of(), statsProblems(base));
    }

    @Test
    void patchesNameContainersOfTheBase() {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> containers = new HashMap<>();
        for (Manifest w : workloads(base)) {
            containers.put(w.kind() + "/" + w.name(), new TreeSet<>(containers(w).stream()
                    .map(c -> text(c, "name")).toList()));
        }
        for (Path overlay : overlays()) {
            for (Manifest w : workloads(K8sManifests.load(overlay))) {
                Set<String> known = containers.get(w.kind() + "/" + w.name());
                if (known == null) {
                    continue; // a workload of the overlay's own, e.g. the dev registry
                }
                for (Object c : containers(w)) {
                    if (!known.contains(text(c, "name"))) {
                        problems.add(w.where() + ": container " + text(c, "name") + " is not in the base's "
                                + w.name() + " " + known + " (a patch would add a container)");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Each overlay as kustomize builds it, checked whole; only where kubectl is installed. */
    @Test
    void eachOverlayBuildsAndItsResultPassesTheSameChecks() throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl is not on the PATH: the overlays were checked as files only");
        for (Path overlay : overlays()) {
            List<Manifest> built = kustomize(overlay);
            String name = overlay.getFileName().toString();
            assertEquals(List.of(), variableProblems(built, built), name);
            assertEquals(List.of(), portProblems(built), name);
            assertEquals(List.of(), imageProblems(built), name);
            assertEquals(List.of(), securityProblems(built), name);
            assertEquals(List.of(), monitorProblems(built), name);
            assertEquals(List.of(), scalerProblems(built), name);
            assertEquals(List.of(), statsProblems(built), name);
            assertEquals(List.of(), userProblems(built, built), name);
            for (Manifest topic : built.stream().filter(m -> m.is("KafkaTopic")).toList()) {
                assertTrue(Integer.parseInt(text(topic.doc(), "spec", "replicas"))
                        <= nodes(built), name + ": " + topic.name() + " has more replicas than the cluster nodes");
            }
        }
    }

    // ---- the checks, each over a set of complete resources; each returns what it found wrong

    private static List<String> variableProblems(List<Manifest> checked, List<Manifest> context) {
        List<String> problems = new ArrayList<>();
        Set<String> fromClientProperties = clientPropertiesReferences(context);
        for (Manifest w : workloads(checked)) {
            for (Object c : containers(w)) {
                Optional<Service> service = serviceOf(w, c, context);
                if (service.isEmpty()) {
                    continue;
                }
                String where = w.where() + ", container " + text(c, "name");
                Map<String, String> variables = variables(c, context, where, problems);
                Set<String> dependedOn = new TreeSet<>();
                variables.values().stream().filter(Objects::nonNull)
                        .forEach(v -> DEPENDENT_VARIABLE.matcher(v).results().forEach(r -> dependedOn.add(r.group(1))));
                Set<String> keys = SETTING_KEYS.get(service.get());
                for (String variable : variables.keySet()) {
                    boolean accepted = K8sManifests.settingOf(variable, keys).isPresent()
                            || OTHER_VARIABLES.containsKey(variable)
                            || dependedOn.contains(variable)
                            || fromClientProperties.contains(variable);
                    if (!accepted) {
                        problems.add(where + ": " + variable + " is no setting of the " + service.get().command
                                + " service (none of " + K8sManifests.candidates(variable) + " is in its yml files),"
                                + " nor read by the client properties file or another variable");
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> portProblems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest w : workloads(manifests)) {
            for (Object c : containers(w)) {
                Optional<Service> service = Service.ofArgs(list(c, "args"));
                if (service.isEmpty()) {
                    continue;
                }
                String where = w.where() + ", container " + text(c, "name");
                int port;
                try (ApplicationContext settings = settings(service.get(), c, manifests)) {
                    port = settings.getRequiredProperty(ServiceContext.HTTP_PORT_CONFIG, Integer.class);
                }
                Map<String, String> ports = new TreeMap<>();
                list(c, "ports").forEach(p -> ports.put(text(p, "name"), text(p, "containerPort")));
                if (!Map.of("http", String.valueOf(port)).equals(ports)) {
                    problems.add(where + ": ports " + ports + ", but the service listens on http " + port);
                }
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    Object get = at(c, probe, "httpGet");
                    if (get == null) {
                        if (!probe.equals("startupProbe")) {
                            problems.add(where + ": no " + probe + " on /health");
                        }
                        continue;
                    }
                    String probePort = text(get, "port");
                    if (!"/health".equals(text(get, "path"))
                            || !(probePort.equals("http") || probePort.equals(String.valueOf(port)))) {
                        problems.add(where + ": " + probe + " asks " + text(get, "path") + " on port " + probePort
                                + ", not /health on " + port);
                    }
                }
            }
        }
        for (Manifest svc : manifests.stream().filter(m -> m.is("Service")).toList()) {
            Optional<Manifest> target = workloads(manifests).stream()
                    .filter(w -> selects(map(svc.doc(), "spec", "selector"), podLabels(w))).findFirst();
            if (target.isEmpty()) {
                problems.add(svc.where() + ": selects no pod");
                continue;
            }
            Set<String> named = portNames(target.get());
            for (Object p : list(svc.doc(), "spec", "ports")) {
                if (!named.contains(text(p, "targetPort"))) {
                    problems.add(svc.where() + ": targetPort " + text(p, "targetPort") + " is no port of "
                            + target.get().name() + " " + named);
                }
            }
        }
        return problems;
    }

    private static List<String> imageProblems(List<Manifest> manifests) {
        String image = K8sManifests.jibImage();
        List<String> problems = new ArrayList<>();
        for (Manifest w : workloads(manifests)) {
            for (Object c : containers(w)) {
                String used = text(c, "image");
                boolean ours = Service.ofArgs(list(c, "args")).isPresent()
                        || (used != null && used.startsWith(image.substring(0, image.indexOf(':'))));
                if (!ours) {
                    continue;
                }
                if (used != null && !used.equals(image)) {
                    problems.add(w.where() + ", container " + text(c, "name") + ": image " + used + ", but the Jib "
                            + "build makes " + image);
                }
            }
        }
        return problems;
    }

    private static List<String> securityProblems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        for (Manifest w : workloads(manifests)) {
            for (Object c : containers(w)) {
                Optional<Service> service = Service.ofArgs(list(c, "args"));
                if (service.isEmpty()) {
                    continue;
                }
                String where = w.where() + ", container " + text(c, "name");
                Object pod = at(w.doc(), "spec", "template", "spec", "securityContext");
                if (!"true".equals(text(pod, "runAsNonRoot")) || !"65532".equals(text(pod, "runAsUser"))) {
                    problems.add(where + ": the pod must run as non-root user 65532 (the image's)");
                }
                Object own = at(c, "securityContext");
                if (!"true".equals(text(own, "readOnlyRootFilesystem"))
                        || !"false".equals(text(own, "allowPrivilegeEscalation"))) {
                    problems.add(where + ": needs readOnlyRootFilesystem true and allowPrivilegeEscalation false");
                }
                Map<String, Boolean> mounts = new TreeMap<>();
                list(c, "volumeMounts").forEach(m -> mounts.put(text(m, "mountPath"),
                        "true".equals(text(m, "readOnly"))));
                List<String> writes = new ArrayList<>(List.of("/tmp"));
                try (ApplicationContext settings = settings(service.get(), c, manifests)) {
                    writes.add(settings.getRequiredProperty(ServiceContext.DATA_DIR_CONFIG, String.class));
                    stageSettings(service.get(), settings).ifPresent(s -> writes.add(s.getStateDir()));
                }
                String djlCache = variables(c, manifests, where, problems).get("DJL_CACHE_DIR");
                if (service.get() == Service.WORKER) {
                    if (djlCache == null) {
                        problems.add(where + ": DJL_CACHE_DIR unset: DJL would unpack into the read-only home");
                    } else {
                        writes.add(djlCache);
                    }
                }
                for (String dir : writes) {
                    boolean writable = mounts.entrySet().stream()
                            .anyMatch(m -> !m.getValue() && under(dir, m.getKey()));
                    if (!writable) {
                        problems.add(where + ": writes " + dir + ", which is on no writable volume " + mounts.keySet());
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> monitorProblems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Set<String> scraped = new TreeSet<>();
        for (Manifest monitor : manifests.stream().filter(m -> m.is("PodMonitor")).toList()) {
            List<Manifest> pods = workloads(manifests).stream()
                    .filter(w -> selects(map(monitor.doc(), "spec", "selector", "matchLabels"), podLabels(w)))
                    .toList();
            if (pods.isEmpty()) {
                problems.add(monitor.where() + ": its selector matches no pod template's labels");
            }
            for (Manifest pod : pods) {
                scraped.add(pod.name());
                for (Object endpoint : list(monitor.doc(), "spec", "podMetricsEndpoints")) {
                    if (!portNames(pod).contains(text(endpoint, "port"))) {
                        problems.add(monitor.where() + ": port " + text(endpoint, "port") + " is no port of "
                                + pod.name());
                    }
                    if (!"/prometheus".equals(text(endpoint, "path"))) {
                        problems.add(monitor.where() + ": path " + text(endpoint, "path") + ", not /prometheus");
                    }
                }
            }
        }
        for (Manifest w : workloads(manifests)) {
            boolean ours = containers(w).stream().anyMatch(c -> Service.ofArgs(list(c, "args")).isPresent());
            if (ours && !scraped.contains(w.name())) {
                problems.add(w.where() + ": no PodMonitor scrapes it");
            }
        }
        return problems;
    }

    private static List<String> scalerProblems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        List<Manifest> scalers = manifests.stream().filter(m -> m.is("ScaledObject")).toList();
        Set<Service> scaled = new TreeSet<>();
        String bootstrap = text(only(manifests, "ConfigMap", CONFIG_MAP).doc(), "data", "IFL_KAFKA_BOOTSTRAP_SERVERS");
        for (Manifest scaler : scalers) {
            String targetName = text(scaler.doc(), "spec", "scaleTargetRef", "name");
            Optional<Manifest> target = manifests.stream()
                    .filter(m -> m.is("Deployment") && m.name().equals(targetName)).findFirst();
            if (target.isEmpty()) {
                problems.add(scaler.where() + ": scales " + targetName + ", which is no Deployment here");
                continue;
            }
            Object container = containers(target.get()).get(0);
            Service service = Service.ofArgs(list(container, "args")).orElseThrow();
            scaled.add(service);
            String group;
            String topic;
            try (ApplicationContext settings = settings(service, container, manifests)) {
                switch (service) {
                    case WORKER -> {
                        group = settings.getBean(WorkerSettings.class).groupIdOrDefault();
                        topic = Topics.QUERIES.name();
                    }
                    case LID -> {
                        group = settings.getBean(LidSettings.class).getApplicationId();
                        topic = theOneBesides(topicsOf(Service.LID).reads(), Topics.ENTITIES.name());
                    }
                    default -> throw new AssertionError(scaler.where() + ": " + service + " is not scaled on lag");
                }
            }
            int partitions = Topics.contract(topic).spec().partitions();
            for (Object trigger : list(scaler.doc(), "spec", "triggers")) {
                Object meta = at(trigger, "metadata");
                Map<String, String> found = new LinkedHashMap<>();
                found.put("type", text(trigger, "type"));
                found.put("consumerGroup", text(meta, "consumerGroup"));
                found.put("topic", text(meta, "topic"));
                found.put("bootstrapServers", text(meta, "bootstrapServers"));
                Map<String, String> wanted = new LinkedHashMap<>();
                wanted.put("type", "kafka");
                wanted.put("consumerGroup", group);
                wanted.put("topic", topic);
                wanted.put("bootstrapServers", bootstrap);
                if (!wanted.equals(found)) {
                    problems.add(scaler.where() + ": trigger " + found + ", but " + service.command + " runs as "
                            + wanted);
                }
            }
            String max = text(scaler.doc(), "spec", "maxReplicaCount");
            if (max == null || Integer.parseInt(max) > partitions) {
                problems.add(scaler.where() + ": maxReplicaCount " + max + " above " + topic + "'s " + partitions
                        + " partitions: the extra instances would sit idle");
            }
        }
        if (!scaled.equals(Set.of(Service.WORKER, Service.LID))) {
            problems.add("the worker and lid-stream are scaled on lag; found ScaledObjects for " + scaled);
        }
        return problems;
    }

    private static List<String> statsProblems(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        Manifest stats = only(manifests, "StatefulSet");
        Object container = containers(stats).get(0);
        String where = stats.where();
        Set<String> claimMounts = new TreeSet<>();
        Set<String> claims = new TreeSet<>();
        list(stats.doc(), "spec", "volumeClaimTemplates").forEach(t -> claims.add(text(t, "metadata", "name")));
        list(container, "volumeMounts").stream().filter(m -> claims.contains(text(m, "name")))
                .forEach(m -> claimMounts.add(text(m, "mountPath")));
        int replicas = Integer.parseInt(Optional.ofNullable(text(stats.doc(), "spec", "replicas")).orElse("1"));
        try (ApplicationContext settings = settings(Service.STATS, container, manifests)) {
            StatsSettings s = settings.getBean(StatsSettings.class);
            if (claimMounts.stream().noneMatch(m -> under(s.getStateDir(), m))) {
                problems.add(where + ": state dir " + s.getStateDir() + " is on no volume claim " + claimMounts);
            }
            if (s.getStandbyReplicas() >= replicas || (replicas > 1 && s.getStandbyReplicas() < 1)) {
                problems.add(where + ": " + replicas + " replicas with " + s.getStandbyReplicas()
                        + " standby copies; want at least one, and fewer than the replicas");
            }
            String headless = text(stats.doc(), "spec", "serviceName");
            Optional<Manifest> service = manifests.stream()
                    .filter(m -> m.is("Service") && m.name().equals(headless)).findFirst();
            if (service.isEmpty() || !"None".equals(text(service.get().doc(), "spec", "clusterIP"))) {
                problems.add(where + ": serviceName " + headless + " is no headless Service here");
            }
            String host = variables(container, manifests, where, problems).get("IFL_STATS_ADVERTISED_HOST");
            if (host == null || !host.startsWith("$(POD_NAME)." + headless + ".")) {
                problems.add(where + ": IFL_STATS_ADVERTISED_HOST " + host + " is not the pod's name in "
                        + headless + " (it is what the other instances call)");
            }
        }
        return problems;
    }

    private static List<String> userProblems(List<Manifest> workloadsAndUsers, List<Manifest> all) {
        List<String> problems = new ArrayList<>();
        Map<String, Manifest> users = new TreeMap<>();
        all.stream().filter(m -> m.is("KafkaUser")).forEach(u -> users.put(u.name(), u));
        if (users.isEmpty()) {
            return problems; // a deployment without authentication
        }
        Set<Service> checked = new TreeSet<>();
        for (Manifest w : workloads(workloadsAndUsers)) {
            for (Object c : containers(w)) {
                Optional<Service> service = serviceOf(w, c, base);
                String userName = list(c, "env").stream().filter(e -> JAAS_VARIABLE.equals(text(e, "name")))
                        .map(e -> text(e, "valueFrom", "secretKeyRef", "name")).findFirst().orElse(null);
                if (service.isEmpty() || userName == null) {
                    continue;
                }
                String where = w.where() + " as KafkaUser " + userName;
                Manifest user = users.get(userName);
                if (user == null) {
                    problems.add(where + ": no such KafkaUser");
                    continue;
                }
                checked.add(service.get());
                Acls acls = new Acls(user);
                StageTopics topics = topicsOf(service.get());
                topics.reads().forEach(t -> acls.require("topic", t, "Read", where, problems));
                topics.writes().forEach(t -> acls.require("topic", t, "Write", where, problems));
                try (ApplicationContext settings = settings(service.get(), baseContainer(service.get()), base)) {
                    Optional<StreamsStageSettings> streams = stageSettings(service.get(), settings);
                    if (streams.isPresent()) {
                        String id = streams.get().getApplicationId();
                        acls.require("group", id, "Read", where, problems);
                        // Exactly-once v2's transactional ids: <application.id>-<process id>-<thread index>.
                        acls.require("transactionalId", id + "-8d1c51b2-0e7c-4c35-9c1e-3f1d1f6d8a2b-1", "Write", where,
                                problems);
                        // Internal topics, which the stage creates: <application.id>-<store>-changelog, ...
                        for (String op : List.of("Create", "Read", "Write", "Describe")) {
                            acls.require("topic", id + "-a-store-changelog", op, where, problems);
                        }
                    } else {
                        acls.require("group", settings.getBean(WorkerSettings.class).groupIdOrDefault(), "Read", where,
                                problems);
                    }
                }
            }
        }
        if (!checked.equals(Set.of(Service.values()))) {
            problems.add("each service connects as its own KafkaUser; found users for " + checked);
        }
        // KEDA reads each scaled group's lag as the user whose password its TriggerAuthentication holds.
        for (Manifest auth : all.stream().filter(m -> m.is("TriggerAuthentication")).toList()) {
            String userName = list(auth.doc(), "spec", "secretTargetRef").stream()
                    .filter(r -> "password".equals(text(r, "parameter"))).map(r -> text(r, "name")).findFirst()
                    .orElse(null);
            Manifest user = users.get(userName);
            if (user == null) {
                problems.add(auth.where() + ": its password is no KafkaUser's (" + userName + ")");
                continue;
            }
            Acls acls = new Acls(user);
            for (Manifest scaler : all.stream().filter(m -> m.is("ScaledObject")).toList()) {
                for (Object trigger : list(scaler.doc(), "spec", "triggers")) {
                    String where = scaler.where() + " as KafkaUser " + userName;
                    if (!auth.name().equals(text(trigger, "authenticationRef", "name"))) {
                        problems.add(where + ": the trigger does not use " + auth.name());
                    }
                    acls.require("topic", text(trigger, "metadata", "topic"), "Describe", where, problems);
                    acls.require("group", text(trigger, "metadata", "consumerGroup"), "Describe", where, problems);
                }
            }
        }
        return problems;
    }

    /** A KafkaUser's simple-authorization ACLs, and whether they allow an operation on a resource. */
    private record Acls(Manifest user) {
        void require(String type, String name, String operation, String where, List<String> problems) {
            boolean allowed = list(user.doc(), "spec", "authorization", "acls").stream().anyMatch(acl -> {
                String pattern = Optional.ofNullable(text(acl, "resource", "patternType")).orElse("literal");
                String aclName = text(acl, "resource", "name");
                boolean matches = type.equals(text(acl, "resource", "type")) && (aclName.equals("*")
                        || (pattern.equals("prefix") ? name.startsWith(aclName) : name.equals(aclName)));
                List<Object> ops = list(acl, "operations");
                boolean implied = ops.contains(operation) || ops.contains("All")
                        || (operation.equals("Describe") && (ops.contains("Read") || ops.contains("Write")));
                return matches && implied && !"deny".equals(text(acl, "type"));
            });
            if (!allowed) {
                problems.add(where + ": no ACL allows " + operation + " on " + type + " " + name);
            }
        }
    }

    // ---- what each service is and sees

    /**
     * The registry topics a stage reads and writes. For a Streams stage they come from its topology's description,
     * so that a new input or output of a stage fails the ACL test until its KafkaUser allows it; every stage also
     * writes dead letters, which go through a handler, outside the topology.
     */
    private record StageTopics(Set<String> reads, Set<String> writes) {

        static StageTopics of(Topology topology) {
            Set<String> reads = new TreeSet<>();
            Set<String> writes = new TreeSet<>();
            TopologyDescription description = topology.describe();
            for (TopologyDescription.Subtopology sub : description.subtopologies()) {
                for (TopologyDescription.Node node : sub.nodes()) {
                    if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                        reads.addAll(source.topicSet());
                    } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                        writes.add(sink.topic());
                    }
                }
            }
            for (TopologyDescription.GlobalStore store : description.globalStores()) {
                reads.addAll(store.source().topicSet());
            }
            Set<String> registry = new TreeSet<>(Topics.ALL.stream().map(TopicContract::name).toList());
            reads.retainAll(registry);
            writes.retainAll(registry);
            writes.add(Topics.DEAD_LETTERS.name());
            return new StageTopics(reads, writes);
        }
    }

    /** Each stage's topics, worked out once: describing a topology loads much of Kafka Streams. */
    private static final Map<Service, StageTopics> STAGE_TOPICS = new EnumMap<>(Service.class);

    private static StageTopics topicsOf(Service service) {
        return STAGE_TOPICS.computeIfAbsent(service, K8sManifestsTest::describe);
    }

    private static StageTopics describe(Service service) {
        return switch (service) {
            // inference-worker is a plain consumer/producer loop (WorkerService): queries in, completions out; with
            // --registered-checkpoints it also reads the registrations (RegisteredCheckpoints, no group).
            case WORKER -> new StageTopics(Set.of(Topics.QUERIES.name(), Topics.CHECKPOINTS.name()),
                    Set.of(Topics.COMPLETIONS.name(), Topics.DEAD_LETTERS.name()));
            case LID -> StageTopics.of(lidTopology());
            case STATS -> StageTopics.of(StatsStage.topology(topics(), StatsStage.Options.defaults()));
        };
    }

    private static Topology lidTopology() {
        LanguageDetector detector = new LanguageDetector() {
            @Override
            public Detection detect(String text) {
                throw new UnsupportedOperationException("the topology is only described");
            }

            @Override
            public String name() {
                return "none";
            }
        };
        return LidStage.topology(topics(), LidStage.scorer(detector), 65536, LidMetrics.NONE);
    }

    private static Topics topics() {
        return new Topics(RegistryAvroSerdes.forUrl("http://registry.invalid"));
    }

    private static Optional<StreamsStageSettings> stageSettings(Service service, ApplicationContext settings) {
        return switch (service) {
            case WORKER -> Optional.empty();
            case LID -> Optional.of(settings.getBean(LidSettings.class));
            case STATS -> Optional.of(settings.getBean(StatsSettings.class));
        };
    }

    /** The service's settings as the container's environment makes them (literal values only). */
    private static ApplicationContext settings(Service service, Object container, List<Manifest> manifests) {
        Map<String, String> literal = new TreeMap<>();
        variables(container, manifests, "", new ArrayList<>()).forEach((k, v) -> {
            if (v != null) {
                literal.put(k, v);
            }
        });
        return ServiceSettings.context(service.environment, literal, Map.of());
    }

    /** The container's variables: envFrom's ConfigMaps, then env over them; null for a value from elsewhere. */
    private static Map<String, String> variables(Object container, List<Manifest> manifests, String where,
            List<String> problems) {
        Map<String, String> variables = new TreeMap<>();
        for (Object from : list(container, "envFrom")) {
            String configMap = text(from, "configMapRef", "name");
            if (configMap == null) {
                problems.add(where + ": envFrom other than a ConfigMap is not read by this test");
                continue;
            }
            List<Manifest> maps = manifests.stream().filter(m -> m.is("ConfigMap") && m.name().equals(configMap))
                    .toList();
            if (maps.isEmpty()) {
                problems.add(where + ": envFrom names ConfigMap " + configMap + ", which is not here");
            }
            maps.forEach(m -> map(m.doc(), "data").forEach((k, v) -> variables.put(k, String.valueOf(v))));
        }
        for (Object e : list(container, "env")) {
            variables.put(text(e, "name"), text(e, "value"));
        }
        return variables;
    }

    /** The names the client properties file takes from the environment (${env:NAME}). */
    private static Set<String> clientPropertiesReferences(List<Manifest> manifests) {
        Set<String> names = new TreeSet<>();
        manifests.stream().filter(m -> m.is("Secret") && m.name().equals(CLIENT_PROPERTIES_SECRET))
                .forEach(m -> {
                    Matcher refs = ENV_REFERENCE.matcher(Objects.toString(text(m.doc(), "stringData",
                            "client.properties"), ""));
                    while (refs.find()) {
                        names.add(refs.group(1));
                    }
                });
        return names;
    }

    /** The service a container runs: its args, or in a patch without args, the base container of its name. */
    private static Optional<Service> serviceOf(Manifest workload, Object container, List<Manifest> context) {
        Optional<Service> own = Service.ofArgs(list(container, "args"));
        if (own.isPresent()) {
            return own;
        }
        return workloads(context).stream().filter(w -> w.kind().equals(workload.kind())
                        && w.name().equals(workload.name()))
                .flatMap(w -> containers(w).stream())
                .filter(c -> Objects.equals(text(c, "name"), text(container, "name")))
                .map(c -> Service.ofArgs(list(c, "args"))).flatMap(Optional::stream).findFirst();
    }

    private static Object baseContainer(Service service) {
        return workloads(base).stream().flatMap(w -> containers(w).stream())
                .filter(c -> Service.ofArgs(list(c, "args")).equals(Optional.of(service))).findFirst()
                .orElseThrow(() -> new AssertionError("the base runs no " + service.command + " container"));
    }

    private static List<Manifest> workloads(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.is("Deployment") || m.is("StatefulSet")).toList();
    }

    private static List<Object> containers(Manifest workload) {
        return list(workload.doc(), "spec", "template", "spec", "containers");
    }

    private static Map<String, Object> podLabels(Manifest workload) {
        return map(workload.doc(), "spec", "template", "metadata", "labels");
    }

    private static Set<String> portNames(Manifest workload) {
        Set<String> names = new TreeSet<>();
        containers(workload).forEach(c -> list(c, "ports").forEach(p -> names.add(text(p, "name"))));
        return names;
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream()
                .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), String.valueOf(labels.get(e.getKey()))));
    }

    private static boolean under(String dir, String mount) {
        Path d = Path.of(dir).normalize();
        return d.isAbsolute() && d.startsWith(Path.of(mount).normalize());
    }

    private static int nodes(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.is("KafkaNodePool"))
                .filter(p -> list(p.doc(), "spec", "roles").contains("broker"))
                .mapToInt(p -> Integer.parseInt(text(p.doc(), "spec", "replicas"))).sum();
    }

    private static Manifest only(List<Manifest> manifests, String kind) {
        List<Manifest> found = manifests.stream().filter(m -> m.is(kind)).toList();
        assertEquals(1, found.size(), "want one " + kind + ", found " + found.stream().map(Manifest::where).toList());
        return found.get(0);
    }

    private static Manifest only(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> m.is(kind) && name.equals(m.name())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static String theOneBesides(Set<String> topics, String leaveOut) {
        Set<String> left = new TreeSet<>(topics);
        left.remove(leaveOut);
        assertEquals(1, left.size(), "want one input topic besides " + leaveOut + ": " + left);
        return left.iterator().next();
    }

    private static List<Path> overlays() {
        return List.of(OVERLAYS.resolve("dev"), OVERLAYS.resolve("production"));
    }

    private static boolean kubectlAvailable() {
        try {
            Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Manifest> kustomize(Path overlay) throws IOException, InterruptedException {
        Path out = Files.createTempFile("ifl-kustomize-", ".yaml");
        try {
            Process p = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String err = new String(p.getErrorStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + overlay + " did not finish");
            assertEquals(0, p.exitValue(), "kubectl kustomize " + overlay + " failed: " + err);
            return K8sManifests.parse(out, "kubectl kustomize " + ROOT.relativize(overlay));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
