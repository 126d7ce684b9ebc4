package org.ifl.platform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS key and trust material of a server on this machine, kept in one directory: a certificate authority made
 * for it, a server key with a certificate that authority signed, and the passwords of the two stores.
 * <ul>
 *   <li>{@value #KEY_STORE}: PKCS12, the server's private key and its certificate chain (what the server presents);</li>
 *   <li>{@value #TRUST_STORE}: PKCS12, the authority's certificate alone: what clients trust;</li>
 *   <li>{@value #KEY_STORE_PASSWORD_FILE}: the password of the key store and of the key, readable by the owner only;</li>
 *   <li>{@value #TRUST_STORE_PASSWORD_FILE}: the trust store's password (clients are given it, so it is another).</li>
 * </ul>
 * The first use generates them; later uses of the same directory load them, so clients that were handed the trust
 * store keep trusting the server across restarts. The authority's private key is not kept: nothing but the server
 * certificate is ever signed with it. Certificates are EC P-256 (SHA256withECDSA), issued by the JDK alone.
 * {@link #toString()} never shows the passwords, and nothing here logs them.
 */
public final class TlsMaterial {
    public static final String KEY_STORE = "server.keystore.p12";
    public static final String TRUST_STORE = "truststore.p12";
    public static final String KEY_STORE_PASSWORD_FILE = "keystore.password";
    public static final String TRUST_STORE_PASSWORD_FILE = "truststore.password";
    public static final String STORE_TYPE = "PKCS12";
    /** The names a server on this machine is reached by, written into its certificate's subject alternative names. */
    public static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1");
    static final String KEY_ALIAS = "server";
    static final String CA_ALIAS = "ifl-ca";
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);

    private final Path directory;
    private final String keyStorePassword;
    private final String trustStorePassword;

    private TlsMaterial(Path directory, String keyStorePassword, String trustStorePassword) {
        this.directory = directory;
        this.keyStorePassword = keyStorePassword;
        this.trustStorePassword = trustStorePassword;
    }

    /** As {@link #inDirectory(Path, List)} for a server reached as {@link #LOCAL_HOSTS}. */
    public static TlsMaterial inDirectory(Path directory) {
        return inDirectory(directory, LOCAL_HOSTS);
    }

    /**
     * Loads the material in {@code directory}, or generates it there when the directory has none, for a server
     * reached as any of {@code hosts} (DNS names or IP addresses). Material already there must name every one of
     * {@code hosts}; a directory with part of it only (the trust store without the key store) is refused rather than
     * replaced, as clients may trust it.
     */
    public static TlsMaterial inDirectory(Path directory, List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one host name or IP address");
        }
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            boolean trusted = Files.exists(dir.resolve(TRUST_STORE));
            boolean complete = trusted && Files.exists(dir.resolve(KEY_STORE))
                    && Files.exists(dir.resolve(KEY_STORE_PASSWORD_FILE)) && Files.exists(dir.resolve(TRUST_STORE_PASSWORD_FILE));
            if (complete) {
                TlsMaterial existing = new TlsMaterial(dir,
                        Files.readString(dir.resolve(KEY_STORE_PASSWORD_FILE), StandardCharsets.UTF_8).strip(),
                        Files.readString(dir.resolve(TRUST_STORE_PASSWORD_FILE), StandardCharsets.UTF_8).strip());
                existing.requireNames(hosts);
                return existing;
            }
            if (trusted) {
                throw new IllegalStateException(dir + " has a " + TRUST_STORE + " but not its " + KEY_STORE + ", "
                        + KEY_STORE_PASSWORD_FILE + " and " + TRUST_STORE_PASSWORD_FILE + ": clients may trust it, so "
                        + "it is not replaced; remove the directory to generate new TLS material (and hand clients "
                        + "the new " + TRUST_STORE + ")");
            }
            return generate(dir, hosts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write TLS material in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static TlsMaterial generate(Path dir, List<String> hosts) throws IOException {
        SecureRandom random = new SecureRandom();
        TlsMaterial material = new TlsMaterial(dir, newPassword(random), newPassword(random));
        char[] keyPassword = material.keyStorePassword.toCharArray();
        try {
            CertificateIssuer issuer = new CertificateIssuer(random);
            CertificateIssuer.Issued ca = issuer.authority("ifl local certificate authority", VALIDITY);
            CertificateIssuer.Issued server = issuer.host(ca, hosts.get(0), hosts, VALIDITY);
            KeyStore keyStore = KeyStore.getInstance(STORE_TYPE);
            keyStore.load(null, null);
            keyStore.setKeyEntry(KEY_ALIAS, server.keys().getPrivate(), keyPassword,
                    new Certificate[] {server.certificate(), ca.certificate()});
            KeyStore trustStore = KeyStore.getInstance(STORE_TYPE);
            trustStore.load(null, null);
            trustStore.setCertificateEntry(CA_ALIAS, ca.certificate());
            // The trust store last: a directory without it has handed nothing to clients yet.
            writeOwnerOnly(dir.resolve(KEY_STORE_PASSWORD_FILE),
                    out -> out.write(material.keyStorePassword.getBytes(StandardCharsets.UTF_8)));
            writeOwnerOnly(dir.resolve(TRUST_STORE_PASSWORD_FILE),
                    out -> out.write(material.trustStorePassword.getBytes(StandardCharsets.UTF_8)));
            writeOwnerOnly(dir.resolve(KEY_STORE), out -> keyStore.store(out, keyPassword));
            writeOwnerOnly(dir.resolve(TRUST_STORE), out -> trustStore.store(out, material.trustStorePassword.toCharArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate TLS material in " + dir + ": " + e, e);
        }
        LOG.info("Generated a certificate authority and a server certificate for {} in {}", hosts, dir);
        return material;
    }

    private static String newPassword(SecureRandom random) {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException, GeneralSecurityException;
    }

    private static void writeOwnerOnly(Path target, Content content) throws IOException, GeneralSecurityException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        try (OutputStream out = Files.newOutputStream(temporary)) {
            content.writeTo(out);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Fails, saying what to do, unless the server certificate names every one of {@code hosts}. */
    public void requireNames(List<String> hosts) {
        X509Certificate certificate = serverCertificate();
        Set<String> named = new TreeSet<>();
        try {
            Collection<List<?>> altNames = certificate.getSubjectAlternativeNames();
            if (altNames != null) {
                for (List<?> altName : altNames) {
                    named.add(normalized(altName.get(1).toString()));
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("cannot read the names of the certificate in " + keyStore() + ": " + e, e);
        }
        List<String> missing = new ArrayList<>();
        for (String host : hosts) {
            if (!named.contains(normalized(host))) {
                missing.add(host);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the server certificate in " + keyStore() + " names " + named + ", not "
                    + missing + ": remove " + directory + " to generate new TLS material for " + hosts
                    + " (and hand clients the new " + TRUST_STORE + ")");
        }
    }

    private static String normalized(String host) {
        if (host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                return InetAddress.getByName(host).getHostAddress();
            } catch (UnknownHostException e) {
                return host;
            }
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** The server's certificate, loaded from the key store. */
    public X509Certificate serverCertificate() {
        return (X509Certificate) read(keyStore(), keyStorePassword, KEY_STORE_PASSWORD_FILE,
                store -> store.getCertificateChain(KEY_ALIAS)[0]);
    }

    /** The certificate authority's certificate, loaded from the trust store. */
    public X509Certificate authorityCertificate() {
        return (X509Certificate) read(trustStore(), trustStorePassword, TRUST_STORE_PASSWORD_FILE,
                store -> store.getCertificate(CA_ALIAS));
    }

    private interface Entry {
        Certificate of(KeyStore store) throws GeneralSecurityException;
    }

    private Certificate read(Path store, String password, String passwordFile, Entry entry) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance(STORE_TYPE);
            keyStore.load(in, password.toCharArray());
            return entry.of(keyStore);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot open " + store + " with the password in "
                    + directory.resolve(passwordFile) + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The server's key store (PKCS12): its private key and certificate chain. */
    public Path keyStore() {
        return directory.resolve(KEY_STORE);
    }

    /** The trust store (PKCS12) clients use to trust the server: the certificate authority alone. */
    public Path trustStore() {
        return directory.resolve(TRUST_STORE);
    }

    /** The password of the key store and of the server's key: the server's alone. Not to be logged. */
    public String keyStorePassword() {
        return keyStorePassword;
    }

    /** The trust store's password, handed to clients with the trust store. Not to be logged. */
    public String trustStorePassword() {
        return trustStorePassword;
    }

    /** A TLS context that serves with the server's key and certificate: for an HTTPS server on the same hosts. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore())) {
            KeyStore store = KeyStore.getInstance(STORE_TYPE);
            store.load(in, keyStorePassword.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, keyStorePassword.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key store " + keyStore(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot use the key store " + keyStore() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + directory + "]";
    }
}
