package org.ifl.statsstream.internal.service;

import static org.ifl.statsstream.internal.service.StatsServiceKit.AT;
import static org.ifl.statsstream.internal.service.StatsServiceKit.get;
import static org.ifl.statsstream.internal.service.StatsServiceKit.getText;
import static org.ifl.statsstream.internal.service.StatsServiceKit.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.testkit.Await;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabeledCompletion;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.SimulatedCompletions;
import org.ifl.statsstream.SimulatedCompletions.ArmProbabilities;
import org.ifl.statsstream.StatsMetricsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What a running stats-stream serves on /prometheus (Micronaut, an embedded broker and registry): its figures
 * as gauges equal to what /cells and /summary serve, of the most recent checkpoints of each model only; its
 * stage meters; and every metric the alert rules in deploy/prometheus/alerts.yml use.
 */
class StatsPrometheusIT {
    private static final String MODEL = "vlm-m";
    private static final Path ALERT_RULES = Path.of("..", "deploy", "prometheus", "alerts.yml");
    /** Series Prometheus makes itself for every target, not served by any. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    /** Served by the inference worker, not by stats-stream: ContinuousEvaluationIT (cli) scrapes it from one. */
    private static final Set<String> WORKER_SERIES = Set.of("ifl_worker_checkpoint_unavailable");

    @TempDir
    static Path dataDir;
    private static EmbeddedPlatform platform;
    private static ApplicationContext stats;
    private static Topics topics;

