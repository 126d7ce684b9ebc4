package org.ifl.benchmarks.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * When the chaos run kills what, drawn from a seed: every target {@code killsPerTarget} times, at moments spread
 * over {@code span}. The span is cut into one slot per kill and each kill falls at a random moment of its own
 * slot, so no two kills share a slot and the last slot ends the span; each round of three slots kills every
 * target once, in an order drawn anew per round. The moments count the run's time while everything is up: the
 * clock stops while a killed process restarts, so a schedule drawn over a clean run's span spreads its kills
 * over the chaos run's processing rather than over its restarts.
 */
record KillSchedule(List<Kill> kills) {

    /** One kill -9 of {@code target}, {@code at} after the replay began (restarts not counted). */
    record Kill(Duration at, Target target) {
        /** "lid at 12.7 s". */
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s at %.1f s", target.command(), at.toMillis() / 1e3);
        }
    }

    KillSchedule {
        kills = List.copyOf(kills);
    }

    static KillSchedule draw(long seed, int killsPerTarget, Duration span) {
        if (killsPerTarget < 0) {
            throw new IllegalArgumentException("kills per target must be 0 or more, not " + killsPerTarget);
        }
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("the span to spread kills over must be positive, not " + span);
        }
        Random random = new Random(seed);
        int total = killsPerTarget * Target.values().length;
        long slotNanos = span.toNanos() / Math.max(total, 1);
        List<Kill> kills = new ArrayList<>(total);
        List<Target> round = new ArrayList<>(List.of(Target.values()));
        for (int r = 0; r < killsPerTarget; r++) {
            Collections.shuffle(round, random);
            for (Target target : round) {
                long slotStart = slotNanos * kills.size();
                kills.add(new Kill(Duration.ofNanos(slotStart + (long) (random.nextDouble() * slotNanos)), target));
            }
        }
        return new KillSchedule(kills);
    }

    /** How many kills each target gets: the same for all. */
    Map<Target, Integer> perTarget() {
        Map<Target, Integer> counts = new EnumMap<>(Target.class);
        for (Target target : Target.values()) {
            counts.put(target, 0);
        }
        kills.forEach(k -> counts.merge(k.target(), 1, Integer::sum));
        return counts;
    }
}
