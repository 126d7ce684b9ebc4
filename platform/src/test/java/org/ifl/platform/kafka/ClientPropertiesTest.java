package org.ifl.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ifl.schemas.registry.RegistryAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client properties file: secrets resolved from the environment, a properties file or a directory's files when
 * it is read; unknown, stage-owned and unresolvable properties refused, naming the file and the property; the
 * registry's access split off; nothing of a value in {@link ClientProperties#toString()}.
 */
class ClientPropertiesTest {
    private static final String SECRET = "s3cret-value-7f1c";

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.writeString(dir.resolve("client.properties"), String.join("\n", lines) + "\n");
    }

    @Test
    void anEnvironmentReferenceIsResolved() throws IOException {
        String home = System.getenv("HOME") != null ? "HOME" : "PATH";
        ClientProperties client = ClientProperties.load(file("sasl.kerberos.service.name=${env:" + home + "}"));
        assertEquals(System.getenv(home), client.kafka().get("sasl.kerberos.service.name"));
    }

    @Test
    void fileAndDirectoryReferencesAreResolved() throws IOException {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "kafka.password=" + SECRET + "\n");
        Path mounted = Files.createDirectories(dir.resolve("mounted"));
        Files.writeString(mounted.resolve("truststore.password"), "trust-" + SECRET);
        ClientProperties client = ClientProperties.load(file(
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ifl\""
                        + " password=\"${file:" + secrets + ":kafka.password}\";",
                "ssl.truststore.password=${dir:" + mounted + ":truststore.password}"));
        assertTrue(client.kafka().get("sasl.jaas.config").toString().endsWith("password=\"" + SECRET + "\";"),
                "the password in the JAAS line comes from the file");
        assertEquals("trust-" + SECRET, client.kafka().get("ssl.truststore.password"));
        assertEquals("SASL_SSL", client.kafka().get("security.protocol"));
    }

    @Test
    void aMissingVariableFileOrKeyFailsNamingTheFileAndTheProperty() throws IOException {
        Path secrets = Files.writeString(dir.resolve("secrets.properties"), "other=1\n");
        for (String reference : new String[] {"${env:IFL_NO_SUCH_VARIABLE_4711}",
                "${file:" + dir.resolve("absent.properties") + ":kafka.password}",
                "${file:" + secrets + ":kafka.password}",
                "${dir:" + dir + ":absent-file}"}) {
            Path file = file("ssl.key.password=" + reference);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClientProperties.load(file), reference);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("ssl.key.password"), e.getMessage());
        }
    }

    @Test
    void anUnknownPropertyFailsNamingIt() throws IOException {
        Path file = file("security.protocol=SSL", "sasl.jass.config=typo");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientProperties.load(file));
        assertTrue(e.getMessage().contains("unknown property sasl.jass.config"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        IllegalArgumentException inCode = assertThrows(IllegalArgumentException.class,
                () -> ClientProperties.of(Map.of("no.such.setting", "1")));
        assertTrue(inCode.getMessage().startsWith("client properties: unknown property no.such.setting"),
                inCode.getMessage());
    }

    @Test
    void aSettingEachStageOwnsIsRefusedPlainOrPrefixed() throws IOException {
        for (String line : new String[] {"group.id=mine", "processing.guarantee=at_least_once",
                "consumer.isolation.level=read_uncommitted"}) {
            Path file = file(line);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClientProperties.load(file), line);
            assertTrue(e.getMessage().contains(line.substring(0, line.indexOf('=')) + " is set by each stage"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void streamsPrefixedClientSettingsAreAccepted() throws IOException {
        ClientProperties client = ClientProperties.load(file("producer.linger.ms=20",
                "main.consumer.max.poll.records=100", "linger.ms=5"));
        assertEquals(Map.of("producer.linger.ms", "20", "main.consumer.max.poll.records", "100", "linger.ms", "5"),
                client.kafka());
    }

    @Test
    void theRegistrySettingsAndAddressesAreSplitOffTheKafkaSettings() throws IOException {
        Path trustStore = Files.writeString(dir.resolve("truststore.p12"), "not read here");
        ClientProperties client = ClientProperties.load(file(
                "bootstrap.servers=broker:9093",
                "schema.registry.url=https://registry:8081",
                "security.protocol=SSL",
                "basic.auth.credentials.source=USER_INFO",
                "basic.auth.user.info=ifl:" + SECRET,
                "schema.registry.ssl.truststore.location=" + trustStore,
                "schema.registry.ssl.truststore.password=" + SECRET));
        assertEquals(Map.of("security.protocol", "SSL"), client.kafka());
        assertEquals(Optional.of("broker:9093"), client.bootstrapServers());
        assertEquals(Optional.of("https://registry:8081"), client.registryUrl());
        RegistryAccess registry = client.registryAccess();
        assertEquals("ifl:" + SECRET, registry.userInfo());
        assertEquals(trustStore, registry.trustStore());
        assertEquals(SECRET, registry.trustStorePassword());
        assertEquals("PKCS12", registry.trustStoreType());
    }

    @Test
    void toStringNamesThePropertiesButShowsNoValue() throws IOException {
        ClientProperties client = ClientProperties.load(file("security.protocol=SASL_SSL",
                "ssl.truststore.password=" + SECRET, "bearer.auth.credentials.source=STATIC_TOKEN",
                "bearer.auth.token=" + SECRET));
        String text = client.toString();
        assertTrue(text.contains("ssl.truststore.password"), text);
        assertTrue(text.contains("bearer token"), text);
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains("SASL_SSL"), "no value at all: " + text);
    }

    @Test
    void noFileMeansPlaintextClientsWithoutRegistryCredentials() {
        assertEquals(ClientProperties.NONE, ClientProperties.of(" "));
        assertEquals(Map.of(), ClientProperties.NONE.kafka());
        assertEquals(RegistryAccess.NONE, ClientProperties.NONE.registryAccess());
    }
}
