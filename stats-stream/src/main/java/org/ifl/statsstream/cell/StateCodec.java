package org.ifl.statsstream.cell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * fixed layout of numbers rather than Avro through the registry; the leading format byte lets a later layout
 * read an older one.
 */
public final class StateCodec {
    private static final byte FORMAT = 1;

    private StateCodec() {
    }

    public static Serde<ItemPair> itemPairSerde() {
        return Serdes.serdeFrom(serializer(StateCodec::writePair), deserializer(StateCodec::readPair));
    }

    public static Serde<FidelityCell> fidelityCellSerde() {
        return Serdes.serdeFrom(serializer(StateCodec::writeCell), deserializer(StateCodec::readCell));
    }

    public interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static <T> Serializer<T> serializer(Writer<T> writer) {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                writer.write(out, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    public static <T> Deserializer<T> deserializer(Reader<T> reader) {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte format = in.readByte();
                if (format != FORMAT) {
                    throw new SerializationException("stats state of format " + format + " in " + topic
                            + "; this version reads format " + FORMAT);
                }
                T value = reader.read(in);
                if (in.available() > 0) {
                    throw new SerializationException(in.available() + " trailing bytes in stats state in " + topic);
                }
                return value;
            } catch (IOException e) {
                throw new SerializationException("truncated stats state in " + topic, e);
            }
        };
    }

    public static void writePair(DataOutputStream out, ItemPair pair) throws IOException {
        out.writeLong(pair.openedAt());
        out.writeLong(pair.duplicates());
        for (ArmAnswer a : pair.answers()) {
            out.writeBoolean(a != null);
            if (a != null) {
                out.writeUTF(a.completionId());
                out.writeByte(a.status().ordinal());
                out.writeByte(a.fidelity());
                out.writeByte(a.lineFidelity());
                out.writeUTF(a.expectedLanguage());
            }
        }
        for (ExpertLabel l : pair.labels()) {
            out.writeBoolean(l != null);
            if (l != null) {
                out.writeUTF(l.completionId());
                out.writeUTF(l.trueLanguage());
                out.writeDouble(l.samplingProbability());
            }
        }
    }

    public static ItemPair readPair(DataInputStream in) throws IOException {
        long openedAt = in.readLong();
        long duplicates = in.readLong();
        ArmAnswer[] answers = new ArmAnswer[ItemPair.EMPTY.answers().length];
        for (int i = 0; i < answers.length; i++) {
            if (in.readBoolean()) {
                answers[i] = new ArmAnswer(in.readUTF(), LabelStatus.values()[in.readByte()], in.readByte(),
                        in.readByte(), in.readUTF());
            }
        }
        ExpertLabel[] labels = new ExpertLabel[answers.length];
        for (int i = 0; i < labels.length; i++) {
            if (in.readBoolean()) {
                labels[i] = new ExpertLabel(in.readUTF(), in.readUTF(), in.readDouble());
            }
        }
        return new ItemPair(openedAt, answers, labels, duplicates);
    }

    public static void writeCell(DataOutputStream out, FidelityCell c) throws IOException {
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

    public static FidelityCell readCell(DataInputStream in) throws IOException {
        return new FidelityCell(readArm(in), readArm(in), readArm(in), readPaired(in), readPaired(in),
                readPaired(in), readPaired(in), readMoments(in), readMoments(in), in.readLong(), in.readLong(),
                in.readLong(), in.readLong());
    }

    private static void writeArm(DataOutputStream out, ArmTally a) throws IOException {
        out.writeLong(a.completions());
        out.writeLong(a.faithful());
        out.writeLong(a.lineFaithful());
        out.writeLong(a.errors());
        out.writeLong(a.undetected());
        out.writeLong(a.labels());
        writeMoments(out, a.pseudoOutcomes());
    }

    private static ArmTally readArm(DataInputStream in) throws IOException {
        return new ArmTally(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                readMoments(in));
    }

    private static void writePaired(DataOutputStream out, PairedProportions p) throws IOException {
        out.writeLong(p.both());
        out.writeLong(p.firstOnly());
        out.writeLong(p.secondOnly());
        out.writeLong(p.neither());
    }

    private static PairedProportions readPaired(DataInputStream in) throws IOException {
        return new PairedProportions(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    private static void writeMoments(DataOutputStream out, Moments m) throws IOException {
        out.writeLong(m.n());
        out.writeDouble(m.sum());
        out.writeDouble(m.sumOfSquares());
    }

    private static Moments readMoments(DataInputStream in) throws IOException {
        return new Moments(in.readLong(), in.readDouble(), in.readDouble());
    }
}
