package org.ifl.platform.kafka;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for all the RocksDB stores of a process. By default each RocksDB instance (one per store and
 * partition, one per segment of a window store) has its own block cache and memtables, so a stage's native
 * memory grows with its partitions and stores and is bounded by nothing. Here every instance shares one block
 * cache of {@value #MEMORY_CONFIG} bytes, which also holds the index and filter blocks and is charged for the
 * memtables (at most half of it) through a shared write buffer manager.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** The Streams property that sets the budget, in bytes, for the whole process. */
    public static final String MEMORY_CONFIG = "ifl.rocksdb.memory.bytes";
    public static final long DEFAULT_MEMORY = 64L << 20;
    /** Share of the cache kept for index and filter blocks, so that data blocks do not evict them. */
    private static final double INDEX_AND_FILTER_SHARE = 0.1;
    private static final long MEMTABLE_BYTES = 8L << 20;

    private static Shared shared;

    /** The cache and write buffer manager every store of this process uses; never closed while it runs. */
    private record Shared(long bytes, Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(budget(configs));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(Math.min(MEMTABLE_BYTES, memory.bytes() / 4));
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: not closed here
    }

    private static long budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_CONFIG);
        if (value == null) {
            return DEFAULT_MEMORY;
        }
        long bytes;
        try {
            bytes = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MEMORY_CONFIG + " must be a number of bytes, not '" + value + "'");
        }
        if (bytes < (8L << 20)) {
            throw new IllegalArgumentException(MEMORY_CONFIG + " must be at least 8 MiB (8388608), not " + bytes);
        }
        return bytes;
    }

    /** Made on the first store's configuration, when Kafka Streams has loaded RocksDB's native library. */
    private static synchronized Shared shared(long bytes) {
        if (shared == null) {
            Cache cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_SHARE);
            shared = new Shared(bytes, cache, new WriteBufferManager(bytes / 2, cache));
        }
        return shared;
    }
}
