package org.ifl.benchmarks.lid;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.ifl.benchmarks.lid.LabeledTextCorpus.LabeledText;
import org.ifl.lidstream.LanguageDetector;

/**
 * The detector alone: {@code detect(text)} over the texts {@code repeat} times, nothing else timed. Neither
 * normalisation nor scoring is in the loop, so the topology is compared with the cheapest possible use of
 * the same detector.
 */
final class BareDetectorRun {
    private BareDetectorRun() {
    }

    /**
     * A single thread's loop; returns the nanoseconds it took, and adds to {@code nanosPerText} what each
     * text's detections took.
     */
    static long singleThread(LanguageDetector detector, List<LabeledText> texts, int repeat, long[] nanosPerText) {
        long start = System.nanoTime();
        for (int r = 0; r < repeat; r++) {
            for (int i = 0; i < texts.size(); i++) {
                long before = System.nanoTime();
                detector.detect(texts.get(i).text());
                nanosPerText[i] += System.nanoTime() - before;
            }
        }
        return System.nanoTime() - start;
    }

    /**
     * {@code threads} threads taking the next text from a shared counter, as a perfectly balanced pool would;
     * returns the nanoseconds from their start until the last finished.
     */
    static long threads(LanguageDetector detector, List<LabeledText> texts, int repeat, int threads)
            throws InterruptedException {
        return threads(i -> detector.detect(texts.get(i).text()), texts.size(), repeat, threads);
    }

    /**
     * {@code work} for every index below {@code size}, {@code repeat} times, on {@code threads} threads taking the
     * next index from a shared counter; returns the nanoseconds from their start until the last finished.
     */
    static long threads(IntConsumer work, int size, int repeat, int threads) throws InterruptedException {
        int total = size * repeat;
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        work.accept(i % size);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-bare-" + t));
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new IllegalStateException("the timed work failed: " + failure.get(), failure.get());
        }
        return elapsed;
    }
}
