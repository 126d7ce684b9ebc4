package org.ifl.benchmarks.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;
import org.ifl.inferenceworker.WorkerMetrics;

/**
 * Counts the backend calls of a run, whether the worker or the bare loop made them. Called on the thread that
 * called the backend, a new one each run, so that thread's CPU time so far is the run's.
 */
final class BatchTally implements WorkerMetrics {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final AtomicLong calls = new AtomicLong();
    final AtomicLong answers = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();
    final AtomicLong threadCpuNanos = new AtomicLong();
    final AtomicLong failures = new AtomicLong();

    @Override
    public void batch(String backend, int size, long batchNanos, long tokens) {
        calls.incrementAndGet();
        answers.addAndGet(size);
        nanos.addAndGet(batchNanos);
        threadCpuNanos.accumulateAndGet(THREADS.getCurrentThreadCpuTime(), Math::max);
    }

    @Override
    public void error(String code) {
        failures.incrementAndGet();
    }

    @Override
    public void skipped() {
    }

    @Override
    public void paused(boolean paused) {
    }
}
