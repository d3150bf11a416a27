package io.jobwerk.subagent.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how job processes run.
 *
 * @param workDirectory holds the tasks' output and return-values files (deleted after each task), script files and the pid log
 * @param executablesDirectory relative {@code PathExecutable} paths resolve here
 * @param chunkSize maximum characters of one stdout/stderr chunk (JS7: 8 Ki)
 * @param pollInterval how often the tailer looks for new output (JS7 collects for 0.4 s)
 */
public record ProcessConf(Path workDirectory, Path executablesDirectory, int chunkSize, Duration pollInterval) {

    public ProcessConf {
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(executablesDirectory, "executablesDirectory");
        if (chunkSize < 16) {
            throw new IllegalArgumentException("chunkSize must be at least 16");
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    public static ProcessConf of(Path directory) {
        return new ProcessConf(directory.resolve("work"), directory.resolve("executables"), 8192, Duration.ofMillis(100));
    }
}
