package org.ifl.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.ifl.schemas.registry.SchemaRegistryException;

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
        /** The registry refused the schema (incompatible, invalid, not registered where lookup-only). */
        REGISTRY_FAILURE,
        /**
         * The registry could not answer (unreachable, timed out, failing on its side): nothing is wrong with the
         * record, and reading or writing it again later may succeed.
         */
        REGISTRY_UNAVAILABLE
    }

    private final Problem problem;

    public WireFormatException(Problem problem, String message, Throwable cause) {
        super(problem + ": " + message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** Whether the failure is the registry's for the moment, not the record's: see {@link Problem#REGISTRY_UNAVAILABLE}. */
    public boolean isTransient() {
        return problem == Problem.REGISTRY_UNAVAILABLE;
    }

    /** The problem for a registry error: unavailable when asking again may succeed, a failure otherwise. */
    static Problem registryProblem(SchemaRegistryException e) {
        return e.isUnavailable() ? Problem.REGISTRY_UNAVAILABLE : Problem.REGISTRY_FAILURE;
    }
}
