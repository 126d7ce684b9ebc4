package org.ifl.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ifl.platform.tls.TlsMaterial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ScramUser} and {@link SecureListener}: what they accept, the client settings, and passwords kept out of sight. */
class SecureListenerTest {
    @TempDir
    Path dir;

    @Test
    void clientPropertiesLogInAsTheUserAndTrustTheTrustStore() {
        TlsMaterial tls = TlsMaterial.inDirectory(dir);
        ScramUser client = new ScramUser("ifl", "s3cret-Pass_word.1");
        SecureListener secure = new SecureListener(new ScramUser("admin", "admin-pass"), List.of(client), tls);
        assertEquals(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"ifl\" password=\"s3cret-Pass_word.1\";",
                "ssl.truststore.location", tls.trustStore().toString(),
                "ssl.truststore.password", tls.trustStorePassword(),
                "ssl.truststore.type", "PKCS12"), secure.clientProperties(client));
        assertFalse(secure.toString().contains("admin-pass") || secure.toString().contains("s3cret"), secure.toString());
        assertFalse(client.toString().contains("s3cret"), client.toString());
    }

    @Test
    void refusesNamesAndPasswordsKafkaWouldMisreadWithoutShowingThePassword() {
        for (String name : List.of("", "a b", "x,y", "é")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScramUser(name, "pw"));
            assertTrue(e.getMessage().contains("SCRAM user name"), e.getMessage());
        }
        for (String password : List.of("", "with space", "quo\"te", "back\\slash", "com,ma", "a=b", "[x]", "semi;")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScramUser("u", password));
            assertTrue(e.getMessage().startsWith("the password of SCRAM user u "), e.getMessage());
            assertTrue(password.isEmpty() || !e.getMessage().contains(password), e.getMessage());
        }
        TlsMaterial tls = TlsMaterial.inDirectory(dir);
        ScramUser admin = new ScramUser("admin", "pw");
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new SecureListener(admin, List.of(new ScramUser("admin", "other")), tls));
        assertEquals("SCRAM user admin is given twice", twice.getMessage());
    }

    @Test
    void aSecuredBrokerRefusesACertificateThatDoesNotNameTheAddressItListensOn() {
        TlsMaterial localhostOnly = TlsMaterial.inDirectory(dir.resolve("tls"), List.of("localhost"));
        SecureListener secure = new SecureListener(new ScramUser("admin", "pw"), List.of(), localhostOnly);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedKafka.start(dir.resolve("kafka"), 0, 0, Duration.ofSeconds(5), secure));
        assertTrue(refused.getMessage().contains("names [localhost], not [127.0.0.1]"), refused.getMessage());
    }
}
