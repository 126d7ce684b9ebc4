package org.ifl.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's credentials and trust under Confluent's property names: checked, sent, never shown. */
class RegistryAccessTest {
    private static final String SECRET = "pw-9d2e";

    @Test
    void basicAuthenticationAndABearerTokenAtOnceAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegistryAccess.fromProperties(
                Map.of(RegistryAccess.BASIC_USER_INFO, "ifl:" + SECRET, RegistryAccess.BEARER_TOKEN, SECRET),
                "client.properties"));
        assertTrue(e.getMessage().startsWith("client.properties: "), e.getMessage());
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void userInfoWithoutAUserAndAPasswordIsRefusedWithoutShowingIt() {
        for (String userInfo : new String[] {SECRET, ":" + SECRET}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RegistryAccess.fromProperties(Map.of(RegistryAccess.BASIC_USER_INFO, userInfo), "f"));
            assertTrue(e.getMessage().contains("basic.auth.user.info must be USER:PASSWORD"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
    }

    @Test
    void anUnsupportedCredentialsSourceIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegistryAccess.fromProperties(
                Map.of(RegistryAccess.BASIC_SOURCE, "SASL_INHERIT", RegistryAccess.BASIC_USER_INFO, "ifl:x"), "f"));
        assertTrue(e.getMessage().contains("basic.auth.credentials.source=SASL_INHERIT is not supported"),
                e.getMessage());
    }

    @Test
    void theAuthorizationHeaderCarriesTheCredentials() {
        assertEquals(Optional.of("Basic " + Base64.getEncoder().encodeToString(("ifl:" + SECRET)
                .getBytes(StandardCharsets.UTF_8))), RegistryAccess.basic("ifl", SECRET).authorization());
        assertEquals(Optional.of("Bearer " + SECRET), RegistryAccess.bearer(SECRET).authorization());
        assertEquals(Optional.empty(), RegistryAccess.NONE.authorization());
        RegistryAccess read = RegistryAccess.fromProperties(Map.of(RegistryAccess.BEARER_SOURCE, "STATIC_TOKEN",
                RegistryAccess.BEARER_TOKEN, SECRET), "f");
        assertEquals(Optional.of("Bearer " + SECRET), read.authorization());
        assertEquals(read, RegistryAccess.fromProperties(read.toProperties(), "f"), "toProperties reads back");
    }

    @Test
    void toStringNamesTheKindOfCredentialsButNoSecret(@TempDir Path dir) throws Exception {
        Path store = Files.writeString(dir.resolve("trust.p12"), "x");
        String basic = RegistryAccess.basic("ifl", SECRET).trusting(store, "trust-" + SECRET, null).toString();
        assertTrue(basic.contains("basic user ifl") && basic.contains(store.toString()), basic);
        assertFalse(basic.contains(SECRET), basic);
        String bearer = RegistryAccess.bearer(SECRET).toString();
        assertTrue(bearer.contains("bearer token"), bearer);
        assertFalse(bearer.contains(SECRET), bearer);
    }

    @Test
    void aTrustStoreThatCannotBeReadIsNamed(@TempDir Path dir) throws Exception {
        Path absent = dir.resolve("absent.p12");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> RegistryAccess.fromProperties(Map.of(RegistryAccess.TRUSTSTORE_LOCATION, absent.toString()),
                        "client.properties"));
        assertTrue(missing.getMessage().contains("client.properties: schema.registry.ssl.truststore.location "
                + absent + " is not a readable file"), missing.getMessage());

        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        RegistryAccess access = RegistryAccess.NONE.trusting(garbage, SECRET, "PKCS12");
        IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, access::sslContext);
        assertTrue(unreadable.getMessage().contains("cannot read the schema registry trust store " + garbage),
                unreadable.getMessage());
        assertFalse(unreadable.getMessage().contains(SECRET), unreadable.getMessage());
    }
}
