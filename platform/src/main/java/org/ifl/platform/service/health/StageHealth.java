package org.ifl.platform.service.health;

import java.util.Map;

/**
 * What a service says about its own work on {@code /health}; {@link StageHealthIndicator}, the one indicator of every
 * service, adds whether its broker and its registry answer.
 */
public interface StageHealth {

    /** The health entry's name: the stage, e.g. {@code lid-stream}. */
    String name();

    /** Whether the stage is doing its work (a stream running or rebalancing, a worker loop running). */
    boolean isUp();

    /** What the entry shows, in order: the stage's state first. */
    Map<String, Object> details();
}
