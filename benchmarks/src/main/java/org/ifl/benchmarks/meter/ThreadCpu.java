package org.ifl.benchmarks.meter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * CPU time per thread, read twice and told apart by thread group: where the cores went while the topology
 * ran (stream threads, Lingua's tasks, the broker, ...). Threads that end between the two readings are missed.
 */
public final class ThreadCpu {
    public static final String STREAM_THREADS = "stream threads";
    public static final String LINGUA_TASKS = "Lingua's tasks (ForkJoin common pool)";
    public static final String CLIENT_IO = "Kafka clients' network threads";
    public static final String READER = "main (the reader)";
    public static final String BROKER = "broker, controller, registry, other";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> nanosByThread;

    private ThreadCpu(Map<Long, Long> nanosByThread) {
        this.nanosByThread = nanosByThread;
    }

    /** Whether the JVM measures threads' CPU time; without it every group reads 0. */
    public static boolean supported() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    public static ThreadCpu read() {
        Map<Long, Long> nanos = new HashMap<>();
        if (supported()) {
            for (long id : THREADS.getAllThreadIds()) {
                long cpu = THREADS.getThreadCpuTime(id);
                if (cpu >= 0) {
                    nanos.put(id, cpu);
                }
            }
        }
        return new ThreadCpu(nanos);
    }

    /** Seconds of CPU per group from {@code this} reading to {@code later}, groups in a fixed order. */
    public Map<String, Double> secondsUntil(ThreadCpu later) {
        return secondsUntil(later, List.of(STREAM_THREADS, LINGUA_TASKS, CLIENT_IO, READER, BROKER),
                ThreadCpu::group);
    }

    /**
     * Seconds of CPU per group from {@code this} reading to {@code later}: every group of {@code groups}, in
     * their order (0 where none of its threads ran), each thread counted in {@code groupOf} its name.
     */
    public Map<String, Double> secondsUntil(ThreadCpu later, List<String> groups, UnaryOperator<String> groupOf) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : groups) {
            seconds.put(group, 0.0);
        }
        for (Map.Entry<Long, Long> thread : later.nanosByThread.entrySet()) {
            long used = thread.getValue() - nanosByThread.getOrDefault(thread.getKey(), 0L);
            ThreadInfo info = THREADS.getThreadInfo(thread.getKey());
            if (info != null && used > 0) {
                seconds.merge(groupOf.apply(info.getThreadName()), used / 1e9, Double::sum);
            }
        }
        return seconds;
    }

    static String group(String threadName) {
        if (threadName.startsWith("kafka-producer-network-thread") || threadName.startsWith("kafka-admin-client-thread")
                || threadName.startsWith("kafka-coordinator-heartbeat-thread")) {
            return CLIENT_IO;
        }
        if (threadName.matches(".*-StreamThread-\\d+")) {
            return STREAM_THREADS;
        }
        if (threadName.startsWith("ForkJoinPool.commonPool-worker")) {
            return LINGUA_TASKS;
        }
        if (threadName.equals("main")) {
            return READER;
        }
        return BROKER;
    }
}
