package org.ifl.statsstream.cell;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.statsstream.stats.Moments;
import org.ifl.statsstream.stats.PairedProportions;

/**
 * Compact binary forms of the stats stage's state ({@link ItemPair}, {@link FidelityCell}) for its stores,
 * changelogs and internal topic. State is private to the stage, read and written on every record, so it is a
 * fixed layout of numbers (big-endian) and length-prefixed UTF-8 strings rather than Avro through the
 * registry; the leading format byte lets a later layout read an older one. Format 2 differs from format 1
 * (written through {@code DataOutputStream}) only in its strings, standard rather than modified UTF-8.
 */
public final class StateCodec {
    private static final byte FORMAT = 2;

    private StateCodec() {
    }

    public static Serde<ItemPair> itemPairSerde() {
        return Serdes.serdeFrom(serializer(StateCodec::writePair), deserializer(StateCodec::readPair));
    }

    public static Serde<FidelityCell> fidelityCellSerde() {
        return Serdes.serdeFrom(serializer(StateCodec::writeCell), deserializer(StateCodec::readCell));
    }

    public interface Writer<T> {
        void write(Output out, T value);
    }

    public interface Reader<T> {
        T read(Input in);
    }

    /** Bytes being written: grows as needed. */
    public static final class Output {
        private ByteBuffer buffer = ByteBuffer.allocate(512);

        private ByteBuffer room(int bytes) {
            if (buffer.remaining() < bytes) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
                buffer.flip();
                larger.put(buffer);
                buffer = larger;
            }
            return buffer;
        }

        public void writeByte(int value) {
            room(1).put((byte) value);
        }

        public void writeBoolean(boolean value) {
            writeByte(value ? 1 : 0);
        }

        public void writeLong(long value) {
            room(Long.BYTES).putLong(value);
        }

        public void writeDouble(double value) {
            room(Double.BYTES).putDouble(value);
        }

        /** A string as its UTF-8 length (two bytes, unsigned) and bytes. */
        public void writeString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xFFFF) {
                throw new IllegalArgumentException("a string in stats state is at most 65,535 UTF-8 bytes, not "
                        + utf8.length + ": '" + value.substring(0, 40) + "...'");
            }
            room(2 + utf8.length).putShort((short) utf8.length).put(utf8);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Bytes being read; reading past the end is a {@link BufferUnderflowException}. */
    public static final class Input {
        private final ByteBuffer buffer;

        Input(byte[] bytes) {
            this.buffer = ByteBuffer.wrap(bytes);
        }

        public byte readByte() {
            return buffer.get();
        }

        public boolean readBoolean() {
            return buffer.get() != 0;
        }

        public long readLong() {
            return buffer.getLong();
        }

        public double readDouble() {
            return buffer.getDouble();
        }

        public String readString() {
            int length = Short.toUnsignedInt(buffer.getShort());
            if (length > buffer.remaining()) {
                throw new BufferUnderflowException();
            }
            String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }

        int available() {
            return buffer.remaining();
        }
    }

    public static <T> Serializer<T> serializer(Writer<T> writer) {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            Output out = new Output();
            out.writeByte(FORMAT);
            writer.write(out, value);
            return out.toByteArray();
        };
    }

    public static <T> Deserializer<T> deserializer(Reader<T> reader) {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            Input in = new Input(data);
            try {
                byte format = in.readByte();
                if (format != FORMAT) {
                    throw new SerializationException("stats state of format " + format + " in " + topic
                            + "; this version reads format " + FORMAT + " (state of an older version is rebuilt by"
                            + " resetting the application: kafka-streams-application-reset, then a wiped state dir)");
                }
                T value = reader.read(in);
                if (in.available() > 0) {
                    throw new SerializationException(in.available() + " trailing bytes in stats state in " + topic);
                }
                return value;
            } catch (BufferUnderflowException e) {
                throw new SerializationException("truncated stats state in " + topic, e);
            }
        };
    }

    public static void writePair(Output out, ItemPair pair) {
        out.writeLong(pair.openedAt());
        out.writeLong(pair.duplicates());
        for (ArmAnswer a : pair.answers()) {
            out.writeBoolean(a != null);
            if (a != null) {
                out.writeString(a.completionId());
                out.writeByte(a.status().ordinal());
                out.writeByte(a.fidelity());
                out.writeByte(a.lineFidelity());
                out.writeString(a.expectedLanguage());
            }
        }
        for (ExpertLabel l : pair.labels()) {
            out.writeBoolean(l != null);
            if (l != null) {
                out.writeString(l.completionId());
                out.writeString(l.trueLanguage());
                out.writeDouble(l.samplingProbability());
            }
        }
    }

    public static ItemPair readPair(Input in) {
        long openedAt = in.readLong();
        long duplicates = in.readLong();
        ArmAnswer[] answers = new ArmAnswer[ItemPair.EMPTY.answers().length];
        for (int i = 0; i < answers.length; i++) {
            if (in.readBoolean()) {
                answers[i] = new ArmAnswer(in.readString(), LabelStatus.values()[in.readByte()], in.readByte(),
                        in.readByte(), in.readString());
            }
        }
        ExpertLabel[] labels = new ExpertLabel[answers.length];
        for (int i = 0; i < labels.length; i++) {
            if (in.readBoolean()) {
                labels[i] = new ExpertLabel(in.readString(), in.readString(), in.readDouble());
            }
        }
        return new ItemPair(openedAt, answers, labels, duplicates);
    }

    public static void writeCell(Output out, FidelityCell c) {
        writeArm(out, c.text());
        writeArm(out, c.image());
        writeArm(out, c.imageRemedy());
        writePaired(out, c.ifl());
        writePaired(out, c.lineIfl());
        writePaired(out, c.iflRemedy());
        writePaired(out, c.remedyVsImage());
        writeMoments(out, c.dslIfl());
        writeMoments(out, c.dslIflRemedy());
        out.writeLong(c.unpairedText());
        out.writeLong(c.unpairedImage());
        out.writeLong(c.unpairedImageRemedy());
        out.writeLong(c.duplicates());
    }

    public static FidelityCell readCell(Input in) {
        return new FidelityCell(readArm(in), readArm(in), readArm(in), readPaired(in), readPaired(in),
                readPaired(in), readPaired(in), readMoments(in), readMoments(in), in.readLong(), in.readLong(),
                in.readLong(), in.readLong());
    }

    private static void writeArm(Output out, ArmTally a) {
        out.writeLong(a.completions());
        out.writeLong(a.faithful());
        out.writeLong(a.lineFaithful());
        out.writeLong(a.errors());
        out.writeLong(a.undetected());
        out.writeLong(a.labels());
        writeMoments(out, a.pseudoOutcomes());
    }

    private static ArmTally readArm(Input in) {
        return new ArmTally(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                readMoments(in));
    }

    private static void writePaired(Output out, PairedProportions p) {
        out.writeLong(p.both());
        out.writeLong(p.firstOnly());
        out.writeLong(p.secondOnly());
        out.writeLong(p.neither());
    }

    private static PairedProportions readPaired(Input in) {
        return new PairedProportions(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeMoments(Output out, Moments m) {
        out.writeLong(m.n());
        out.writeDouble(m.sum());
        out.writeDouble(m.sumOfSquares());
    }

    private static Moments readMoments(Input in) {
        return new Moments(in.readLong(), in.readDouble(), in.readDouble());
    }
}
