package org.ifl.statsstream.internal.cell;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.ifl.schemas.avro.Arm;
import org.ifl.schemas.avro.LabelStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: what stats-stream does per labeled completion with a cell's state, without Kafka: the pair update (an arm's
 * answer into its pair, the pair's old and new contributions, the cell moved by their difference) and the state
 * codec (a pair and a cell to bytes and back, as the stores and changelogs hold them). Run with
 * {@code benchmarks/jmh stats-stream CellStateBenchmark} (docs/benchmarks.md, "JMH"); never by the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CellStateBenchmark {
    private static final String TOPIC = "stats-pairs-changelog";
    private final Serializer<ItemPair> pairs = StateCodec.itemPairSerde().serializer();
    private final Deserializer<ItemPair> pairsBack = StateCodec.itemPairSerde().deserializer();
    private final Serializer<FidelityCell> cells = StateCodec.fidelityCellSerde().serializer();
    private final Deserializer<FidelityCell> cellsBack = StateCodec.fidelityCellSerde().deserializer();
    private ItemPair twoArms;
    private ArmAnswer remedy;
    private FidelityCell cell;
    private byte[] pairBytes;
    private byte[] cellBytes;

    @Setup
    public void setUp() {
        twoArms = ItemPair.EMPTY
                .withAnswer(Arm.TEXT, new ArmAnswer("item-7/TEXT", LabelStatus.LABELED, 1, 1, "de"), 1_000L)
                .withAnswer(Arm.IMAGE, new ArmAnswer("item-7/IMAGE", LabelStatus.LABELED, 0, 1, "de"), 2_000L);
        remedy = new ArmAnswer("item-7/IMAGE_REMEDY", LabelStatus.LABELED, 1, 1, "de");
        FidelityCell total = FidelityCell.EMPTY;
        for (int i = 0; i < 500; i++) {
            total = total.plus(twoArms.withAnswer(Arm.IMAGE_REMEDY, remedy, 3_000L).contribution());
        }
        cell = total;
        pairBytes = pairs.serialize(TOPIC, twoArms.withAnswer(Arm.IMAGE_REMEDY, remedy, 3_000L));
        cellBytes = cells.serialize(TOPIC, cell);
    }

    /** The third arm of an item arrives: the pair, both contributions and the cell's new sums. */
    @Benchmark
    public FidelityCell pairUpdate() {
        ItemPair after = twoArms.withAnswer(Arm.IMAGE_REMEDY, remedy, 3_000L);
        return cell.minus(twoArms.contribution()).plus(after.contribution());
    }

    @Benchmark
    public byte[] serializePair() {
        return pairs.serialize(TOPIC, twoArms);
    }

    @Benchmark
    public ItemPair deserializePair() {
        return pairsBack.deserialize(TOPIC, pairBytes);
    }

    @Benchmark
    public byte[] serializeCell() {
        return cells.serialize(TOPIC, cell);
    }

    @Benchmark
    public FidelityCell deserializeCell() {
        return cellsBack.deserialize(TOPIC, cellBytes);
    }

    /** The figures published for a cell: every interval of eval.stats. */
    @Benchmark
    public Object cellFigures() {
        return CellFigures.cell(new CellKey("m", "c", "maxm", "de"), CellWindow.CUMULATIVE, cell,
                java.time.Instant.EPOCH);
    }
}
