package org.ifl.schemas.serde;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.ifl.schemas.registry.SchemaRegistryClient;
import org.ifl.schemas.registry.SchemaRegistryException;
import org.ifl.schemas.serde.WireFormatException.Problem;

/**
 * Reads Confluent wire-format bytes into a specific record, resolving the writer's schema (from the registry,
 * by the id in the header) against this reader's generated class, so records written with an older compatible
 * schema read fine.
 */
public final class WireFormatDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final SchemaRegistryClient registry;
    private final SpecificData data;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readerByWriterId = new ConcurrentHashMap<>();

    public WireFormatDeserializer(SchemaRegistryClient registry, Class<T> type) {
        this.registry = registry;
        this.data = SpecificData.getForClass(type);
        this.readerSchema = data.getSchema(type);
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < WireFormat.HEADER_LENGTH) {
            throw new WireFormatException(Problem.TRUNCATED, "record on topic " + topic + " has " + bytes.length
                    + " bytes, fewer than the 5-byte header (magic byte + schema id)", null);
        }
        if (bytes[0] != WireFormat.MAGIC_BYTE) {
            throw new WireFormatException(Problem.WRONG_MAGIC_BYTE, String.format(
                    "record on topic %s starts with byte 0x%02x, not the magic byte 0x00 of the Confluent wire format",
                    topic, bytes[0]), null);
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SpecificDatumReader<T> reader = readerByWriterId.computeIfAbsent(id, writerId -> readerFor(topic, writerId));
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(bytes, WireFormat.HEADER_LENGTH, bytes.length - WireFormat.HEADER_LENGTH, null);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new WireFormatException(Problem.TRUNCATED, "Avro body of the record on topic " + topic
                    + " (schema id " + id + ") ends early: " + (bytes.length - WireFormat.HEADER_LENGTH)
                    + " bytes are not a whole " + readerSchema.getFullName(), e);
        } catch (Exception e) {
            throw new WireFormatException(Problem.CORRUPT_BODY, "Avro body of the record on topic " + topic
                    + " (schema id " + id + ") does not decode as " + readerSchema.getFullName() + ": " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new WireFormatException(Problem.CORRUPT_BODY, "record on topic " + topic + " (schema id " + id
                        + ") has bytes left over after a whole " + readerSchema.getFullName(), null);
            }
        } catch (java.io.IOException e) {
            throw new WireFormatException(Problem.CORRUPT_BODY, "cannot read the record on topic " + topic, e);
        }
        return record;
    }

    private SpecificDatumReader<T> readerFor(String topic, int writerId) {
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(writerId);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
                throw new WireFormatException(Problem.UNKNOWN_SCHEMA_ID, "record on topic " + topic
                        + " names schema id " + writerId + ", which the registry at " + registry.endpoint()
                        + " does not know", e);
            }
            throw new WireFormatException(WireFormatException.registryProblem(e), "cannot fetch schema id " + writerId
                    + " for a record on topic " + topic + ": " + e.getMessage(), e);
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema, data);
    }
}
