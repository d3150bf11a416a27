package io.jobwerk.subagent.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job process with its output redirected to files and tells when it has ended.
 *
 * <p>{@link PosixSpawnLauncher} (Linux with glibc) is the default: {@code posix_spawn} straight from
 * the JVM and one reaper thread for all processes. The JDK's {@code ProcessBuilder}
 * ({@link JdkProcessLauncher}) execs a helper ({@code jspawnhelper}) before the job and waits for
 * each process on a thread of its own; it is used where {@code posix_spawn} is not available, or when
 * chosen with {@code -Djobwerk.processLauncher=jdk}.
 */
interface ProcessLauncher extends AutoCloseable {

    /**
     * Starts {@code command} in {@code directory} with the JVM's environment plus {@code environment},
     * stdin from {@code /dev/null}, stdout and stderr to the files (created or truncated). An
     * {@link IOException} when it cannot start; its message has the {@code error=N, reason} of the
     * failed {@code exec}, as the JDK's.
     */
    Launched launch(List<String> command, Map<String, String> environment, Path directory, Path stdout, Path stderr)
            throws IOException;

    /** {@code posix_spawn} or {@code jdk}. */
    String name();

    @Override
    void close();

    /** A started process. */
    interface Launched {
        long pid();

        /** Completes with the exit code once the process has ended (128 + signal number when a signal ended it). */
        CompletableFuture<Integer> exitCode();

        /** The process to signal, while it runs (never another process that got its pid later). */
        Optional<ProcessHandle> handle();
    }

    /** The launcher {@code -Djobwerk.processLauncher} names, else the best one this machine has. */
    static ProcessLauncher create() {
        Logger log = LoggerFactory.getLogger(ProcessLauncher.class);
        String chosen = System.getProperty("jobwerk.processLauncher", "");
        if (!chosen.equals("jdk")) {
            Optional<ProcessLauncher> posix = PosixSpawnLauncher.open();
            if (posix.isPresent()) {
                return posix.get();
            }
            if (chosen.equals("posix_spawn")) {
                throw new IllegalStateException("-Djobwerk.processLauncher=posix_spawn, but posix_spawn is not available here (see the log)");
            }
            log.info("Job processes start with the JDK's ProcessBuilder (posix_spawn is not available here)");
        }
        return new JdkProcessLauncher();
    }
}
