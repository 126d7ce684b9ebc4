package org.ifl.inferenceworker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.awt.Color;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.deadletter.DeadLetterPublisher;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.registry.EmbeddedSchemaRegistry;
import org.ifl.platform.registry.KafkaSchemaJournal;
import org.ifl.platform.service.ServiceContext;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.CommittedRecords;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.avro.ImageRef;
import org.ifl.schemas.avro.PairKey;
import org.ifl.schemas.avro.Query;
import org.ifl.schemas.registry.RestSchemaRegistryClient;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The worker loop on the real embedded broker and registry, answering with the real reference VLM. */
class WorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<Worker> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @TempDir
    static Path dataDir;
    private static EmbeddedPlatform platform;
    private static Topics topics;
    private static ReferenceVlmBackend first;
    private static ReferenceVlmBackend second;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("ai.djl.offline", "true");
        platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir));
        topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
        first = ReferenceVlmBackend.bundled();
        second = ReferenceVlmBackend.bundled();
    }

    /** Workers a failed test left running are halted, so they do not answer the next test's queries. */
    @AfterEach
    void haltLeftovers() throws InterruptedException {
        for (Worker worker : STARTED) {
            if (worker.loop.state() == WorkerLoop.State.RUNNING || worker.loop.state() == WorkerLoop.State.CREATED) {
                worker.loop.halt(WAIT);
            }
        }
        STARTED.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        first.close();
        second.close();
        platform.close();
    }

    /**
     * The service as it runs serves its stage meters and its consumer's Kafka metrics on /prometheus. It answers
     * only a model no query here is for, so it skips the other tests' queries and writes nothing.
     */
    @Test
    void theServiceServesItsStageMetersAndItsConsumersLagOnPrometheus() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ServiceContext.KAFKA_CONFIG, platform.bootstrapServers());
        properties.put(ServiceContext.REGISTRY_CONFIG, platform.registryUrl());
        properties.put(ServiceContext.HTTP_PORT_CONFIG, -1);
        properties.put("ifl.worker.backend", "openai");
        properties.put("ifl.worker.openai-base-url", "http://127.0.0.1:9/v1");
        properties.put("ifl.worker.openai-model", "none");
        properties.put("ifl.worker.model", "a-model-no-query-is-for");
        properties.put("ifl.worker.group-id", "ifl-worker-prometheus");
        try (ApplicationContext service = ServiceContext.serve(WorkerService.ENVIRONMENT, properties)) {
            URI prometheus = URI.create(service.getBean(EmbeddedServer.class).getURL() + "/prometheus");
            // the series, whatever their values: the dead-letter counts are the JVM's, other tests here add to them
            List<String> wanted = List.of("kafka_consumer_fetch_manager_records_lag_max{",
                    "ifl_stage_records_total{stage=\"inference-worker\"} ",
                    "ifl_deadletters_total{reason=\"deserialization\",stage=\"inference-worker\"} ",
                    "ifl_deadletters_total{reason=\"rejected\",stage=\"inference-worker\"} ");
            String[] scraped = {""};
            try {
                Await.until("the worker's meters on /prometheus", () -> {
                    try {
                        scraped[0] = HttpClient.newHttpClient().send(HttpRequest.newBuilder(prometheus).build(),
                                HttpResponse.BodyHandlers.ofString()).body();
                    } catch (Exception e) {
                        return false;
                    }
                    return wanted.stream().allMatch(scraped[0]::contains);
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; missing " + wanted.stream()
                        .filter(w -> !scraped[0].contains(w)).toList() + " in:\n" + scraped[0], e);
            }
        }
    }

    @Test
    void twoWorkersInOneGroupShareThePartitionsAndAnswerEveryQueryOnce() throws Exception {
        String run = "share";
        WorkerOptions options = WorkerOptions.defaults().withBatching(4, Duration.ofMillis(20), 16);
        Worker a = Worker.start(first, options, run);
        Worker b = Worker.start(second, options, run);
        try {
            Await.until("both workers own partitions", () -> !a.loop.assignment().isEmpty()
                    && !b.loop.assignment().isEmpty()
                    && a.loop.assignment().size() + b.loop.assignment().size() == Topics.EVAL_PARTITIONS);
            assertTrue(disjoint(a.loop.assignment(), b.loop.assignment()));

            List<Query> queries = new ArrayList<>(TestQueries.suite(run, 5));
            Query unreadable = TestQueries.query(run, "broken-image", "de", Arm.IMAGE,
                    "not a png".getBytes(StandardCharsets.US_ASCII));
            queries.add(unreadable);
            produce(queries, true);

            List<ConsumerRecord<String, Completion>> completions = readCompletions(run, queries.size());
            Map<String, Long> perQuery = completions.stream()
                    .collect(Collectors.groupingBy(r -> r.value().getQueryId(), Collectors.counting()));
            assertEquals(queries.stream().map(Query::getQueryId).collect(Collectors.toSet()), perQuery.keySet());
            assertTrue(perQuery.values().stream().allMatch(n -> n == 1), "each query answered once: " + perQuery);
            assertTrue(a.loop.answered() > 0 && b.loop.answered() > 0,
                    "both answered: " + a.loop.answered() + " and " + b.loop.answered());
            assertEquals(queries.size(), a.loop.answered() + b.loop.answered());

            for (ConsumerRecord<String, Completion> record : completions) {
                Completion c = record.value();
                assertEquals(RecordKey.cell(c.getPair()), record.key(), "keyed by cell");
                assertEquals(ReferenceVlmBackend.NAME, c.getBackend());
                assertEquals(first.modelRevision(), c.getModelRevision());
                assertEquals(c.getQueryId() + "|" + first.modelRevision(), c.getCompletionId());
                if (c.getQueryId().equals(unreadable.getQueryId())) {
                    assertNull(c.getText());
                    assertEquals(Generation.IMAGE_UNREADABLE, c.getError().getCode());
                    assertTrue(c.getError().getMessage().contains("inline image"), c.getError().getMessage());
                    continue;
                }
                assertNull(c.getError(), () -> "no error on " + c.getQueryId() + ": " + c.getError());
                assertFalse(c.getText().isBlank(), c.getQueryId());
                assertTrue(c.getPromptTokens() > 0 && c.getCompletionTokens() > 0);
                if (c.getCondition().getArm() == Arm.IMAGE_REMEDY) {
                    assertNotNull(c.getSteering(), "the remedy arm carries its vector");
                    assertEquals(2, c.getSteering().getLayer());
                    assertEquals("mean", c.getSteering().getPooling());
                    assertTrue(c.getSteering().getVectorId().contains("|" + c.getPair().getLanguage() + "|"));
                } else {
                    assertNull(c.getSteering());
                }
            }
        } finally {
            assertTrue(a.loop.stop(WAIT));
            assertTrue(b.loop.stop(WAIT));
        }
        assertEquals(WorkerLoop.State.STOPPED, a.loop.state());
    }

    @Test
    void aRecordThatIsNotAQueryGoesToTheDeadLetterTopicAndTheRestFlows() throws Exception {
        String run = "poison";
        Worker worker = Worker.start(first, WorkerOptions.defaults().withModel(run).withCheckpoint("bundled"), run);
        try {
            Topic<String, Query> queriesTopic = topics.topic(Topics.QUERIES);
            List<Query> queries = TestQueries.suite(run, 1);
            // In one partition, in this order: a query for another checkpoint of the served model, then one for
            // the served checkpoint. Once the second is answered, the first was read and skipped.
            Query served = queries.get(0);
            Query otherCheckpoint = Query.newBuilder(served)
                    .setQueryId(served.getQueryId().replace("|bundled|", "|step-2|"))
                    .setPair(PairKey.newBuilder(served.getPair()).setCheckpoint("step-2").build()).build();
            try (KafkaProducer<String, byte[]> producer = bytesProducer()) {
                producer.send(new ProducerRecord<>(queriesTopic.name(), "poison-key",
                        "not avro".getBytes(StandardCharsets.UTF_8))).get();
                for (Query q : List.of(otherCheckpoint, served)) {
                    producer.send(new ProducerRecord<>(queriesTopic.name(), 0, RecordKey.pair(q.getPair()),
                            queriesTopic.valueSerde().serializer().serialize(queriesTopic.name(), q))).get();
                }
            }
            produce(queries.subList(1, queries.size()), false);
            assertEquals(queries.size(), readCompletions(run, queries.size()).size());
            assertTrue(completionsSoFar().stream().noneMatch(c -> c.getPair().getCheckpoint().equals("step-2")
                    && c.getPair().getRunId().equals(run)), "the other checkpoint's query is not answered");
            Topic<String, DeadLetter> dlq = topics.topic(Topics.DEAD_LETTERS);
            List<ConsumerRecord<String, DeadLetter>> letters = CommittedRecords.read(platform.bootstrapServers(),
                    dlq.name(), dlq.valueSerde().deserializer(),
                    r -> r.value().getStage().equals(WorkerLoop.STAGE), 1);
            assertTrue(letters.get(0).value().getReason().startsWith("not a query"),
                    letters.get(0).value().getReason());
        } finally {
            assertTrue(worker.loop.stop(WAIT));
        }
    }

    @Test
    void queriesReadWhileTheRegistryIsDownAreAnsweredOnceItIsBackNotDeadLettered() throws Exception {
        String run = "outage";
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // A second registry over the platform's schema journal: the same ids, on a port the test can stop. The
        // worker reads through a client of its own, which has fetched nothing yet.
        Topic<String, Query> throughOutage = new Topics(new RegistryAvroSerdes(
                new RestSchemaRegistryClient("http://127.0.0.1:" + port, Duration.ofSeconds(2)), false))
                .topic(Topics.QUERIES);
        List<Query> queries = TestQueries.suite(run, 1);
        Worker worker = Worker.start(first, WorkerOptions.defaults().withModel(run).withCheckpoint("bundled"), run,
                new ImageLoader(1 << 20), throughOutage);
        try {
            produce(queries, false);
            Thread.sleep(5_000); // the worker meets the queries while the registry is down, and backs off
            assertTrue(completionsSoFar().stream().noneMatch(c -> c.getPair().getRunId().equals(run)),
                    "nothing answered without the registry");
            try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(platform.bootstrapServers(),
                    KafkaSchemaJournal.DEFAULT_TOPIC, "127.0.0.1", port)) {
                assertEquals(queries.size(), readCompletions(run, queries.size()).size());
            }
            assertTrue(CommittedRecords.readToEnd(platform.bootstrapServers(), Topics.DEAD_LETTERS.name(),
                    topics.topic(Topics.DEAD_LETTERS).valueSerde().deserializer()).stream()
                    .noneMatch(letter -> letter.getReason().contains("REGISTRY")), "no dead letter for the outage");
        } finally {
            assertTrue(worker.loop.stop(WAIT));
        }
    }

    @Test
    void imageFilesAreReadOnlyUnderTheRootsAndEachErrorCodeIsLoggedOnceThenSummedUp() throws Exception {
        String run = "files";
        Path root = Files.createDirectories(dataDir.resolve("images-" + run));
        Path inside = Files.write(root.resolve("red.png"), TestQueries.png(Color.RED, 1));
        Path outside = Files.write(dataDir.resolve("outside-" + run + ".png"), TestQueries.png(Color.BLUE, 1));
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put("inside", inside.toUri().toString());
        refs.put("outside", outside.toString());
        refs.put("escape", root.resolve("../outside-" + run + ".png").toString());
        List<Query> queries = new ArrayList<>();
        refs.forEach((item, uri) -> queries.add(Query.newBuilder(TestQueries.query(run, item, "de", Arm.IMAGE, null))
                .setImage(ImageRef.newBuilder().setUri(uri).build()).build()));

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger loopLogger = (Logger) LoggerFactory.getLogger(WorkerLoop.class);
        loopLogger.addAppender(log);
        try {
            Worker worker = Worker.start(first, WorkerOptions.defaults(), run,
                    new ImageLoader(1 << 20, List.of(root), 1 << 20));
            try {
                produce(queries, true);
                Map<String, Completion> byItem = readCompletions(run, queries.size()).stream()
                        .collect(Collectors.toMap(r -> r.value().getPair().getItemId(), ConsumerRecord::value));
                assertNull(byItem.get("inside").getError(), () -> byItem.get("inside").getError().toString());
                for (String refused : List.of("outside", "escape")) {
                    Completion c = byItem.get(refused);
                    assertEquals(Generation.IMAGE_UNREADABLE, c.getError().getCode(), refused);
                    assertTrue(c.getError().getMessage().contains(outside.toString())
                            && c.getError().getMessage().contains("ifl.worker.image-roots: " + root),
                            c.getError().getMessage());
                }
            } finally {
                assertTrue(worker.loop.stop(WAIT));
            }
        } finally {
            loopLogger.detachAppender(log);
        }
        List<String> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("query " + run + "|")).toList();
        assertEquals(2, warnings.size(), "the first in full, the other summed up when the loop stops: " + warnings);
        assertTrue(warnings.get(0).startsWith("IMAGE_UNREADABLE: query " + run + "|") && warnings.get(0)
                .contains(" got no answer: image ") && warnings.get(0).contains("is outside the folders images are read from"),
                warnings.get(0));
        assertTrue(warnings.get(1).startsWith("IMAGE_UNREADABLE: 1 more in the last "), warnings.get(1));
    }

    /** Every committed completion up to the topic's end now. */
    private static List<Completion> completionsSoFar() {
        Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
        return CommittedRecords.readToEnd(platform.bootstrapServers(), completions.name(),
                completions.valueSerde().deserializer());
    }

    @Test
    void queriesAKilledWorkerDidNotCommitAreAnsweredByTheNextOne() throws Exception {
        String run = "kill";
        WorkerOptions options = WorkerOptions.defaults().withBatching(4, Duration.ofMillis(20), 8);
        GatedBackend gated = new GatedBackend(first, 2);
        Worker victim = Worker.start(gated, options, run);
        List<Query> queries = TestQueries.suite(run, 4);
        produce(queries, false);
        Await.until("two batches answered, more held at the gate",
                () -> gated.batches() == 2 && victim.loop.answered() > 0 && victim.loop.held() > 0);
        Thread.sleep(1500); // a commit interval passes: what was answered is committed
        long answeredBeforeKill = victim.loop.answered();
        assertTrue(victim.loop.halt(WAIT));

        Worker successor = Worker.start(second, options, run);
        try {
            // Read until every query id has appeared once: duplicates (answered by both) are expected.
            Set<String> answeredIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Topic<String, Completion> topic = topics.topic(Topics.COMPLETIONS);
            CommittedRecords.read(platform.bootstrapServers(), topic.name(), topic.valueSerde().deserializer(),
                    r -> r.value().getPair().getRunId().equals(run) && answeredIds.add(r.value().getQueryId()),
                    queries.size());
            assertEquals(queries.stream().map(Query::getQueryId).collect(Collectors.toSet()), answeredIds,
                    "every query answered, by the victim or its successor");
            // What the victim answered but could not commit (behind a query still at the gate) is answered again.
            assertTrue(successor.loop.answered() >= queries.size() - answeredBeforeKill
                    && successor.loop.answered() < queries.size(),
                    "the successor answered " + successor.loop.answered() + "; the victim had answered "
                            + answeredBeforeKill + " of " + queries.size());
        } finally {
            assertTrue(successor.loop.stop(WAIT));
            gated.release(100);
        }
    }

    @Test
    void theConsumerPausesWhenTheQueueIsFullAndResumesWhenItDrains() throws Exception {
        String run = "pause";
        int capacity = 6;
        WorkerOptions options = WorkerOptions.defaults().withBatching(2, Duration.ofMillis(10), capacity);
        GatedBackend gated = new GatedBackend(first, 0);
        Worker worker = Worker.start(gated, options, run);
        try {
            List<Query> queries = TestQueries.suite(run, 3);
            produce(queries, false);
            Await.until("paused with every batch held at the gate", () -> worker.loop.paused());
            int most = 0;
            for (int i = 0; i < 20; i++) {
                most = Math.max(most, worker.loop.held());
                Thread.sleep(50);
            }
            assertTrue(most >= capacity && most <= capacity + capacity / 2,
                    "held between the capacity and one poll more: " + most);
            assertEquals(0, worker.loop.answered());
            gated.release(1000);
            assertEquals(queries.size(), readCompletions(run, queries.size()).size());
            Await.until("resumed once drained", () -> !worker.loop.paused());
        } finally {
            assertTrue(worker.loop.stop(WAIT));
        }
    }

    private static boolean disjoint(Set<TopicPartition> a, Set<TopicPartition> b) {
        Set<TopicPartition> both = new HashSet<>(a);
        both.retainAll(b);
        return both.isEmpty();
    }

    private static List<ConsumerRecord<String, Completion>> readCompletions(String run, int count) {
        Topic<String, Completion> completions = topics.topic(Topics.COMPLETIONS);
        return CommittedRecords.read(platform.bootstrapServers(), completions.name(),
                completions.valueSerde().deserializer(), r -> r.value().getPair().getRunId().equals(run), count);
    }

    private static void produce(List<Query> queries, boolean oneAtATime) throws Exception {
        Topic<String, Query> topic = topics.topic(Topics.QUERIES);
        try (KafkaProducer<String, byte[]> producer = bytesProducer()) {
            for (Query q : queries) {
                var sent = producer.send(new ProducerRecord<>(topic.name(), RecordKey.pair(q.getPair()),
                        topic.valueSerde().serializer().serialize(topic.name(), q)));
                if (oneAtATime) {
                    sent.get();
                }
            }
        }
    }

    private static KafkaProducer<String, byte[]> bytesProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A worker loop on its own thread, with clients made as the service makes them. */
    private record Worker(WorkerLoop loop, Thread thread) {
        static Worker start(InferenceBackend backend, WorkerOptions options, String run) {
            return start(backend, options, run, new ImageLoader(1 << 20));
        }

        static Worker start(InferenceBackend backend, WorkerOptions options, String run, ImageLoader images) {
            return start(backend, options, run, images, topics.topic(Topics.QUERIES));
        }

        /** {@code queries}: how the worker reads queries (its registry client among it). */
        static Worker start(InferenceBackend backend, WorkerOptions options, String run, ImageLoader images,
                Topic<String, Query> queries) {
            String group = "group-" + run;
            // The test's run id is the served model: each worker answers only its test's queries.
            Properties consumerConfig = WorkerLoop.consumerConfig(platform.clusterAccess(), group,
                    options.withModel(run));
            consumerConfig.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 15_000);
            consumerConfig.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3000);
            TopicProducers producers = new TopicProducers(platform.clusterAccess());
            WorkerLoop loop = new WorkerLoop(
                    new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                    producers.create(Topics.COMPLETIONS, "worker-it-" + group),
                    new DeadLetterPublisher(WorkerLoop.STAGE, topics.topic(Topics.DEAD_LETTERS),
                            producers.create(Topics.DEAD_LETTERS, "worker-it-dlq-" + group)),
                    queries, topics.topic(Topics.COMPLETIONS), Backends.fixed(backend),
                    images, options.withModel(run), WorkerMetrics.NONE, Clock.systemUTC());
            Thread thread = new Thread(loop, "worker-" + group);
            thread.start();
            Worker worker = new Worker(loop, thread);
            STARTED.add(worker);
            return worker;
        }
    }
}
