package io.jobwerk.engine.job;

import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.value.expression.Expr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A job: what to run ({@link Executable}), on which Agent, and under which limits.
 *
 * @param processLimit at most this many processes of this job run at once (JSON alias {@code parallelism}); default 1
 * @param sigkillDelay time between SIGTERM and SIGKILL when the process is killed; empty = the Subagent's default (15 s)
 * @param timeout kill the process after this time; the step's outcome is then {@code TimedOut}
 * @param isNotRestartable do not restart the job after its process was lost
 */
public record WorkflowJob(
        AgentPath agentPath,
        Executable executable,
        Map<String, Expr> defaultArguments,
        Optional<Expr> subagentBundleIdExpr,
        List<JobResourcePath> jobResourcePaths,
        int processLimit,
        Optional<Duration> sigkillDelay,
        Optional<Duration> timeout,
        boolean killAtEndOfAdmissionPeriod,
        boolean failOnErrWritten,
        Optional<AdmissionTimeScheme> admissionTimeScheme,
        boolean skipIfNoAdmissionStartForOrderDay,
        boolean isNotRestartable) {

    public static final int DEFAULT_PROCESS_LIMIT = 1;

    public WorkflowJob {
        Objects.requireNonNull(agentPath, "agentPath");
        Objects.requireNonNull(executable, "executable");
        defaultArguments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(defaultArguments));  // keeps JSON order
        Objects.requireNonNull(subagentBundleIdExpr, "subagentBundleIdExpr");
        jobResourcePaths = List.copyOf(jobResourcePaths);
        if (processLimit < 1) {
            throw new IllegalArgumentException("processLimit must be at least 1: " + processLimit);
        }
        Objects.requireNonNull(sigkillDelay, "sigkillDelay");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(admissionTimeScheme, "admissionTimeScheme");
    }

    /** A job with defaults for everything but the Agent and the executable. */
    public static WorkflowJob of(AgentPath agentPath, Executable executable) {
        return new WorkflowJob(agentPath, executable, Map.of(), Optional.empty(), List.of(), DEFAULT_PROCESS_LIMIT,
                Optional.empty(), Optional.empty(), false, false, Optional.empty(), false, false);
    }

    public WorkflowJob withProcessLimit(int processLimit) {
        return new WorkflowJob(agentPath, executable, defaultArguments, subagentBundleIdExpr, jobResourcePaths, processLimit,
                sigkillDelay, timeout, killAtEndOfAdmissionPeriod, failOnErrWritten, admissionTimeScheme,
                skipIfNoAdmissionStartForOrderDay, isNotRestartable);
    }

    public WorkflowJob withDefaultArguments(Map<String, Expr> defaultArguments) {
        return new WorkflowJob(agentPath, executable, defaultArguments, subagentBundleIdExpr, jobResourcePaths, processLimit,
                sigkillDelay, timeout, killAtEndOfAdmissionPeriod, failOnErrWritten, admissionTimeScheme,
                skipIfNoAdmissionStartForOrderDay, isNotRestartable);
    }
}
