package org.ifl.statsstream.internal.cell;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.WordLevelStatus;
import org.ifl.statsstream.internal.stats.Moments;
import org.ifl.statsstream.internal.stats.PairedProportions;

/**
 * Compact binary forms of the stats stage's state ({@link ItemPair}, {@link FidelityCell}) for its stores,
 * changelogs and internal topic. State is private to the stage, read and written on every record, so it is a
 * fixed layout of numbers (big-endian) and length-prefixed UTF-8 strings rather than Avro through the
 * registry; the leading format byte names the layout. Format 2 differed from format 1 (written through
 * {@code DataOutputStream}) only in its strings, standard rather than modified UTF-8; format 3 adds the entity
 * metrics of explanation answers and their sums, each behind a flag byte so that pairs and cells of other
 * tasks grow by one byte per answer and one per cell; format 4 adds each answer's word-level verdict (a byte after
 * its explanation part) and each arm's word-level counts (two numbers after its pseudo-outcomes). Format 3 is
 * still read, as answers labeled before word-level judging (NOT_SCORED) and arms with no answer judged on words,
 * so a new build takes over the stores and changelogs of the previous one. Format 5 adds each answer's reference
 * match (a byte after its word-level verdict) and writes each expert label's language and correctness behind a
 * flag byte, either of which may be absent; formats 3 and 4 are read as answers not matched against references
 * and labels of the language alone; it also adds each arm's accuracy sums (after its word-level counts) and the
 * cell's paired accuracy tables and differences (after its duplicates), read from older formats as none. Older
 * formats are refused by name: their state is rebuilt by an application reset.
 */
public final class StateCodec {
    private static final byte FORMAT = 5;
    /** The oldest format this version reads: the one before word-level verdicts. */
    private static final byte OLDEST_READ = 3;
    /** Flags of an answer's explanation part: entity metrics, ECooc among them, the alignment tag. */
    private static final int ENTITIES = 1;
    private static final int COOCCURRENCE = 2;
    private static final int ALIGNMENT = 4;
    /** Flags of an expert label (format 5): a language, a correctness judgement, and that it says correct. */
    private static final int LANGUAGE = 1;
    private static final int CORRECTNESS = 2;
    private static final int CORRECT = 4;
    /** An answer's reference match (format 5): not judged, no match, a match. */
    private static final int MATCH_ABSENT = 0;
    private static final int MATCH_FALSE = 1;
    private static final int MATCH_TRUE = 2;

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
        private byte format = FORMAT;

        Input(byte[] bytes) {
            this.buffer = ByteBuffer.wrap(bytes);
        }

        /** The format the bytes were written in, which says what parts they have. */
        public byte format() {
            return format;
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
                if (format < OLDEST_READ || format > FORMAT) {
                    throw new SerializationException("stats state of format " + format + " in " + topic
                            + writtenBy(format) + "; this version reads formats " + OLDEST_READ + " to " + FORMAT
                            + " (state of an older version is rebuilt by resetting the application:"
                            + " kafka-streams-application-reset, then a wiped state dir)");
                }
                in.format = format;
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

    /** What wrote a format this version refuses, so that the message says which build the state is from. */
    private static String writtenBy(byte format) {
        return switch (format) {
            case 1 -> " (written through DataOutputStream by the first builds)";
            case 2 -> " (written by builds before the entity sums of explanation cells)";
            default -> format > FORMAT ? " (written by a newer build)" : "";
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
                writeExplanation(out, a);
                out.writeByte(a.wordLevel().ordinal());
                out.writeByte(a.answerMatch() == null ? MATCH_ABSENT : a.answerMatch() ? MATCH_TRUE : MATCH_FALSE);
            }
        }
        for (ExpertLabel l : pair.labels()) {
            out.writeBoolean(l != null);
            if (l != null) {
                writeLabel(out, l);
            }
        }
    }

