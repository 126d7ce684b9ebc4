package org.ifl.platform.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsMaterial}: the generated stores carry a server certificate that a client trusting only the trust store
 * accepts for localhost and 127.0.0.1 (hostname verification on) in a real TLS handshake; a second use of the
 * directory loads the same material; partial or mismatching material is refused with what to do.
 */
class TlsMaterialTest {
    @TempDir
    Path dir;

    @Test
    void generatesStoresAClientTrustingTheTrustStoreAcceptsForBothLocalNames() throws Exception {
        long started = System.nanoTime();
        TlsMaterial tls = TlsMaterial.inDirectory(dir.resolve("tls"));
        long generatedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("TLS material generated in " + generatedMs + " ms");

        X509Certificate ca = tls.authorityCertificate();
        X509Certificate server = tls.serverCertificate();
        assertTrue(ca.getBasicConstraints() >= 0, "the authority is a CA");
        assertEquals(-1, server.getBasicConstraints(), "the server certificate is no CA");
        assertEquals(ca.getSubjectX500Principal(), server.getIssuerX500Principal());
        server.verify(ca.getPublicKey());
        assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")),
                server.getSubjectAlternativeNames().stream().toList());
        for (String file : List.of(TlsMaterial.KEY_STORE_PASSWORD_FILE, TlsMaterial.KEY_STORE)) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(tls.directory().resolve(file))), file);
        }
        assertNotEquals(tls.keyStorePassword(), tls.trustStorePassword(), "clients get the trust store's");
        assertFalse(tls.toString().contains(tls.keyStorePassword()) || tls.toString().contains(tls.trustStorePassword()),
                tls.toString());

        for (String host : List.of("localhost", "127.0.0.1")) {
            assertEquals("hello " + host, handshake(tls, host));
        }
    }

    @Test
    void aClientTrustingAnotherAuthorityIsRefused() throws Exception {
        TlsMaterial tls = TlsMaterial.inDirectory(dir.resolve("a"));
        TlsMaterial other = TlsMaterial.inDirectory(dir.resolve("b"));
        assertThrows(SSLHandshakeException.class, () -> handshake(tls, other, "localhost"));
    }

    @Test
    void aSecondUseLoadsTheSameMaterial() throws Exception {
        TlsMaterial first = TlsMaterial.inDirectory(dir);
        byte[] trustStore = Files.readAllBytes(first.trustStore());
        TlsMaterial second = TlsMaterial.inDirectory(dir);
        assertEquals(first.keyStorePassword(), second.keyStorePassword());
        assertEquals(first.trustStorePassword(), second.trustStorePassword());
        assertArrayEquals(trustStore, Files.readAllBytes(second.trustStore()));
        assertEquals(first.serverCertificate(), second.serverCertificate());
        assertEquals("hello localhost", handshake(second, first, "localhost"));
    }

    @Test
    void refusesATrustStoreWithoutItsKeyStoreAndCertificatesForOtherHosts() throws Exception {
        TlsMaterial tls = TlsMaterial.inDirectory(dir);
        IllegalStateException otherHost = assertThrows(IllegalStateException.class,
                () -> TlsMaterial.inDirectory(dir, List.of("localhost", "broker.example")));
        assertTrue(otherHost.getMessage().contains("[broker.example]") && otherHost.getMessage().contains("remove " + dir),
                otherHost.getMessage());

        Files.delete(tls.keyStore());
        IllegalStateException partial = assertThrows(IllegalStateException.class, () -> TlsMaterial.inDirectory(dir));
        assertTrue(partial.getMessage().contains("has a " + TlsMaterial.TRUST_STORE + " but not its"), partial.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsMaterial.inDirectory(dir.resolve("x"), List.of("a b")));
    }

    private static String handshake(TlsMaterial tls, String host) throws Exception {
        return handshake(tls, tls, host);
    }

    /** A TLS server presenting {@code server}'s key, a client trusting {@code client}'s trust store, host checked. */
    private static String handshake(TlsMaterial server, TlsMaterial client, String host) throws Exception {
        KeyStore keys = KeyStore.getInstance(TlsMaterial.STORE_TYPE);
        try (InputStream in = Files.newInputStream(server.keyStore())) {
            keys.load(in, server.keyStorePassword().toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, server.keyStorePassword().toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance(TlsMaterial.STORE_TYPE);
        try (InputStream in = Files.newInputStream(client.trustStore())) {
            trusted.load(in, client.trustStorePassword().toCharArray());
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);

        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    DataInputStream in = new DataInputStream(accepted.getInputStream());
                    new DataOutputStream(accepted.getOutputStream()).writeUTF("hello " + in.readUTF());
                } catch (Exception e) {
                    // the client's side reports what went wrong
                }
            });
            try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(host, listener.getLocalPort())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.setSoTimeout(10_000);
                new DataOutputStream(socket.getOutputStream()).writeUTF(host);
                return new DataInputStream(socket.getInputStream()).readUTF();
            } finally {
                served.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
