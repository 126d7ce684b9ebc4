package org.ifl.platform.kafka;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.ifl.platform.tls.TlsMaterial;

/**
 * How {@link EmbeddedKafka} secures its client listener: SASL_SSL, users authenticated with SCRAM-SHA-512, the
 * server certificate from {@code tls}. {@code admin} is the broker's own user (its connections to itself) and the one
 * it creates the others with; {@code clients} are the users clients log in as. Authentication only: the broker has no
 * authorizer, so every authenticated user may do everything (topics, groups, transactions).
 */
public record SecureListener(ScramUser admin, List<ScramUser> clients, TlsMaterial tls) {
    public static final String SECURITY_PROTOCOL = "SASL_SSL";
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    public SecureListener {
        if (admin == null || tls == null || clients == null) {
            throw new IllegalArgumentException("a secure listener needs an admin user, client users and TLS material");
        }
        clients = List.copyOf(clients);
        Set<String> names = new HashSet<>(Set.of(admin.name()));
        for (ScramUser client : clients) {
            if (!names.add(client.name())) {
                throw new IllegalArgumentException("SCRAM user " + client.name() + " is given twice");
            }
        }
    }

    /**
     * The settings a Kafka client (producer, consumer, Admin, Streams) needs to log in as {@code user} over this
     * listener and trust its certificate, bootstrap servers aside. The values hold the user's and the trust store's
     * passwords: write them where only the user can read them.
     */
    public Map<String, String> clientProperties(ScramUser user) {
        return clientProperties(user.name(), user.password(), tls.trustStorePassword());
    }

    /**
     * As {@link #clientProperties(ScramUser)}, with the user's and the trust store's passwords given as they are to
     * be written: values, or references a config provider resolves ({@code ${file:PATH:KEY}}).
     */
    public Map<String, String> clientProperties(String user, String password, String trustStorePassword) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        settings.put(SaslConfigs.SASL_MECHANISM, SASL_MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, ScramUser.jaasConfig(user, password));
        settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.trustStore().toString());
        settings.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trustStorePassword);
        settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, TlsMaterial.STORE_TYPE);
        return settings;
    }

    @Override
    public String toString() {
        return "SecureListener[admin=" + admin.name() + ", clients=" + clients + ", " + tls + "]";
    }
}
