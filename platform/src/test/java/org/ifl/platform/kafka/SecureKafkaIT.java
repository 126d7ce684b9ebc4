package org.ifl.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.CapturedLogs;
import org.ifl.platform.tls.TlsMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EmbeddedKafka} with a {@link SecureListener}: a producer, a consumer, an Admin and a Kafka Streams app
 * (exactly_once_v2) work over SASL_SSL with a client user's {@link SecureListener#clientProperties}; a wrong password
 * and a PLAINTEXT client are refused; a restart on the same directories keeps the certificates, so the clients'
 * settings stay valid; no password appears in what the broker and the clients log (at INFO, where Kafka logs its
 * configurations).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureKafkaIT {
    private static final String INPUT = "secure.in";
    private static final String OUTPUT = "secure.out";
    private static final Duration READY = Duration.ofSeconds(60);
    private static final ScramUser ADMIN = new ScramUser("broker-admin", "admin-" + UUID.randomUUID());
    private static final ScramUser CLIENT = new ScramUser("ifl", "client-" + UUID.randomUUID());
    private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();
    private static final List<String> KAFKA_LOGGERS = List.of("org.apache.kafka", "kafka");

    @TempDir
    static Path dir;
    private static CapturedLogs logs;
    private static SecureListener secure;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecuredBroker() {
        logs = CapturedLogs.start(KAFKA_LOGGERS);
        long started = System.nanoTime();
        secure = new SecureListener(ADMIN, List.of(CLIENT), TlsMaterial.inDirectory(dir.resolve("tls")));
        long generated = System.nanoTime();
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0, READY, secure);
        System.out.println("secured broker ready in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                + " ms, certificates generated in " + TimeUnit.NANOSECONDS.toMillis(generated - started) + " ms of it");
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static Map<String, Object> as(ScramUser user) {
        Map<String, Object> settings = new HashMap<>(secure.clientProperties(user));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return settings;
    }

    @Test
    @Order(1)
    void producerConsumerAdminAndExactlyOnceStreamsWorkAsTheClientUser() throws Exception {
        try (Admin admin = Admin.create(as(CLIENT))) {
            admin.createTopics(List.of(new NewTopic(INPUT, 2, (short) 1), new NewTopic(OUTPUT, 2, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerSettings = as(CLIENT);
        producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings, new StringSerializer(),
                new StringSerializer())) {
            for (String value : List.of("a", "b", "c")) {
                producer.send(new ProducerRecord<>(INPUT, value, value)).get(30, TimeUnit.SECONDS);
            }
        }
        Map<String, Object> streamsSettings = as(CLIENT);
        streamsSettings.put(StreamsConfig.APPLICATION_ID_CONFIG, "secure-upper");
        streamsSettings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streamsSettings.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        streamsSettings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())).mapValues(v -> v.toUpperCase())
                .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(streamsSettings))) {
            streams.start();
            assertEquals(List.of("A", "B", "C"), readCommitted(as(CLIENT), 3).stream().sorted().toList());
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        }
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefused() {
        Map<String, Object> wrong = as(new ScramUser(CLIENT.name(), WRONG_PASSWORD));
        try (Admin admin = Admin.create(wrong)) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    @Order(3)
    void aPlaintextClientCannotConnect() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1500,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
    }

    @Test
    @Order(4)
    void aRestartKeepsTheCertificatesSoTheClientsSettingsStillWork() throws Exception {
        X509Certificate before = secure.tls().serverCertificate();
        Map<String, Object> clientSettingsBefore = as(CLIENT);
        kafka.close();
        long started = System.nanoTime();
        SecureListener again = new SecureListener(ADMIN, List.of(CLIENT), TlsMaterial.inDirectory(dir.resolve("tls")));
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0, READY, again);
        System.out.println("secured broker, certificates reused, ready in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        assertEquals(before, again.tls().serverCertificate());
        assertEquals(secure.clientProperties(CLIENT), again.clientProperties(CLIENT));

        clientSettingsBefore.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        assertEquals(List.of("A", "B", "C"), readCommitted(clientSettingsBefore, 3).stream().sorted().toList());
    }

    @Test
    @Order(5)
    void noPasswordIsLogged() {
        List<String> secrets = List.of(ADMIN.password(), CLIENT.password(), WRONG_PASSWORD,
                secure.tls().keyStorePassword(), secure.tls().trustStorePassword());
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent event : logs.events()) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            logged.add(line);
            // Kafka's loggers write here only: their warnings are shown in the test's output all the same.
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                System.out.println("captured " + event.getLevel() + " " + event.getLoggerName() + ": "
                        + line.lines().findFirst().orElse(""));
            }
        }
        assertTrue(logged.stream().anyMatch(line -> line.contains("sasl.jaas.config = [hidden]")),
                "the clients' configurations were logged and captured");
        assertTrue(logged.stream().anyMatch(line -> line.contains("ssl.keystore.password = [hidden]")),
                "the broker's configuration was logged and captured");
        for (String line : logged) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "a password is logged: " + line.replace(secret, "<password>"));
            }
        }
    }

    private static List<String> readCommitted(Map<String, Object> clientSettings, int count) throws Exception {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(OUTPUT));
            Await.until(count + " records in " + OUTPUT + ", read " + values, () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= count;
            });
        }
        return values;
    }
}
