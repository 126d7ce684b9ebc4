package org.ifl.schemas.registry;

/**
 * An error answered by a schema registry, carrying the Confluent REST API's HTTP status and error code
 * (40401 subject not found, 40402 version not found, 40403 schema not found, 409 incompatible schema,
 * 42201 invalid schema, 42203 invalid compatibility level, 50001 store error).
 */
public class SchemaRegistryException extends RuntimeException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int STORE_ERROR = 50001;

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The HTTP status the REST API answers this error with. */
    public int httpStatus() {
        return errorCode < 1000 ? errorCode : errorCode / 100;
    }

    public boolean isNotFound() {
        return httpStatus() == 404;
    }

    /**
     * Whether the registry could not answer rather than refused what was asked: not reachable, timed out,
     * overloaded (408, 429), failing on its side (5xx), or refusing this client (401, 403: its credentials, which
     * an operator fixes). Asking again later may succeed; nothing is wrong with what was asked.
     */
    public boolean isUnavailable() {
        int status = httpStatus();
        return status >= 500 || status == 408 || status == 429 || status == 401 || status == 403;
    }
}
