package org.ifl.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded platform's generated secrets (the registry's write token, SCRAM passwords, the trust store's
 * password), kept in one properties file readable by its owner only ({@code <data-dir>/secrets/platform.properties}),
 * so a restarted platform keeps them and the client properties file can name them instead of holding them
 * ({@code ${file:<path>:registry.token}}). Values are generated once and never logged.
 */
public final class PlatformSecrets {
    public static final String FILE = "secrets/platform.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties values = new Properties();

    private PlatformSecrets(Path file) {
        this.file = file;
    }

    /** The secrets of the platform with {@code dataDir}, read if they exist. */
    public static PlatformSecrets of(Path dataDir) {
        PlatformSecrets secrets = new PlatformSecrets(dataDir.resolve(FILE).toAbsolutePath());
        if (Files.exists(secrets.file)) {
            try (Reader in = Files.newBufferedReader(secrets.file, StandardCharsets.UTF_8)) {
                secrets.values.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + secrets.file, e);
            }
        }
        return secrets;
    }

    /** The secret called {@code name}, generated (and saved) the first time it is asked for. */
    public synchronized String get(String name) {
        String value = values.getProperty(name);
        if (value == null) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            values.setProperty(name, value);
            save();
        }
        return value;
    }

    /** A reference to the secret {@code name} for a client properties file, resolved by Kafka's file provider. */
    public String reference(String name) {
        get(name);
        return "${file:" + file + ":" + name + "}";
    }

    public Path file() {
        return file;
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions: the data directory's own protection applies
            }
            // written through a temporary file, which is created readable by its owner only
            AddressFile.write(file, values, "secrets the embedded platform generated; keep private");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
