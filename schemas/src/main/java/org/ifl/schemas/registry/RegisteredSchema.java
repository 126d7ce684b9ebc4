package org.ifl.schemas.registry;

/** One version of a subject: the registry's answer to "which schema is version N of S". */
public record RegisteredSchema(String subject, int version, int id, String schema) {
}
