package org.ifl.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The state of a schema registry: subjects, their versions, global ids and compatibility levels, with the
 * registry's rules (one id per distinct schema across subjects, versions numbered from 1, a new version only
 * when compatible). Every change goes through a {@link Journal} before it is applied, so a store rebuilt by
 * {@link #apply replaying} the journal has the same ids. Thread-safe.
 */
public final class SchemaStore {

    /** A change of the store, as written to and replayed from a journal. */
    public sealed interface Event permits SchemaRegistered, CompatibilitySet {
    }

    public record SchemaRegistered(String subject, int version, int id, String schema) implements Event {
    }

    /** {@code subject} is null for the global level. */
    public record CompatibilitySet(String subject, CompatibilityLevel level) implements Event {
    }

    /** Where changes are made durable before they take effect; it throws if they could not be. */
    @FunctionalInterface
    public interface Journal {
        Journal NONE = event -> { };

        void append(Event event);
    }

    private final Journal journal;
    private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, String> schemaById = new HashMap<>();
    private final Map<String, Integer> idBySchema = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelBySubject = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    public SchemaStore(CompatibilityLevel defaultLevel, Journal journal) {
        this.globalLevel = defaultLevel;
        this.journal = journal;
    }

    public static SchemaStore inMemory() {
        return new SchemaStore(CompatibilityLevel.BACKWARD, Journal.NONE);
    }

    /** Registers {@code schemaText} under {@code subject}, or returns the version it already is. */
    public synchronized RegisteredSchema register(String subject, String schemaText) {
        String canonical = canonical(schemaText);
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        for (RegisteredSchema existing : versions) {
            if (existing.schema().equals(canonical)) {
                return existing;
            }
        }
        List<String> violations = compatibilityLevel(subject).violations(parse(canonical), parsed(versions));
        if (!violations.isEmpty()) {
            throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA,
                    "schema being registered is incompatible with an earlier schema for subject '" + subject
                            + "' at level " + compatibilityLevel(subject) + ": " + String.join("; ", violations));
        }
        Integer knownId = idBySchema.get(canonical);
        int id = knownId != null ? knownId : maxId + 1;
        SchemaRegistered event = new SchemaRegistered(subject, versions.size() + 1, id, canonical);
        journal.append(event);
        apply(event);
        return new RegisteredSchema(subject, event.version(), id, canonical);
    }

    /** The version of {@code subject} that is {@code schemaText}. */
    public synchronized RegisteredSchema lookup(String subject, String schemaText) {
        String canonical = canonical(schemaText);
        for (RegisteredSchema existing : versionsOf(subject)) {
            if (existing.schema().equals(canonical)) {
                return existing;
            }
        }
        throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND,
                "schema not found under subject '" + subject + "'");
    }

    public synchronized String schemaById(int id) {
        String schema = schemaById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND,
                    "schema " + id + " not found");
        }
        return schema;
    }

    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    public synchronized List<Integer> versions(String subject) {
        return versionsOf(subject).stream().map(RegisteredSchema::version).toList();
    }

    /** Version {@code version} of {@code subject}: a number or {@code latest}. */
    public synchronized RegisteredSchema version(String subject, String version) {
        List<RegisteredSchema> versions = versionsOf(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_VERSION,
                    "invalid version '" + version + "': a positive number or 'latest'");
        }
        if (number < 1) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_VERSION,
                    "invalid version " + number + ": versions start at 1");
        }
        if (number > versions.size()) {
            throw new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND,
                    "version " + number + " of subject '" + subject + "' not found");
        }
        return versions.get(number - 1);
    }

    /** Whether {@code schemaText} could be registered under {@code subject} now. */
    public synchronized List<String> compatibilityViolations(String subject, String schemaText) {
        List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
        return compatibilityLevel(subject).violations(parse(canonical(schemaText)), parsed(versions));
    }

    public synchronized CompatibilityLevel compatibilityLevel(String subject) {
        if (subject == null) {
            return globalLevel;
        }
        return levelBySubject.getOrDefault(subject, globalLevel);
    }

    public synchronized void setCompatibilityLevel(String subject, CompatibilityLevel level) {
        CompatibilitySet event = new CompatibilitySet(subject, level);
        journal.append(event);
        apply(event);
    }

    /** Applies a journaled change without journaling it again: how a store is rebuilt at start. */
    public synchronized void apply(Event event) {
        if (event instanceof SchemaRegistered registered) {
            List<RegisteredSchema> versions =
                    versionsBySubject.computeIfAbsent(registered.subject(), s -> new ArrayList<>());
            if (registered.version() != versions.size() + 1) {
                return; // already applied: a journal replays what this store wrote itself
            }
            versions.add(new RegisteredSchema(registered.subject(), registered.version(), registered.id(),
                    registered.schema()));
            schemaById.putIfAbsent(registered.id(), registered.schema());
            idBySchema.putIfAbsent(registered.schema(), registered.id());
            maxId = Math.max(maxId, registered.id());
        } else if (event instanceof CompatibilitySet set) {
            if (set.subject() == null) {
                globalLevel = set.level();
            } else {
                levelBySubject.put(set.subject(), set.level());
            }
        }
    }

    private List<RegisteredSchema> versionsOf(String subject) {
        List<RegisteredSchema> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND,
                    "subject '" + subject + "' not found");
        }
        return versions;
    }

    private static List<Schema> parsed(List<RegisteredSchema> versions) {
        return versions.stream().map(v -> parse(v.schema())).toList();
    }

    /** The form schemas are compared and stored in: Avro's own JSON rendering of the parsed schema. */
    public static String canonical(String schemaText) {
        return parse(schemaText).toString();
    }

    private static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, "invalid schema: empty");
        }
        try {
            return new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA,
                    "invalid Avro schema: " + e.getMessage(), e);
        }
    }
}