    /**
     * Two checkpoints, one after the other so that the service sees them in this order: ckpt-1 loses little to
     * the image, ckpt-2 much more (a regression against ckpt-1, its previous checkpoint), and ckpt-2 has a cell
     * whose queries are published but not answered.
     */
    @BeforeAll
    static void startWithTwoCheckpoints() throws Exception {
        platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir));
        topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
        stats = StatsServiceKit.start(platform, dataDir.resolve("state"), "ifl-stats-prometheus",
                Map.of(StatsMetricsSettings.CHECKPOINTS_PER_MODEL, 2));
        publish("ckpt-1", new ArmProbabilities(0.9, 0.85, 0.85), List.of());
        publish("ckpt-2", new ArmProbabilities(0.9, 0.3, 0.6), List.of("ja"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.topic(Topics.LABELED).name(), "poison",
                    "not a labeled completion".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    @AfterAll
    static void stop() {
        if (stats != null) {
            stats.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void gaugesAreTheServedFiguresOfTheMostRecentCheckpoints() throws Exception {
        Await.until("ckpt-2's regression on /prometheus", () -> scrapeValue("ifl_checkpoint_regression",
                Map.of("model", MODEL, "checkpoint", "ckpt-2")) == 1.0);
        Map<String, Map<Map<String, String>, Double>> scraped = scrape();
        for (String checkpoint : List.of("ckpt-1", "ckpt-2")) {
            JsonNode cells = get(stats, "/cells?model=" + MODEL + "&checkpoint=" + checkpoint);
            assertEquals(checkpoint.equals("ckpt-1") ? 2 : 3, cells.size(), cells.toString());
            for (JsonNode cell : cells) {
                Map<String, String> tags = Map.of("model", MODEL, "checkpoint", checkpoint, "dataset",
                        cell.path("dataset").asText(), "language", cell.path("language").asText());
                assertEquals(cell.path("pairs").asDouble(), value(scraped, "ifl_cell_pairs", tags));
                if (cell.path("pairs").asLong() == 0) {
                    assertEquals("ja", cell.path("language").asText(), "only the unanswered cell has no pairs");
                    assertFalse(scraped.getOrDefault("ifl_cell_ifl", Map.of()).containsKey(tags),
                            "a cell without figures has no IFL gauge");
                    continue;
                }
                JsonNode ifl = cell.path("ifl");
                assertEquals(ifl.path("value").asDouble(), value(scraped, "ifl_cell_ifl", tags), 1e-12);
                assertEquals(ifl.path("low").asDouble(), value(scraped, "ifl_cell_ifl_low", tags), 1e-12);
                assertEquals(ifl.path("high").asDouble(), value(scraped, "ifl_cell_ifl_high", tags), 1e-12);
                assertEquals(cell.path("diff").path("value").asDouble(),
                        value(scraped, "ifl_cell_remedy_difference", tags), 1e-12);
                Map<String, String> arms = Map.of("text", "text", "image", "image", "imageRemedy", "image_remedy");
                arms.forEach((field, arm) -> {
                    Map<String, String> armTags = new TreeMap<>(tags);
                    armTags.put("arm", arm);
                    assertEquals(cell.path(field).path("fidelity").path("value").asDouble(),
                            value(scraped, "ifl_cell_fidelity", armTags), 1e-12, arm);
                });
            }
            JsonNode summary = get(stats, "/summary?model=" + MODEL + "&checkpoint=" + checkpoint)
                    .path("checkpointSummary");
            Map<String, String> tags = Map.of("model", MODEL, "checkpoint", checkpoint);
            assertEquals(240.0, value(scraped, "ifl_checkpoint_answers_counted", tags));
            assertEquals(summary.path("counted").asDouble(), value(scraped, "ifl_checkpoint_answers_counted", tags));
            assertEquals(summary.path("expected").asDouble(),
                    value(scraped, "ifl_checkpoint_answers_expected", tags));
            assertEquals(summary.path("pooled").path("ifl").path("value").asDouble(),
                    value(scraped, "ifl_checkpoint_ifl", tags), 1e-12);
            assertEquals(checkpoint.equals("ckpt-2") ? 1.0 : 0.0, value(scraped, "ifl_checkpoint_regression", tags));
        }
        assertEquals(360.0, value(scraped, "ifl_checkpoint_answers_expected",
                Map.of("model", MODEL, "checkpoint", "ckpt-2")), "ja's queries are expected, not answered");
        assertEquals(480.0, value(scraped, "ifl_stage_records_total", Map.of("stage", "stats-stream")),
                "every answer of both checkpoints, counted once");
        Await.until("the poison record's dead letter counted", () -> scrapeValue("ifl_deadletters_total",
                Map.of("stage", "stats-stream", "reason", "deserialization")) == 1.0);
        assertEquals(0.0, scrapeValue("ifl_deadletters_total", Map.of("stage", "stats-stream", "reason",
                "rejected")));

        // A third checkpoint: with 2 kept per model, ckpt-1's series leave /prometheus.
        publish("ckpt-3", new ArmProbabilities(0.9, 0.85, 0.85), List.of());
        Await.until("ckpt-1's gauges removed and ckpt-3's there", () -> checkpointsScraped()
                .equals(Set.of("ckpt-2", "ckpt-3")));
        Map<String, Map<Map<String, String>, Double>> after = scrape();
        for (String name : List.of("ifl_cell_ifl", "ifl_cell_pairs", "ifl_cell_fidelity", "ifl_checkpoint_ifl",
                "ifl_checkpoint_regression", "ifl_checkpoint_answers_counted")) {
            assertTrue(after.get(name).keySet().stream().noneMatch(t -> "ckpt-1".equals(t.get("checkpoint"))),
                    name + ": " + after.get(name).keySet());
        }
        assertEquals(0.0, value(after, "ifl_checkpoint_regression", Map.of("model", MODEL, "checkpoint", "ckpt-3")),
                "ckpt-3 is better than ckpt-2");
        assertEquals(1, get(stats, "/checkpoints?model=" + MODEL).findValues("checkpoint").stream()
                .filter(c -> c.asText().equals("ckpt-1")).count(), "the API still serves ckpt-1");
    }

    @Test
    void everyMetricTheAlertRulesUseIsServed() throws Exception {
        Await.until("cell gauges on /prometheus", () -> scrapeSafely().containsKey("ifl_cell_ifl"));
        Set<String> served = scrape().keySet();
        Object rules = new Load(LoadSettings.builder().setLabel(ALERT_RULES.toString()).build())
                .loadFromString(Files.readString(ALERT_RULES));
        List<String> alerts = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (Object group : (List<?>) ((Map<?, ?>) rules).get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                Map<?, ?> r = (Map<?, ?>) rule;
                String alert = (String) r.get("alert");
                String expr = (String) r.get("expr");
                assertNotNull(alert, "a rule without an alert name: " + r);
                assertNotNull(expr, alert + " has no expr");
                assertNotNull(((Map<?, ?>) r.get("annotations")).get("summary"), alert + " has no summary");
                Set<String> names = metricNames(expr);
                assertFalse(names.isEmpty(), alert + ": no metric in " + expr);
                for (String name : names) {
                    assertTrue(served.contains(name) || PROMETHEUS_SERIES.contains(name)
                            || WORKER_SERIES.contains(name), alert + " uses " + name
                            + ", which stats-stream does not serve on /prometheus");
                }
                alerts.add(alert);
                used.addAll(names);
            }
        }
        assertEquals(List.of("IflCheckpointRegression", "IflConsumerLagHigh", "IflDeadLetterSpike", "IflStageDown",
                "IflCheckpointUnavailable", "IflAnswersStuck"), alerts);
        assertEquals(new TreeSet<>(List.of("ifl_checkpoint_regression", "kafka_consumer_fetch_manager_records_lag_max",
                "ifl_deadletters_total", "up", "ifl_worker_checkpoint_unavailable", "ifl_checkpoint_answers_counted",
                "ifl_checkpoint_answers_expected")), used);
    }

    @Test
    void metricNamesAreReadOutOfExpressions() {
        assertEquals(Set.of("a_total", "b:rate5m"), metricNames(
                "sum by (stage, reason) (increase(a_total{job=~\"x.*\", le=\"0.5\"}[10m])) > 10 and on(stage) "
                        + "b:rate5m offset 5m unless bool 1e3"));
    }

    /** The names of the series a PromQL expression reads: neither functions, keywords, labels nor durations. */
    static Set<String> metricNames(String expr) {
        String stripped = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\boffset\\s+\\w+", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?<![\\w:.])[a-zA-Z_:][\\w:]*+(?!\\s*\\()").matcher(stripped);
        while (m.find()) {
            if (!Set.of("and", "or", "unless", "bool").contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** The queries and answers of {@code checkpoint}: maxm in de and hi, and the queries alone of {@code unanswered}. */
    private static void publish(String checkpoint, ArmProbabilities truth, List<String> unanswered) throws Exception {
        SplittableRandom random = new SplittableRandom(checkpoint.hashCode());
        List<LabeledCompletion> answers = new ArrayList<>();
        for (String language : List.of("de", "hi")) {
            answers.addAll(SimulatedCompletions.cell("run-" + checkpoint, MODEL, checkpoint, "maxm", language, 40,
                    truth, SimulatedCompletions.ALL_ARMS, random, AT));
        }
        List<Query> queries = new ArrayList<>(answers.stream().map(r -> SimulatedCompletions.query(
                r.getCompletion().getPair(), r.getCompletion().getCondition().getArm(), AT)).toList());
        for (String language : unanswered) {
            for (int i = 0; i < 40; i++) {
                PairKey pair = new PairKey("run-" + checkpoint, MODEL, checkpoint, "maxm", "item-" + i, language);
                for (Arm arm : SimulatedCompletions.ALL_ARMS) {
                    queries.add(SimulatedCompletions.query(pair, arm, AT));
                }
            }
        }
        produce(platform, topics.topic(Topics.QUERIES), queries, q -> RecordKey.pair(q.getPair()));
        Topic<String, LabeledCompletion> labeled = topics.topic(Topics.LABELED);
        produce(platform, labeled, answers);
        Await.until(checkpoint + " counted of expected on /checkpoints", () -> {
            try {
                for (JsonNode c : get(stats, "/checkpoints?model=" + MODEL)) {
                    if (c.path("checkpoint").asText().equals(checkpoint)) {
                        return c.path("counted").asLong() == answers.size()
                                && c.path("expected").asLong() == queries.size();
                    }
                }
                return false;
            } catch (Exception | AssertionError e) {
                return false;
            }
        });
    }

    private static Set<String> checkpointsScraped() {
        Set<String> checkpoints = new TreeSet<>();
        scrapeSafely().forEach((name, series) -> {
            if (name.startsWith("ifl_cell_") || name.startsWith("ifl_checkpoint_")) {
                series.keySet().forEach(tags -> checkpoints.add(tags.get("checkpoint")));
            }
        });
        return checkpoints;
    }

    private static double value(Map<String, Map<Map<String, String>, Double>> scraped, String name,
            Map<String, String> tags) {
        Double value = scraped.getOrDefault(name, Map.of()).get(new TreeMap<>(tags));
        assertNotNull(value, name + tags + " is not on /prometheus: " + scraped.get(name));
        return value;
    }

    private static double scrapeValue(String name, Map<String, String> tags) {
        Double value = scrapeSafely().getOrDefault(name, Map.of()).get(new TreeMap<>(tags));
        return value == null ? Double.NaN : value;
    }

    private static Map<String, Map<Map<String, String>, Double>> scrape() throws Exception {
        return StatsServiceKit.prometheus(stats);
    }

    private static Map<String, Map<Map<String, String>, Double>> scrapeSafely() {
        try {
            return scrape();
        } catch (Exception | AssertionError e) {
            return Map.of();
        }
    }

}
