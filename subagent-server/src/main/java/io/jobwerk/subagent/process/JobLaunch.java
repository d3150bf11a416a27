package io.jobwerk.subagent.process;

import io.jobwerk.engine.job.Executable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One job process to start: what to run and with which environment, all expressions already
 * evaluated by the caller.
 *
 * @param taskId unique per start (e.g. the order id and a step counter); names the process's files
 * @param executable a shell script, a path executable or a command line (internal jobs are not processes)
 * @param commandLine for a {@link Executable.CommandLine}: the evaluated words; ignored otherwise
 * @param env the complete extra environment (order variables as JS7 passes them, job resources, {@code env})
 * @param sigkillDelay time from SIGTERM to SIGKILL when killed without {@code immediately}
 * @param timeout kill the process after this time; the outcome is then {@code TimedOut}
 * @param failOnErrWritten any output on stderr fails the step
 */
public record JobLaunch(
        String taskId,
        Executable executable,
        List<String> commandLine,
        Map<String, String> env,
        Duration sigkillDelay,
        Optional<Duration> timeout,
        boolean failOnErrWritten) {

    private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9._-]+"); // String.matches would compile it per process

    public JobLaunch {
        Objects.requireNonNull(taskId, "taskId");
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("taskId must consist of letters, digits, '.', '_', '-': " + taskId);
        }
        Objects.requireNonNull(executable, "executable");
        commandLine = List.copyOf(commandLine);
        env = Map.copyOf(env);
        Objects.requireNonNull(sigkillDelay, "sigkillDelay");
        Objects.requireNonNull(timeout, "timeout");
        if (executable instanceof Executable.Internal) {
            throw new IllegalArgumentException("An InternalExecutable does not run as a process");
        }
    }
}
