package org.ifl.platform.service.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAccessTest {
    private static final String TOKEN = "0123456789abcdef-token";

    @TempDir
    Path dir;

    @Test
    void onlyTheBearerOfTheConfiguredTokenIsAccepted() {
        AdminAccess access = new AdminAccess(TOKEN, "");
        assertTrue(access.configured());
        assertTrue(access.accepts("Bearer " + TOKEN));
        assertTrue(access.accepts("bearer " + TOKEN), "the scheme is case-insensitive");
        assertFalse(access.accepts("Bearer " + TOKEN + "x"));
        assertFalse(access.accepts("Bearer " + TOKEN.substring(1)));
        assertFalse(access.accepts("Basic " + TOKEN));
        assertFalse(access.accepts(TOKEN));
        assertFalse(access.accepts("Bearer "));
        assertFalse(access.accepts(null));
        assertFalse(access.toString().contains(TOKEN), access.toString());
    }

    @Test
    void withoutATokenNobodyIsAccepted() {
        AdminAccess access = new AdminAccess("", "");
        assertFalse(access.configured());
        assertFalse(access.accepts("Bearer "));
        assertFalse(access.accepts("Bearer null"));
        assertFalse(access.accepts("Bearer " + TOKEN));
    }

    @Test
    void theTokenFilesFirstLineIsTheToken() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\r\nsecond line\n");
        AdminAccess access = new AdminAccess("", file.toString());
        assertTrue(access.accepts("Bearer " + TOKEN));
        assertFalse(access.accepts("Bearer second line"));
    }

    @Test
    void aBadTokenSettingStopsTheStartNamingIt() {
        assertEquals("ifl.http.admin-token and ifl.http.admin-token-file are both set: set one of them",
                assertThrows(IllegalArgumentException.class, () -> new AdminAccess(TOKEN, "/x")).getMessage());
        String shortToken = assertThrows(IllegalArgumentException.class, () -> new AdminAccess("secret", ""))
                .getMessage();
        assertTrue(shortToken.startsWith("ifl.http.admin-token: the admin token has 6 characters, fewer than 16"),
                shortToken);
        assertFalse(shortToken.contains("secret"), "the message does not repeat the token: " + shortToken);
        String spaced = assertThrows(IllegalArgumentException.class,
                () -> new AdminAccess("0123456789 abcdef", "")).getMessage();
        assertTrue(spaced.contains("white space"), spaced);
        Path missing = dir.resolve("missing");
        String unreadable = assertThrows(IllegalArgumentException.class,
                () -> new AdminAccess("", missing.toString())).getMessage();
        assertEquals("ifl.http.admin-token-file: cannot read " + missing + " (NoSuchFileException)", unreadable);
    }
}