    private static void writeLabel(Output out, ExpertLabel l) {
        out.writeString(l.completionId());
        out.writeByte((l.judgesLanguage() ? LANGUAGE : 0) | (l.judgesCorrectness() ? CORRECTNESS : 0)
                | (Boolean.TRUE.equals(l.correct()) ? CORRECT : 0));
        if (l.judgesLanguage()) {
            out.writeString(l.trueLanguage());
        }
        out.writeDouble(l.samplingProbability());
    }

    private static ExpertLabel readLabel(Input in) {
        String completionId = in.readString();
        if (in.format() < 5) {
            return new ExpertLabel(completionId, in.readString(), in.readDouble());
        }
        int flags = in.readByte();
        String language = (flags & LANGUAGE) == 0 ? null : in.readString();
        Boolean correct = (flags & CORRECTNESS) == 0 ? null : (flags & CORRECT) != 0;
        return new ExpertLabel(completionId, language, correct, in.readDouble());
    }

    public static ItemPair readPair(Input in) {
        long openedAt = in.readLong();
        long duplicates = in.readLong();
        ArmAnswer[] answers = new ArmAnswer[ItemPair.EMPTY.answers().length];
        for (int i = 0; i < answers.length; i++) {
            if (in.readBoolean()) {
                answers[i] = readAnswer(in);
            }
        }
        ExpertLabel[] labels = new ExpertLabel[answers.length];
        for (int i = 0; i < labels.length; i++) {
            if (in.readBoolean()) {
                labels[i] = readLabel(in);
            }
        }
        return new ItemPair(openedAt, answers, labels, duplicates);
    }

    private static void writeExplanation(Output out, ArmAnswer a) {
        EntityMeasures e = a.entities();
        int flags = (e == null ? 0 : ENTITIES) | (e == null || e.cooccurrence() == null ? 0 : COOCCURRENCE)
                | (a.alignment() == null ? 0 : ALIGNMENT);
        out.writeByte(flags);
        if (e != null) {
            out.writeDouble(e.coverageExact());
            out.writeDouble(e.coveragePartial());
            out.writeDouble(e.f1());
            if (e.cooccurrence() != null) {
                out.writeDouble(e.cooccurrence());
            }
        }
        if (a.alignment() != null) {
            out.writeByte(a.alignment().ordinal());
        }
    }

    private static ArmAnswer readAnswer(Input in) {
        String completionId = in.readString();
        LabelStatus status = LabelStatus.values()[in.readByte()];
        int fidelity = in.readByte();
        int lineFidelity = in.readByte();
        String expectedLanguage = in.readString();
        int flags = in.readByte();
        EntityMeasures entities = (flags & ENTITIES) == 0 ? null : new EntityMeasures(in.readDouble(),
                in.readDouble(), in.readDouble(), (flags & COOCCURRENCE) == 0 ? null : in.readDouble());
        AlignmentSetting alignment = (flags & ALIGNMENT) == 0 ? null : AlignmentSetting.values()[in.readByte()];
        WordLevelStatus wordLevel = in.format() < 4 ? WordLevelStatus.NOT_SCORED
                : WordLevelStatus.values()[in.readByte()];
        Boolean answerMatch = in.format() < 5 ? null : switch (in.readByte()) {
            case MATCH_ABSENT -> null;
            case MATCH_FALSE -> false;
            case MATCH_TRUE -> true;
            default -> throw new SerializationException("an answer's reference match is 0, 1 or 2");
        };
        return new ArmAnswer(completionId, status, fidelity, lineFidelity, expectedLanguage, entities, alignment,
                wordLevel, answerMatch);
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
        writePaired(out, c.accuracy().imageVsText());
        writePaired(out, c.accuracy().remedyVsText());
        writeMoments(out, c.accuracy().dslImageVsText());
        writeMoments(out, c.accuracy().dslRemedyVsText());
        // The entity sums last, only for the arms that have them: one flag bit per arm.
        ArmTally[] arms = {c.text(), c.image(), c.imageRemedy()};
        int flags = 0;
        for (int i = 0; i < arms.length; i++) {
            flags |= arms[i].explanation().isEmpty() ? 0 : 1 << i;
        }
        out.writeByte(flags);
        for (ArmTally arm : arms) {
            if (!arm.explanation().isEmpty()) {
                for (AlignmentSetting setting : AlignmentSetting.values()) {
                    EntityMoments m = arm.explanation().in(setting);
                    writeMoments(out, m.coverageExact());
                    writeMoments(out, m.coveragePartial());
                    writeMoments(out, m.f1());
                    writeMoments(out, m.cooccurrence());
                }
            }
        }
    }

