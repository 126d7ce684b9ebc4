package org.ifl.platform.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may do what on the embedded schema registry. The platform's own clients hold a secret; they may register
 * new schemas and change compatibility. Others may read, and register only a schema already registered under
 * that subject (which changes nothing: serializers do it at every start). With {@code readsNeedCredentials} every
 * request needs the secret, as basic authentication of the writer user or as a bearer token.
 */
public final class RegistryGuard {
    /** What a request's credentials make its sender. */
    public enum Caller {
        /** No credentials. */
        ANONYMOUS,
        /** The platform's own secret: may write. */
        WRITER,
        /** Credentials that do not match: refused. */
        REFUSED
    }

    /** Everyone may do everything: for tests of the REST API alone. */
    public static final RegistryGuard OPEN = new RegistryGuard(null, null, false);

    private final String writerUser;
    private final byte[] secret;
    private final boolean readsNeedCredentials;

    private RegistryGuard(String writerUser, byte[] secret, boolean readsNeedCredentials) {
        this.writerUser = writerUser;
        this.secret = secret;
        this.readsNeedCredentials = readsNeedCredentials;
    }

    /** Reads open to all; writes need {@code Authorization: Bearer token} (or basic auth of any user with it). */
    public static RegistryGuard writeToken(String token) {
        return new RegistryGuard(null, bytes(token), false);
    }

    /** Every request needs basic authentication as {@code user} with {@code password} (or the password as a bearer token). */
    public static RegistryGuard basicAuth(String user, String password) {
        return new RegistryGuard(user, bytes(password), true);
    }

    public boolean readsNeedCredentials() {
        return readsNeedCredentials;
    }

    /** Whether everyone may write (no secret). */
    boolean isOpen() {
        return secret == null;
    }

    /** @param authorization the request's {@code Authorization} header, or null */
    public Caller identify(String authorization) {
        if (secret == null) {
            return Caller.WRITER;
        }
        if (authorization == null || authorization.isBlank()) {
            return Caller.ANONYMOUS;
        }
        String header = authorization.strip();
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(header.substring(7).strip()) ? Caller.WRITER : Caller.REFUSED;
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String userInfo;
            try {
                userInfo = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Caller.REFUSED;
            }
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                return Caller.REFUSED;
            }
            boolean userMatches = writerUser == null || writerUser.equals(userInfo.substring(0, colon));
            return matches(userInfo.substring(colon + 1)) && userMatches ? Caller.WRITER : Caller.REFUSED;
        }
        return Caller.REFUSED;
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(secret, bytes(candidate));
    }

    private static byte[] bytes(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the registry's secret is empty");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return secret == null ? "open" : readsNeedCredentials ? "basic auth as " + writerUser : "writes need a token";
    }
}
