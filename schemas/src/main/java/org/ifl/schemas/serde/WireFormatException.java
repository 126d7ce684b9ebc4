package org.ifl.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** Bytes that are not a readable Confluent wire-format record, and which of the ways they are not. */
public final class WireFormatException extends SerializationException {

    public enum Problem {
        /** Fewer bytes than the 5-byte header, or an Avro body that ends early. */
        TRUNCATED,
        /** The first byte is not 0. */
        WRONG_MAGIC_BYTE,
        /** The registry has no schema with the id in the header. */
        UNKNOWN_SCHEMA_ID,
        /** The body does not decode with the writer schema, or has bytes left over. */
        CORRUPT_BODY,
        /** The registry could not be reached or refused the schema. */
        REGISTRY_FAILURE
    }

    private final Problem problem;

    public WireFormatException(Problem problem, String message, Throwable cause) {
        super(problem + ": " + message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