    public static FidelityCell readCell(Input in) {
        ArmTally[] arms = {readArm(in), readArm(in), readArm(in)};
        PairedProportions ifl = readPaired(in);
        PairedProportions lineIfl = readPaired(in);
        PairedProportions iflRemedy = readPaired(in);
        PairedProportions remedyVsImage = readPaired(in);
        Moments dslIfl = readMoments(in);
        Moments dslIflRemedy = readMoments(in);
        long unpairedText = in.readLong();
        long unpairedImage = in.readLong();
        long unpairedImageRemedy = in.readLong();
        long duplicates = in.readLong();
        // before format 5, as in the arms: every paired accuracy difference was 0 - 0
        AccuracyPairs accuracy = in.format() < 5 ? new AccuracyPairs(PairedProportions.EMPTY,
                PairedProportions.EMPTY, new Moments(ifl.n(), 0, 0), new Moments(iflRemedy.n(), 0, 0))
                : new AccuracyPairs(readPaired(in), readPaired(in), readMoments(in), readMoments(in));
        int flags = in.readByte();
        for (int i = 0; i < arms.length; i++) {
            if ((flags & 1 << i) != 0) {
                Map<AlignmentSetting, EntityMoments> sums = new EnumMap<>(AlignmentSetting.class);
                for (AlignmentSetting setting : AlignmentSetting.values()) {
                    sums.put(setting, new EntityMoments(readMoments(in), readMoments(in), readMoments(in),
                            readMoments(in)));
                }
                arms[i] = arms[i].withExplanation(new ExplanationTally(sums.get(AlignmentSetting.ALIGNMENT_10),
                        sums.get(AlignmentSetting.ALIGNMENT_5), sums.get(AlignmentSetting.FULL)));
            }
        }
        return new FidelityCell(arms[0], arms[1], arms[2], ifl, lineIfl, iflRemedy, remedyVsImage, dslIfl,
                dslIflRemedy, unpairedText, unpairedImage, unpairedImageRemedy, duplicates, accuracy);
    }

    private static void writeArm(Output out, ArmTally a) {
        out.writeLong(a.completions());
        out.writeLong(a.faithful());
        out.writeLong(a.lineFaithful());
        out.writeLong(a.errors());
        out.writeLong(a.undetected());
        out.writeLong(a.labels());
        writeMoments(out, a.pseudoOutcomes());
        out.writeLong(a.wordJudged());
        out.writeLong(a.wordPassed());
        AccuracyTally accuracy = a.accuracy();
        out.writeLong(accuracy.judged());
        out.writeLong(accuracy.matched());
        out.writeLong(accuracy.labels());
        writeMoments(out, accuracy.pseudoOutcomes());
    }

    private static ArmTally readArm(Input in) {
        long completions = in.readLong();
        long faithful = in.readLong();
        long lineFaithful = in.readLong();
        long errors = in.readLong();
        long undetected = in.readLong();
        long labels = in.readLong();
        Moments pseudoOutcomes = readMoments(in);
        boolean wordCounts = in.format() >= 4;
        long wordJudged = wordCounts ? in.readLong() : 0;
        long wordPassed = wordCounts ? in.readLong() : 0;
        // before format 5 nothing was known of correctness: every answer's accuracy pseudo-outcome was 0
        AccuracyTally accuracy = in.format() < 5 ? new AccuracyTally(0, 0, 0, new Moments(completions, 0, 0))
                : new AccuracyTally(in.readLong(), in.readLong(), in.readLong(), readMoments(in));
        return new ArmTally(completions, faithful, lineFaithful, errors, undetected, labels, pseudoOutcomes,
                ExplanationTally.EMPTY, wordJudged, wordPassed, accuracy);
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
