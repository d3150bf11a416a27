package io.jobwerk.engine.subagent;

import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a Subagent's priority expression sees of it: its latest measurements, as JS7's
 * {@code ServerMeteringLiveScope} names them. An absent figure is an unknown variable, as in JS7,
 * so {@code (1 / $cpuLoad) ? 100} falls back to 100.
 *
 * @param cpuLoad the system load average of the last minute ({@code $cpuLoad}), absent where the OS has none
 * @param freeMemorySize free physical memory in bytes ({@code $freeMemorySize})
 * @param totalMemorySize physical memory in bytes ({@code $totalMemorySize})
 * @param committedVirtualMemorySize the Subagent process's committed virtual memory ({@code $committedVirtualMemorySize})
 * @param processCount job processes the Director runs on the Subagent ({@code $js7SubagentProcessCount})
 */
public record SubagentMetrics(Optional<Double> cpuLoad, Optional<Long> freeMemorySize, Optional<Long> totalMemorySize,
                              Optional<Long> committedVirtualMemorySize, int processCount) {

    /** Nothing measured yet, only the process count. */
    public static SubagentMetrics ofProcessCount(int processCount) {
        return new SubagentMetrics(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), processCount);
    }

    public SubagentMetrics withProcessCount(int count) {
        return new SubagentMetrics(cpuLoad, freeMemorySize, totalMemorySize, committedVirtualMemorySize, count);
    }

    /** The scope of the priority expressions: {@code $cpuLoad}, {@code $freeMemorySize} … */
    public Scope scope() {
        return new Scope() {
            @Override
            public Optional<Value> variable(String name) {
                return switch (name) {
                    case "cpuLoad" -> cpuLoad.map(d -> Value.of(BigDecimal.valueOf(d)));
                    case "freeMemorySize" -> freeMemorySize.map(Value::of);
                    case "totalMemorySize" -> totalMemorySize.map(Value::of);
                    case "committedVirtualMemorySize" -> committedVirtualMemorySize.map(Value::of);
                    case "js7SubagentProcessCount" -> Optional.of(Value.of(processCount));
                    default -> Optional.empty();
                };
            }
        };
    }
}
