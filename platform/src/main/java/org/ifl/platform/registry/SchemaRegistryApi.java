package org.ifl.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ifl.schemas.registry.CompatibilityLevel;
import org.ifl.schemas.registry.RegisteredSchema;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.registry.SchemaStore;

/**
 * The Confluent schema-registry REST API over a {@link SchemaStore}, as a function from request to response,
 * so the HTTP server around it stays plumbing. Avro only: another {@code schemaType} is refused with 42201.
 */
final class SchemaRegistryApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Confluent's error code for an operation the sender may not do. */
    static final int FORBIDDEN = 40301;

    record Response(int status, String body) {
    }

    private final SchemaStore store;

    SchemaRegistryApi(SchemaStore store) {
        this.store = store;
    }

    /** Answers a request of a sender who may write. */
    Response handle(String method, String rawPath, String body) {
        return handle(method, rawPath, body, true);
    }

    /**
     * @param mayWrite whether the sender may change the registry; if not, registering a schema is answered only
     *                 when that schema is already registered under the subject, and nothing else that writes is
     */
    Response handle(String method, String rawPath, String body, boolean mayWrite) {
        try {
            return route(method, segments(rawPath), body, mayWrite);
        } catch (SchemaRegistryException e) {
            return error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return error(422, 42201, "unreadable request body: " + e.getMessage());
        }
    }

    private Response route(String method, List<String> path, String body, boolean mayWrite) throws IOException {
        int n = path.size();
        if (n == 0) {
            return ok(JSON.createObjectNode());
        }
        String head = path.get(0);
        if (head.equals("subjects")) {
            if (n == 1 && method.equals("GET")) {
                return ok(array(store.subjects()));
            }
            String subject = path.get(1);
            if (n == 2 && method.equals("POST")) {
                return ok(describe(store.lookup(subject, schemaOf(body))));
            }
            if (n == 3 && path.get(2).equals("versions")) {
                if (method.equals("GET")) {
                    return ok(array(store.versions(subject)));
                }
                if (method.equals("POST")) {
                    String schema = schemaOf(body);
                    RegisteredSchema registered = mayWrite ? store.register(subject, schema)
                            : alreadyRegistered(subject, schema);
                    return ok(JSON.createObjectNode().put("id", registered.id()));
                }
            }
            if (n == 4 && path.get(2).equals("versions") && method.equals("GET")) {
                return ok(describe(store.version(subject, path.get(3))));
            }
            if (n == 5 && path.get(2).equals("versions") && path.get(4).equals("schema") && method.equals("GET")) {
                return new Response(200, store.version(subject, path.get(3)).schema());
            }
        } else if (head.equals("schemas") && n == 3 && path.get(1).equals("ids") && method.equals("GET")) {
            return ok(JSON.createObjectNode().put("schema", store.schemaById(parseId(path.get(2)))));
        } else if (head.equals("config") && n <= 2) {
            String subject = n == 2 ? path.get(1) : null;
            if (method.equals("GET")) {
                return ok(JSON.createObjectNode().put("compatibilityLevel", store.compatibilityLevel(subject).name()));
            }
            if (method.equals("PUT")) {
                if (!mayWrite) {
                    return forbidden("changing the compatibility level");
                }
                CompatibilityLevel level = CompatibilityLevel.parse(JSON.readTree(body).path("compatibility").asText());
                store.setCompatibilityLevel(subject, level);
                return ok(JSON.createObjectNode().put("compatibility", level.name()));
            }
        } else if (head.equals("compatibility") && n == 5 && path.get(1).equals("subjects")
                && path.get(3).equals("versions") && method.equals("POST")) {
            List<String> violations = store.compatibilityViolations(path.get(2), schemaOf(body));
            ObjectNode answer = JSON.createObjectNode().put("is_compatible", violations.isEmpty());
            if (!violations.isEmpty()) {
                answer.set("messages", array(violations));
            }
            return ok(answer);
        }
        return error(404, 404, "no such endpoint: " + method + " /" + String.join("/", path));
    }

    private RegisteredSchema alreadyRegistered(String subject, String schema) {
        try {
            return store.lookup(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SchemaRegistryException(FORBIDDEN, "registering a new schema under " + subject
                        + " needs the platform's credentials; this registry takes new schemas from the platform's own"
                        + " clients only");
            }
            throw e;
        }
    }

    /** 401 for a request whose credentials are missing or wrong. */
    static Response unauthorized(String why) {
        return error(401, 40101, why);
    }

    private static Response forbidden(String what) {
        return error(403, FORBIDDEN, what + " needs the platform's credentials");
    }

    private static String schemaOf(String body) throws IOException {
        JsonNode request = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        String type = request.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "schemaType " + type + " is not supported by this registry: AVRO only");
        }
        if (!request.path("schema").isTextual()) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "request body has no \"schema\" string");
        }
        return request.path("schema").asText();
    }

    private static int parseId(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, "schema " + text + " not found");
        }
    }

    private static ObjectNode describe(RegisteredSchema schema) {
        return JSON.createObjectNode().put("subject", schema.subject()).put("version", schema.version())
                .put("id", schema.id()).put("schema", schema.schema());
    }

    private static ArrayNode array(List<?> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(v -> array.addPOJO(v));
        return array;
    }

    private static Response ok(JsonNode json) {
        return new Response(200, json.toString());
    }

    private static Response error(int status, int code, String message) {
        return new Response(status, JSON.createObjectNode().put("error_code", code).put("message", message).toString());
    }

    private static List<String> segments(String rawPath) {
        return java.util.Arrays.stream(rawPath.split("/"))
                .filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                .toList();
    }
}
