package org.ifl.platform.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issues X.509 v3 certificates with the JDK alone: EC P-256 keys, signed with SHA256withECDSA. One self-signed
 * certificate authority, and host certificates it signs for TLS servers (which also present them as TLS clients).
 */
final class CertificateIssuer {
    /** A key pair and the certificate that binds its public key to a name. */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** Clocks of clients and of this machine may differ a little. */
    private static final Duration BACKDATED = Duration.ofHours(1);

    private final SecureRandom random;

    CertificateIssuer(SecureRandom random) {
        this.random = random;
    }

    Issued authority(String commonName, Duration validity) throws GeneralSecurityException {
        KeyPair keys = newKeys();
        byte[] name = name(commonName);
        byte[] extensions = Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                // keyCertSign and cRLSign: bits 5 and 6, one unused bit.
                extension(KEY_USAGE, true, Der.bitString(1, new byte[] {0x06})),
                extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(keys.getPublic()))));
        return new Issued(keys, sign(name, name, keys.getPublic(), validity, extensions, keys));
    }

    /** A certificate for a server reached as any of {@code hosts} (IP addresses or DNS names), signed by {@code ca}. */
    Issued host(Issued ca, String commonName, List<String> hosts, Duration validity) throws GeneralSecurityException {
        KeyPair keys = newKeys();
        List<byte[]> altNames = new ArrayList<>();
        for (String host : hosts) {
            altNames.add(generalName(host));
        }
        byte[] extensions = Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                // digitalSignature: bit 0, seven unused bits.
                extension(KEY_USAGE, true, Der.bitString(7, new byte[] {(byte) 0x80})),
                extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH), Der.oid(CLIENT_AUTH))),
                extension(SUBJECT_ALT_NAME, false, Der.sequence(altNames.toArray(byte[][]::new))),
                extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(keys.getPublic()))),
                extension(AUTHORITY_KEY_IDENTIFIER, false,
                        Der.sequence(Der.tlv(0x80, keyIdentifier(ca.keys().getPublic())))));
        byte[] issuer = ca.certificate().getSubjectX500Principal().getEncoded();
        return new Issued(keys, sign(issuer, name(commonName), keys.getPublic(), validity, extensions, ca.keys()));
    }

    private KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private X509Certificate sign(byte[] issuer, byte[] subject, PublicKey subjectKey, Duration validity,
            byte[] extensions, KeyPair signer) throws GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now();
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] toBeSigned = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // version 3
                Der.integer(new BigInteger(127, random).setBit(126)), // positive, 16 bytes, never 0
                algorithm,
                issuer,
                Der.sequence(Der.time(now.minus(BACKDATED)), Der.time(now.plus(validity))),
                subject,
                subjectKey.getEncoded(), // already a SubjectPublicKeyInfo
                Der.explicit(3, extensions));
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer.getPrivate(), random);
        signature.update(toBeSigned);
        byte[] encoded = Der.sequence(toBeSigned, algorithm, Der.bitString(0, signature.sign()));
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
        certificate.verify(signer.getPublic());
        return certificate;
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.tlv(Der.SET, Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical
                ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** iPAddress [7] for a literal IPv4 or IPv6 address, dNSName [2] for anything else. */
    private static byte[] generalName(String host) {
        if (isAddressLiteral(host)) {
            try {
                return Der.tlv(0x87, InetAddress.getByName(host).getAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + host, e);
            }
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("not a host name or IP address for a certificate: '" + host + "'");
        }
        return Der.tlv(0x82, host.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean isAddressLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** The leftmost 160 bits of the SHA-256 hash of the encoded SubjectPublicKeyInfo (RFC 5280 4.2.1.2 leaves the method open). */
    private static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 20);
    }
}
