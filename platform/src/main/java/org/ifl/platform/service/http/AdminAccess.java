package org.ifl.platform.service.http;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The operator's token, which a service's HTTP server asks for before anything that changes state and before it
 * shows health details: {@value #TOKEN_CONFIG} (in the environment {@code IFL_HTTP_ADMIN_TOKEN}) or the first line
 * of the file {@value #TOKEN_FILE_CONFIG}, read once at start. With neither set no request is ever the operator's.
 * The token is kept as its SHA-256 digest only, compared in constant time, and never logged.
 */
@Context
public final class AdminAccess {
    public static final String TOKEN_CONFIG = "ifl.http.admin-token";
    public static final String TOKEN_FILE_CONFIG = "ifl.http.admin-token-file";
    /** Shorter tokens are refused at start: they could be guessed. */
    public static final int MIN_TOKEN_LENGTH = 16;
    private static final String BEARER = "bearer ";

    /** SHA-256 of the token; null: none configured. */
    private final byte[] tokenDigest;

    AdminAccess(@Value("${" + TOKEN_CONFIG + ":}") String token,
            @Value("${" + TOKEN_FILE_CONFIG + ":}") String tokenFile) {
        this.tokenDigest = resolve(token, tokenFile);
    }

    /** Whether an operator's token is configured at all. */
    public boolean configured() {
        return tokenDigest != null;
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <the token>}. */
    public boolean accepts(String authorization) {
        if (tokenDigest == null || authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return false;
        }
        // Both sides are digests of the same length: the comparison time says nothing about the token.
        return MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(BEARER.length()).trim()));
    }

    @Override
    public String toString() {
        return configured() ? "AdminAccess(token configured)" : "AdminAccess(no token)";
    }

    private static byte[] resolve(String token, String tokenFile) {
        boolean inline = token != null && !token.isEmpty();
        boolean file = tokenFile != null && !tokenFile.isBlank();
        if (inline && file) {
            throw new IllegalArgumentException(TOKEN_CONFIG + " and " + TOKEN_FILE_CONFIG
                    + " are both set: set one of them");
        }
        if (!inline && !file) {
            return null;
        }
        String value = inline ? token.trim() : read(Path.of(tokenFile.trim()));
        String source = inline ? TOKEN_CONFIG : TOKEN_FILE_CONFIG + " (" + tokenFile.trim() + ")";
        if (value.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(source + ": the admin token has " + value.length()
                    + " characters, fewer than " + MIN_TOKEN_LENGTH + "; use a long random one, e.g. "
                    + "`openssl rand -hex 32`");
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(source + ": the admin token contains white space, which an "
                    + "Authorization header cannot carry intact");
        }
        return sha256(value);
    }

    /** The file's first line, without its line break. */
    private static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException(TOKEN_FILE_CONFIG + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
