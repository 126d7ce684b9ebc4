package org.ifl.lidstream;

/** What the topology reports as it works: the time each completion took to label and score. */
@FunctionalInterface
public interface LidMetrics {
    LidMetrics NONE = nanos -> { };

    void scored(long nanos);
}
