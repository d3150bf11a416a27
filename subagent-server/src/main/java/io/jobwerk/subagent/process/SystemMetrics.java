package io.jobwerk.subagent.process;

import io.jobwerk.engine.subagent.SubagentMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;

/** This machine's figures for priority expressions, read from the JVM's operating-system bean. */
public final class SystemMetrics {
    private SystemMetrics() {}

    /** The current figures, with {@code processCount} job processes. */
    public static SubagentMetrics read(int processCount) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        double load = os.getSystemLoadAverage();
        Optional<Double> cpuLoad = load < 0 ? Optional.empty() : Optional.of(load);
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return new SubagentMetrics(cpuLoad, Optional.of(sun.getFreeMemorySize()), Optional.of(sun.getTotalMemorySize()),
                    Optional.of(sun.getCommittedVirtualMemorySize()), processCount);
        }
        return new SubagentMetrics(cpuLoad, Optional.empty(), Optional.empty(), Optional.empty(), processCount);
    }
}
