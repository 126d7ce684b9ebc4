package org.ifl.benchmarks.meter;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** CPU time this JVM has used, all threads together: what tells a run that waited from one that worked. */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Nanoseconds of CPU time used by the process so far; -1 where the JVM cannot tell. */
    public static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime();
        }
        return -1;
    }

    /** Cores kept busy on average between two readings over {@code wallNanos}; NaN where unknown. */
    public static double coresBusy(long cpuBefore, long cpuAfter, long wallNanos) {
        return cpuBefore < 0 || cpuAfter < 0 || wallNanos <= 0 ? Double.NaN
                : (double) (cpuAfter - cpuBefore) / wallNanos;
    }
}
