package io.jobwerk.agent;

import io.jobwerk.agent.SubagentCouplingTable.Action;
import io.jobwerk.agent.SubagentCouplingTable.Phase;
import io.jobwerk.agent.SubagentCouplingTable.Row;
import io.jobwerk.agent.SubagentCouplingTable.Trigger;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.subagent.SubagentCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a Director's coupling with one remote Subagent stands, as a value: each method takes what
 * happened and returns the {@link Step} the {@link SubagentCouplingTable} prescribes (pure: no clock,
 * no I/O; the {@link RemoteSubagentDriver} passes the time and new run ids in, carries out the
 * actions and takes the step).
 *
 * @param attempted         a coupling was tried (answered or failed) in this Director run
 * @param dedicationRunId   the run id the Director dedicates the Subagent with; replaced to make the Subagent kill what it runs for the old one
 * @param subagentRunId     the Subagent's run as last coupled; empty before the first coupling of this Director run (and after a torn stream)
 * @param directorTimeout   how long the Subagent waits for this Director before it kills its processes (its answer; 30 s until known)
 * @param failingSinceNanos when the current run of failures began (monotonic)
 * @param lossRecorded      the processes were recorded as lost for this run of failures: not again until coupled
 */
record SubagentCoupling(Phase phase, boolean attempted, String dedicationRunId, Optional<String> subagentRunId,
                        Duration directorTimeout, Optional<Long> failingSinceNanos, boolean lossRecorded) {

    static final Duration DEFAULT_DIRECTOR_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SILENCE_MARGIN = Duration.ofSeconds(1);

    /**
     * @param next      the coupling after the step (this one when the pair is not in the table)
     * @param actions   what to do, in order
     * @param afterLoss take {@code next} only once the step's loss is durable
     */
    record Step(SubagentCoupling next, Trigger trigger, List<Action> actions, boolean afterLoss) {
        boolean has(Action action) {
            return actions.contains(action);
        }
    }

    static SubagentCoupling initial(String directorRunId) {
        return new SubagentCoupling(Phase.COUPLING, false, directorRunId, Optional.empty(), DEFAULT_DIRECTOR_TIMEOUT,
                Optional.empty(), false);
    }

    /** New processes may be started here. */
    boolean isAvailable() {
        return phase == Phase.COUPLED;
    }

    /** Orders that may run here wait rather than choose another Subagent. */
    boolean isCoupling() {
        return phase == Phase.COUPLING || (phase == Phase.RESETTING && !attempted);
    }

    /** {@code CoupleDirector} with {@code runId} was answered with {@code coupled}. */
    Step coupled(String runId, SubagentCommand.DirectorCoupled coupled) {
        Trigger trigger = !runId.equals(dedicationRunId) ? Trigger.COUPLED_STALE
                : subagentRunId.isEmpty() ? Trigger.COUPLED_FIRST
                : !subagentRunId.get().equals(coupled.subagentRunId()) ? Trigger.COUPLED_RESTARTED
                : !coupled.continued() ? Trigger.COUPLED_GAVE_UP
                : Trigger.COUPLED_CONTINUED;
        return step(trigger, c -> new SubagentCoupling(c.phase, true, dedicationRunId, Optional.of(coupled.subagentRunId()),
                Duration.ofMillis(coupled.directorTimeoutMillis()), Optional.empty(), false));
    }

    /** {@code CoupleDirector} or the event stream failed with {@code problem} at {@code nowNanos}. */
    Step failed(Problem problem, long nowNanos) {
        long since = failingSinceNanos.orElse(nowNanos);
        boolean gone = problem.code().equals("ConnectionRefused")
                || nowNanos - since > directorTimeout.plus(SILENCE_MARGIN).toNanos();
        Trigger trigger = gone && !lossRecorded ? Trigger.GONE : Trigger.UNREACHABLE;
        return step(trigger, c -> new SubagentCoupling(c.phase, true, dedicationRunId, subagentRunId, directorTimeout,
                Optional.of(since), lossRecorded));
    }

    /** The loss after {@link Trigger#GONE} is durable; the Subagent is dedicated anew as {@code newDedicationRunId}. */
    Step lossRecorded(String newDedicationRunId) {
        return step(Trigger.LOSS_RECORDED, c -> new SubagentCoupling(c.phase, attempted, newDedicationRunId, subagentRunId,
                directorTimeout, failingSinceNanos, true));
    }

    /** The event stream was torn; once the loss is durable, the Subagent is dedicated anew as {@code newDedicationRunId}. */
    Step streamTorn(String newDedicationRunId) {
        return step(Trigger.STREAM_TORN, c -> new SubagentCoupling(c.phase, attempted, newDedicationRunId, Optional.empty(),
                directorTimeout, failingSinceNanos, lossRecorded));
    }

    Step startRefused() {
        return step(Trigger.START_REFUSED, c -> c);
    }

    Step reset() {
        return step(Trigger.RESET, c -> c);
    }

    /** The reset's loss is durable; the Subagent is dedicated anew as {@code newDedicationRunId}. */
    Step resetDone(String newDedicationRunId) {
        return step(Trigger.RESET_DONE, c -> new SubagentCoupling(attempted ? Phase.UNCOUPLED : Phase.COUPLING, attempted,
                newDedicationRunId, subagentRunId, directorTimeout, failingSinceNanos, lossRecorded));
    }

    Step close() {
        return step(Trigger.CLOSE, c -> c);
    }

    /**
     * After a coupling, the Subagent event to read on after: where the Director's journal left off when
     * the Subagent kept the processes (first coupling), after the events it had before it gave them up,
     * from its start after a restart; {@code current} when it continues.
     *
     * @param observed the Subagent event id last persisted by the Director, if read from its journal
     */
    static long resumeAfter(Trigger trigger, SubagentCommand.DirectorCoupled coupled, Optional<Long> observed, long current) {
        return switch (trigger) {
            case COUPLED_FIRST -> coupled.continued()
                    ? Math.max(observed.orElse(coupled.keptAfterEventId()), coupled.keptAfterEventId())
                    : coupled.lastEventId();
            case COUPLED_RESTARTED -> 0;
            case COUPLED_GAVE_UP -> coupled.lastEventId();
            default -> current;
        };
    }

    /** Why the processes of a coupling step are lost. */
    static Problem lossProblem(Trigger trigger, SubagentId subagentId, boolean continued) {
        return switch (trigger) {
            case COUPLED_FIRST -> continued
                    ? Problem.of("ProcessUnknown", "Subagent " + subagentId + " does not know the process any more")
                    : Problem.of("SubagentNotContinued", "Subagent " + subagentId + " did not keep the processes of this Director");
            case COUPLED_RESTARTED -> Problem.of("SubagentRestarted", "Subagent " + subagentId + " was restarted; its processes are lost");
            case COUPLED_GAVE_UP -> Problem.of("SubagentGaveUpProcesses", "Subagent " + subagentId + " gave up the processes of this Director");
            case RESET, RESET_DONE -> Problem.of("SubagentReset", "Subagent " + subagentId + " was reset; its processes are lost");
            default -> throw new IllegalArgumentException("No loss for " + trigger);
        };
    }

    private Step step(Trigger trigger, java.util.function.UnaryOperator<SubagentCoupling> update) {
        Optional<Row> row = SubagentCouplingTable.row(phase, trigger);
        if (row.isEmpty()) {
            return new Step(this, trigger, List.of(), false);
        }
        SubagentCoupling updated = update.apply(this);
        Phase to = trigger == Trigger.RESET_DONE ? updated.phase : row.get().to().get(0);
        SubagentCoupling next = new SubagentCoupling(to, updated.attempted, updated.dedicationRunId, updated.subagentRunId,
                updated.directorTimeout, updated.failingSinceNanos, updated.lossRecorded);
        return new Step(next, trigger, row.get().actions(), row.get().afterLoss());
    }
}
