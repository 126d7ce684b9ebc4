package org.ifl.statsstream.internal.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.ifl.schemas.avro.AlignmentSetting;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabelStatus;
import org.ifl.schemas.avro.WordLevelStatus;
import org.ifl.statsstream.topology.CellUpdate;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static final String TOPIC = "stats-stream-stats-pairs-changelog";

    /** A pair with two arms answered, one labeled, ids outside the Basic Multilingual Plane and a NUL. */
    private static ItemPair pair() {
        ExpertLabel label = new ExpertLabel("item-\uD83D\uDE00/IMAGE", "de", 0.25);
        return ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer("item-\uD83D\uDE00/TEXT", LabelStatus.LABELED, 1, 0, "de"), 1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("item-\u0000/IMAGE", LabelStatus.LABELED, 0, 0, "de"), 2_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("again", LabelStatus.LABELED, 1, 1, "de"), 3_000L)
                .withLabel(Arm.IMAGE, label);
    }

    /** An explanation item: entity metrics on both image arms, ECooc on one, an alignment tag on both. */
    private static ItemPair explanation() {
        return ItemPair.EMPTY
                .withAnswer(Arm.IMAGE, new ArmAnswer("e/IMAGE", LabelStatus.LABELED, 1, 1, "ja",
                        new EntityMeasures(0.5, 0.625, 0.4, 1.0 / 3), AlignmentSetting.ALIGNMENT_5), 1_000L)
                .withAnswer(Arm.IMAGE_REMEDY, new ArmAnswer("e/IMAGE_REMEDY", LabelStatus.LABELED, 0, 0, "ja",
                        new EntityMeasures(0.0, 0.1, 0.0, null), AlignmentSetting.ALIGNMENT_5), 2_000L);
    }

    @Test
    void explanationAnswersAndTheirEntitySumsRoundTrip() {
        Serde<ItemPair> pairs = StateCodec.itemPairSerde();
        ItemPair pair = explanation();
        byte[] bytes = pairs.serializer().serialize(TOPIC, pair);
        ItemPair back = pairs.deserializer().deserialize(TOPIC, bytes);
        assertArrayEquals(pair.answers(), back.answers());
        assertEquals(pair.contribution(), back.contribution());

        Serde<FidelityCell> cells = StateCodec.fidelityCellSerde();
        FidelityCell cell = pair.contribution().plus(pair().contribution());
        byte[] cellBytes = cells.serializer().serialize(TOPIC, cell);
        // the fidelity layout and its flag byte, then 2 arms x 3 settings x 4 moments of 24 bytes
        assertEquals(1 + 3 * (8 * 8 + 24 + 3 * 8 + 24) + 4 * 32 + 2 * 24 + 4 * 8 + 2 * 32 + 2 * 24 + 1
                + 2 * 3 * 4 * 24, cellBytes.length);
        assertEquals(cell, cells.deserializer().deserialize(TOPIC, cellBytes));
    }

    @Test
    void wordLevelVerdictsAndCountsRoundTrip() {
        ItemPair pair = ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer("w/TEXT", LabelStatus.LABELED, 1, 1, "zh", null, null,
                        WordLevelStatus.PASS), 1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("w/IMAGE", LabelStatus.LABELED, 1, 1, "zh", null, null,
                        WordLevelStatus.CONFUSED), 2_000L)
                .withAnswer(Arm.IMAGE_REMEDY, new ArmAnswer("w/IMAGE_REMEDY", LabelStatus.LABELED, 0, 0, "zh", null,
                        null, WordLevelStatus.NOT_JUDGED), 3_000L);
        Serde<ItemPair> pairs = StateCodec.itemPairSerde();
        ItemPair back = pairs.deserializer().deserialize(TOPIC, pairs.serializer().serialize(TOPIC, pair));
        assertArrayEquals(pair.answers(), back.answers());

        Serde<FidelityCell> cells = StateCodec.fidelityCellSerde();
        FidelityCell cell = back.contribution();
        FidelityCell cellBack = cells.deserializer().deserialize(TOPIC, cells.serializer().serialize(TOPIC, cell));
        assertEquals(cell, cellBack);
        assertEquals(1, cellBack.text().wordPassed());
        assertEquals(1, cellBack.image().wordJudged());
        assertEquals(0, cellBack.image().wordPassed());
        assertEquals(0, cellBack.imageRemedy().wordJudged());
    }

    /**
     * Bytes written by the build before word-level judging (format 3; made with that build's StateCodec from a
     * pair of a TEXT and an IMAGE answer, "i/TEXT" fidelity 1 and "i/IMAGE" fidelity 0, both line fidelity 1,
     * expected "zh", opened at 1,000, and from that pair's contribution): this build takes them over.
     */
    @Test
    void stateOfTheFormatBeforeWordLevelIsReadAsNotScored() throws IOException {
        ItemPair expected = ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer("i/TEXT", LabelStatus.LABELED, 1, 1, "zh"), 1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("i/IMAGE", LabelStatus.LABELED, 0, 1, "zh"), 2_000L);
        byte[] pairBytes = hex("format-3-pair.hex");
        assertEquals(3, pairBytes[0]);
        ItemPair pair = StateCodec.itemPairSerde().deserializer().deserialize(TOPIC, pairBytes);
        assertEquals(expected, pair);
        assertEquals(WordLevelStatus.NOT_SCORED, pair.answer(Arm.TEXT).wordLevel());

        FidelityCell cell = StateCodec.fidelityCellSerde().deserializer().deserialize(TOPIC, hex("format-3-cell.hex"));
        assertEquals(expected.contribution(), cell);
        assertEquals(0, cell.text().wordJudged());
        assertEquals(1, cell.text().lineFaithful());
        assertEquals(1, cell.ifl().secondOnly(), "text faithful, image not");
    }

    /**
     * Bytes written by the build before correctness (format 4; made with that build's StateCodec from a pair of
     * "i/TEXT" fidelity 1 and "i/IMAGE" fidelity 0, both line fidelity 1, expected "de", opened at 1,000, the
     * image labelled German with pi 0.5, and from that pair's contribution): read as answers not matched against
     * references and a label of the language alone.
     */
    @Test
    void stateOfTheFormatBeforeCorrectnessIsReadAsLanguageLabelsAndUnjudgedAnswers() throws IOException {
        ItemPair expected = ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer("i/TEXT", LabelStatus.LABELED, 1, 1, "de"), 1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("i/IMAGE", LabelStatus.LABELED, 0, 1, "de"), 2_000L)
                .withLabel(Arm.IMAGE, new ExpertLabel("i/IMAGE", "de", null, 0.5));
        byte[] pairBytes = hex("format-4-pair.hex");
        assertEquals(4, pairBytes[0]);
        ItemPair pair = StateCodec.itemPairSerde().deserializer().deserialize(TOPIC, pairBytes);
        assertEquals(expected, pair);
        assertNull(pair.answer(Arm.IMAGE).answerMatch());
        assertNull(pair.label(Arm.IMAGE).correct());

        FidelityCell cell = StateCodec.fidelityCellSerde().deserializer().deserialize(TOPIC, hex("format-4-cell.hex"));
        assertEquals(expected.contribution(), cell);
        assertEquals(1, cell.image().labels());
        // Y~ of the image answer: 0 + (1 - 0) / 0.5 = 2
        assertEquals(2.0, cell.image().pseudoOutcomes().sum());
    }

    @Test
    void labelsOfEitherKindAndReferenceMatchesRoundTrip() {
        ItemPair pair = ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer("m/TEXT", LabelStatus.LABELED, 1, 1, "de").withAnswerMatch(true),
                        1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("m/IMAGE", LabelStatus.LABELED, 0, 0, "de")
                        .withAnswerMatch(false), 2_000L)
                .withAnswer(Arm.IMAGE_REMEDY, new ArmAnswer("m/IMAGE_REMEDY", LabelStatus.EMPTY, 0, 0, "de"), 3_000L)
                .withLabel(Arm.TEXT, new ExpertLabel("m/TEXT", null, false, 0.25))
                .withLabel(Arm.IMAGE, new ExpertLabel("m/IMAGE", "en", true, 0.5))
                .withLabel(Arm.IMAGE_REMEDY, new ExpertLabel("m/IMAGE_REMEDY", null, null, 1.0));
        Serde<ItemPair> serde = StateCodec.itemPairSerde();
        ItemPair back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, pair));
        assertEquals(pair, back);
        assertEquals(Boolean.TRUE, back.answer(Arm.TEXT).answerMatch());
        assertEquals(Boolean.FALSE, back.answer(Arm.IMAGE).answerMatch());
        assertNull(back.answer(Arm.IMAGE_REMEDY).answerMatch());
        assertEquals(new ExpertLabel("m/TEXT", null, false, 0.25), back.label(Arm.TEXT));
        assertEquals(new ExpertLabel("m/IMAGE", "en", true, 0.5), back.label(Arm.IMAGE));
        assertEquals(new ExpertLabel("m/IMAGE_REMEDY", null, null, 1.0), back.label(Arm.IMAGE_REMEDY));

        Serde<FidelityCell> cells = StateCodec.fidelityCellSerde();
        FidelityCell cell = back.contribution();
        assertEquals(cell, cells.deserializer().deserialize(TOPIC, cells.serializer().serialize(TOPIC, cell)));
        assertEquals(1, cell.text().accuracy().labels());
        assertEquals(1, cell.accuracy().imageVsText().secondOnly(), "text matched, image not");
    }

    private static byte[] hex(String resource) throws IOException {
        try (InputStream in = StateCodecTest.class.getResourceAsStream("/state/" + resource)) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    @Test
    void pairsRoundTripWithTheirAnswersLabelsAndRepeats() {
        Serde<ItemPair> serde = StateCodec.itemPairSerde();
        ItemPair pair = pair();
        ItemPair back = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, pair));
        assertEquals(1_000L, back.openedAt());
        assertEquals(1, back.duplicates());
        assertArrayEquals(pair.answers(), back.answers());
        assertArrayEquals(pair.labels(), back.labels());
        assertEquals(pair.contribution(), back.contribution());
    }

    @Test
    void cellSumsAndCellUpdatesRoundTripExactly() {
        FidelityCell cell = pair().contribution().plus(pair().contribution());
        Serde<FidelityCell> serde = StateCodec.fidelityCellSerde();
        byte[] bytes = serde.serializer().serialize(TOPIC, cell);
        // format byte, 3 arms of 6 counts, moments, 2 word-level counts and accuracy (3 counts and moments), 4 paired
        // tables, 2 moments, 4 counts, 2 paired accuracy tables and 2 moments, and the flag byte saying no arm has
        // entity sums
        assertEquals(1 + 3 * (8 * 8 + 24 + 3 * 8 + 24) + 4 * 32 + 2 * 24 + 4 * 8 + 2 * 32 + 2 * 24 + 1, bytes.length);
        assertEquals(cell, serde.deserializer().deserialize(TOPIC, bytes));

        CellUpdate update = new CellUpdate(new CellKey("vlm|x", "c1", "maxm", "de"), CellWindow.hopping(0, 3_600_000),
                cell, 42L);
        Serde<CellUpdate> updates = CellUpdate.serde();
        assertEquals(update, updates.deserializer().deserialize(TOPIC, updates.serializer().serialize(TOPIC, update)));
    }

    @Test
    void stateOfAnotherFormatTruncatedOrWithTrailingBytesIsRefusedByName() {
        Serde<ItemPair> serde = StateCodec.itemPairSerde();
        byte[] bytes = serde.serializer().serialize(TOPIC, pair());

        byte[] older = bytes.clone();
        older[0] = 1;
        SerializationException format = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(TOPIC, older));
        assertTrue(format.getMessage().contains("format 1 in " + TOPIC), format.getMessage());

        older[0] = 2;
        SerializationException format2 = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(TOPIC, older));
        assertTrue(format2.getMessage().startsWith("stats state of format 2 in " + TOPIC
                + " (written by builds before the entity sums of explanation cells); this version reads formats 3"
                + " to 5"), format2.getMessage());

        older[0] = 6;
        SerializationException newer = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(TOPIC, older));
        assertTrue(newer.getMessage().startsWith("stats state of format 6 in " + TOPIC + " (written by a newer build)"),
                newer.getMessage());

        SerializationException truncated = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 3)));
        assertTrue(truncated.getMessage().startsWith("truncated stats state in " + TOPIC), truncated.getMessage());

        SerializationException trailing = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length + 2)));
        assertTrue(trailing.getMessage().startsWith("2 trailing bytes"), trailing.getMessage());
    }
}
