package org.ifl.platform.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ifl.platform.service.http.AdminAccess;

/**
 * What every service's HTTP server must and must not answer, checked against a running service: the management
 * endpoints other than health, metrics and prometheus are not there or refused without the operator's token,
 * health shows its status only, metrics and the data API answer anyone, and the operator's token shows health's
 * details and changes a log level. Services under test get {@link #ADMIN_TOKEN} through {@link #withAdminToken}.
 */
public final class HttpAccessChecks {
    /** The operator's token the services under test are given. */
    public static final String ADMIN_TOKEN = "test-admin-token-4f1c9a7e2b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The requests for what only the operator may see or do, or what is off: method, path, body. */
    private static final List<List<String>> OPERATOR_ONLY = List.of(
            List.of("GET", "/beans", ""), List.of("GET", "/routes", ""), List.of("GET", "/threaddump", ""),
            List.of("GET", "/env", ""), List.of("GET", "/env/ifl.kafka", ""), List.of("GET", "/loggers", ""),
            List.of("GET", "/loggers/org.apache.kafka", ""), List.of("GET", "/info", ""),
            List.of("GET", "/refresh", ""), List.of("GET", "/caches", ""), List.of("GET", "/stop", ""),
            List.of("POST", "/refresh", "{}"), List.of("POST", "/loggers/org.apache.kafka",
                    "{\"configuredLevel\":\"TRACE\"}"), List.of("POST", "/stop", ""), List.of("DELETE", "/caches", ""));
    /** What a refused or unknown request's answer must not contain: the text of what those endpoints show. */
    private static final List<String> REVEALING = List.of("org.ifl", "io.micronaut", "java.", "threadName",
            "propertySources", "activeEnvironments", "bootstrap", "ROOT", "levels", "details", "configuredLevel",
            "9092");

    private HttpAccessChecks() {
    }

    /** {@code settings} with the operator's token set, as a service is given it. */
    public static Map<String, Object> withAdminToken(Map<String, Object> settings) {
        Map<String, Object> copy = new HashMap<>(settings);
        copy.put(AdminAccess.TOKEN_CONFIG, ADMIN_TOKEN);
        return copy;
    }

    /**
     * Every management request other than health, metrics and prometheus, without a token and with a wrong one,
     * is answered 401, 403 or 404 with nothing of what the endpoint would show; {@code /health} shows its status
     * and no details, and refuses a wrong token.
     */
    public static void assertLockedDown(URI base) throws Exception {
        assertManagementRefused(base);
        assertHealthShowsStatusOnly(base);
        HttpResponse<String> wrong = send(base, "GET", "/health", "", "not-" + ADMIN_TOKEN);
        assertEquals(401, wrong.statusCode(), "/health with a wrong token: " + wrong.body());
        HttpResponse<String> write = send(base, "PUT", "/health", "{}", null);
        assertEquals(401, write.statusCode(), "a write without the token: " + write.body());
    }

    /**
     * Each request for a management endpoint other than health, metrics and prometheus, without a token and with
     * a wrong one, is answered 401, 403 or 404 with nothing of what the endpoint would show.
     */
    public static void assertManagementRefused(URI base) throws Exception {
        for (String token : new String[] {null, "not-" + ADMIN_TOKEN}) {
            for (List<String> request : OPERATOR_ONLY) {
                HttpResponse<String> answer = send(base, request.get(0), request.get(1), request.get(2), token);
                String what = request.get(0) + " " + request.get(1) + (token == null ? "" : " (wrong token)");
                assertTrue(Set.of(401, 403, 404).contains(answer.statusCode()),
                        what + ": " + answer.statusCode() + " " + answer.body());
                assertRevealsNothing(what, answer.body());
            }
        }
    }

    /** {@code /health}, without a token, says its status and shows no details. */
    public static void assertHealthShowsStatusOnly(URI base) throws Exception {
        HttpResponse<String> health = send(base, "GET", "/health", "", null);
        assertTrue(Set.of(200, 503).contains(health.statusCode()), health.statusCode() + " " + health.body());
        JsonNode status = JSON.readTree(health.body());
        assertTrue(Set.of("UP", "DOWN", "UNKNOWN").contains(status.path("status").asText()), health.body());
        assertFalse(status.has("details"), "/health without the token shows no details: " + health.body());
        assertRevealsNothing("GET /health", health.body());
    }

    /** Each path answers 200 to anyone, without a token. */
    public static void assertReadableByAnyone(URI base, String... paths) throws Exception {
        for (String path : paths) {
            HttpResponse<String> answer = send(base, "GET", path, "", null);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            assertFalse(answer.body().isEmpty(), path);
        }
    }

    /**
     * With the operator's token: {@code /health} shows its indicators' details, and a log level set with
     * {@code POST /loggers/NAME} is in force, then reset.
     */
    public static void assertOperatorSeesDetailsAndSetsLogLevels(URI base) throws Exception {
        JsonNode health = operatorHealth(base);
        assertTrue(health.path("details").isObject() && !health.path("details").isEmpty(), health.toString());

        String logger = "org.ifl.http.access.check";
        HttpResponse<String> set = send(base, "POST", "/loggers/" + logger, "{\"configuredLevel\":\"DEBUG\"}",
                ADMIN_TOKEN);
        assertEquals(200, set.statusCode(), set.body());
        assertEquals("DEBUG", loggerLevel(base, logger));
        assertEquals(200, send(base, "POST", "/loggers/" + logger, "{\"configuredLevel\":null}", ADMIN_TOKEN)
                .statusCode());
        assertEquals("NOT_SPECIFIED", loggerLevel(base, logger));
    }

    /** {@code /health} as the operator sees it, with its details. */
    public static JsonNode operatorHealth(URI base) throws Exception {
        HttpResponse<String> answer = send(base, "GET", "/health", "", ADMIN_TOKEN);
        assertTrue(Set.of(200, 503).contains(answer.statusCode()), answer.statusCode() + " " + answer.body());
        return JSON.readTree(answer.body());
    }

    /**
     * Nothing answers on {@code port} at this machine's addresses other than loopback (none: nothing to check;
     * the service's own address is checked by the caller).
     */
    public static void assertUnreachableBeyondLoopback(int port) throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 2000);
                        throw new AssertionError("port " + port + " answers on " + address + ", not loopback only");
                    } catch (IOException expected) {
                        // refused: bound to loopback only
                    }
                }
            }
        }
    }

    private static String loggerLevel(URI base, String logger) throws Exception {
        HttpResponse<String> answer = send(base, "GET", "/loggers/" + logger, "", ADMIN_TOKEN);
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).path("configuredLevel").asText();
    }

    private static void assertRevealsNothing(String what, String body) {
        for (String fragment : REVEALING) {
            assertFalse(body.contains(fragment), what + " reveals '" + fragment + "': " + body);
        }
    }

    /** @param token the bearer token to send; null sends no Authorization header */
    public static HttpResponse<String> send(URI base, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
