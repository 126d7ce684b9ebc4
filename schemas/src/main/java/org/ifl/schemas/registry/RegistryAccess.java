package org.ifl.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a client proves itself to a schema registry and which certificates it trusts, read from the client
 * properties under the names Confluent's clients use, so one properties file serves both:
 * <ul>
 *   <li>{@code basic.auth.credentials.source=USER_INFO} with {@code basic.auth.user.info=USER:PASSWORD}</li>
 *   <li>{@code bearer.auth.credentials.source=STATIC_TOKEN} with {@code bearer.auth.token=TOKEN}</li>
 *   <li>{@code schema.registry.ssl.truststore.location}, {@code .password}, {@code .type} (default PKCS12)</li>
 * </ul>
 * A record of secrets: {@link #toString()} names which are set, never their values.
 *
 * @param userInfo           {@code USER:PASSWORD} sent as HTTP basic authentication, or null
 * @param bearerToken        a token sent as {@code Authorization: Bearer}, or null
 * @param trustStore         the trust store an {@code https://} registry's certificate is checked against, or null
 *                           for the JVM's default trust
 * @param trustStorePassword the trust store's password, or null
 * @param trustStoreType     the trust store's type (PKCS12, JKS)
 */
public record RegistryAccess(String userInfo, String bearerToken, Path trustStore, String trustStorePassword,
        String trustStoreType) {
    public static final String BASIC_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    /** Every property name this class reads. */
    public static final Set<String> PROPERTY_NAMES = Set.of(BASIC_SOURCE, BASIC_USER_INFO, BEARER_SOURCE, BEARER_TOKEN,
            TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE);
    /** Plain access: no credentials, the JVM's default trust. */
    public static final RegistryAccess NONE = new RegistryAccess(null, null, null, null, "PKCS12");

    public RegistryAccess {
        if (userInfo != null && bearerToken != null) {
            throw new IllegalArgumentException("the schema registry takes either basic authentication ("
                    + BASIC_USER_INFO + ") or a bearer token (" + BEARER_TOKEN + "), not both");
        }
        if (userInfo != null && userInfo.indexOf(':') < 1) {
            throw new IllegalArgumentException(BASIC_USER_INFO + " must be USER:PASSWORD");
        }
        trustStoreType = trustStoreType == null || trustStoreType.isBlank() ? "PKCS12" : trustStoreType;
    }

    /** Basic authentication as {@code user} with {@code password}. */
    public static RegistryAccess basic(String user, String password) {
        return new RegistryAccess(user + ":" + password, null, null, null, null);
    }

    /** A bearer token. */
    public static RegistryAccess bearer(String token) {
        return new RegistryAccess(null, token, null, null, null);
    }

    /** This access, trusting the certificates in {@code trustStore}. */
    public RegistryAccess trusting(Path trustStore, String password, String type) {
        return new RegistryAccess(userInfo, bearerToken, trustStore, password, type);
    }

    /**
     * Reads the access settings from client properties (the other properties are left alone).
     *
     * @param origin where the properties came from, for messages (a file name)
     * @throws IllegalArgumentException naming the property and {@code origin} when a setting is wrong
     */
    public static RegistryAccess fromProperties(Map<String, ?> properties, String origin) {
        String basicSource = text(properties, BASIC_SOURCE);
        String userInfo = text(properties, BASIC_USER_INFO);
        if (userInfo != null && basicSource != null && !basicSource.equals("USER_INFO")) {
            throw new IllegalArgumentException(origin + ": " + BASIC_SOURCE + "=" + basicSource
                    + " is not supported; use USER_INFO with " + BASIC_USER_INFO);
        }
        String bearerSource = text(properties, BEARER_SOURCE);
        String token = text(properties, BEARER_TOKEN);
        if (token != null && bearerSource != null && !bearerSource.equals("STATIC_TOKEN")) {
            throw new IllegalArgumentException(origin + ": " + BEARER_SOURCE + "=" + bearerSource
                    + " is not supported; use STATIC_TOKEN with " + BEARER_TOKEN);
        }
        String location = text(properties, TRUSTSTORE_LOCATION);
        Path trustStore = location == null ? null : Path.of(location);
        if (trustStore != null && !Files.isReadable(trustStore)) {
            throw new IllegalArgumentException(origin + ": " + TRUSTSTORE_LOCATION + " " + trustStore
                    + " is not a readable file");
        }
        try {
            return new RegistryAccess(userInfo, token, trustStore, text(properties, TRUSTSTORE_PASSWORD),
                    text(properties, TRUSTSTORE_TYPE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, ?> properties, String name) {
        Object value = properties.get(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    /** The properties this access was read from (what {@link #fromProperties} reads back). */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (userInfo != null) {
            p.put(BASIC_SOURCE, "USER_INFO");
            p.put(BASIC_USER_INFO, userInfo);
        }
        if (bearerToken != null) {
            p.put(BEARER_SOURCE, "STATIC_TOKEN");
            p.put(BEARER_TOKEN, bearerToken);
        }
        if (trustStore != null) {
            p.put(TRUSTSTORE_LOCATION, trustStore.toString());
            if (trustStorePassword != null) {
                p.put(TRUSTSTORE_PASSWORD, trustStorePassword);
            }
            p.put(TRUSTSTORE_TYPE, trustStoreType);
        }
        return p;
    }

    /** The {@code Authorization} header value, if any credentials are set. */
    public Optional<String> authorization() {
        if (bearerToken != null) {
            return Optional.of("Bearer " + bearerToken);
        }
        if (userInfo != null) {
            return Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    /** The TLS context trusting {@link #trustStore()}, or empty for the JVM's default. */
    public Optional<SSLContext> sslContext() {
        if (trustStore == null) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(trustStoreType);
            store.load(in, trustStorePassword == null ? null : trustStorePassword.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the schema registry trust store " + trustStore + " ("
                    + TRUSTSTORE_LOCATION + ", type " + trustStoreType + "): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        String user = userInfo == null ? null : userInfo.substring(0, userInfo.indexOf(':'));
        return "RegistryAccess[" + (user != null ? "basic user " + user : bearerToken != null ? "bearer token"
                : "no credentials") + ", trust " + Objects.requireNonNullElse(trustStore, "JVM default") + "]";
    }
}
