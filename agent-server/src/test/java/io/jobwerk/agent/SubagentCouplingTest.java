package io.jobwerk.agent;

import static io.jobwerk.agent.SubagentCouplingTable.Action.*;
import static io.jobwerk.agent.SubagentCouplingTable.Phase.*;
import static io.jobwerk.agent.SubagentCouplingTable.Trigger.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.agent.SubagentCoupling.Step;
import io.jobwerk.agent.SubagentCouplingTable.Phase;
import io.jobwerk.agent.SubagentCouplingTable.Row;
import io.jobwerk.agent.SubagentCouplingTable.Trigger;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.subagent.SubagentCommand.DirectorCoupled;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The coupling with a remote Subagent in virtual time: each scenario steps {@link SubagentCoupling}
 * as the driver would, with the monotonic time passed in. {@link #everyRowWasExercised} fails naming
 * each row of {@link SubagentCouplingTable} no scenario reached.
 */
class SubagentCouplingTest {

    private static final Set<String> exercised = ConcurrentHashMap.newKeySet();
    private static final Problem FAILED = Problem.of("ConnectionFailed", "timed out");
    private static final Problem REFUSED = Problem.of("ConnectionRefused", "refused");
    private static final long SECOND = 1_000_000_000L;

    private SubagentCoupling coupling = SubagentCoupling.initial("D");

    /** Steps as the driver does: the step is taken (for a row after loss: as if the loss were durable). */
    private Step step(Function<SubagentCoupling, Step> transition) {
        Step step = transition.apply(coupling);
        SubagentCouplingTable.row(coupling.phase(), step.trigger()).ifPresent(r -> exercised.add(key(r.from(), r.trigger())));
        coupling = step.next();
        return step;
    }

    private static String key(Phase from, Trigger trigger) {
        return from + " " + trigger;
    }

    private static DirectorCoupled answer(String subagentRun, boolean continued) {
        return new DirectorCoupled(subagentRun, 30_000, 10, continued, 5, Map.of());
    }

    @Test
    void theFirstCouplingTakesOverWhatTheSubagentKept() {
        assertThat(coupling.isCoupling()).isTrue();

        Step step = step(c -> c.coupled("D", answer("S1", true)));

        assertThat(step.trigger()).isEqualTo(COUPLED_FIRST);
        assertThat(step.actions()).containsExactly(ADOPT, EMIT_COUPLED);
        assertThat(step.afterLoss()).isTrue();
        assertThat(coupling.phase()).isEqualTo(COUPLED);
        assertThat(coupling.isAvailable()).isTrue();
        assertThat(coupling.isCoupling()).isFalse();
        assertThat(coupling.subagentRunId()).contains("S1");
        assertThat(SubagentCoupling.resumeAfter(COUPLED_FIRST, answer("S1", true), Optional.of(7L), 0)).isEqualTo(7);
        assertThat(SubagentCoupling.resumeAfter(COUPLED_FIRST, answer("S1", true), Optional.of(3L), 0)).as("kept after 5").isEqualTo(5);
        assertThat(SubagentCoupling.resumeAfter(COUPLED_FIRST, answer("S1", false), Optional.of(7L), 0)).as("not kept: its last").isEqualTo(10);
    }

    @Test
    void aReconnectionToTheSameRunContinuesAndReportsTheFailureOnce() {
        step(c -> c.coupled("D", answer("S1", true)));

        Step failed = step(c -> c.failed(FAILED, 100 * SECOND));
        assertThat(failed.trigger()).isEqualTo(UNREACHABLE);
        assertThat(failed.actions()).containsExactly(REPORT_FAILURE);
        assertThat(coupling.isAvailable()).as("unavailable at once").isFalse();
        assertThat(coupling.failingSinceNanos()).contains(100 * SECOND);

        Step again = step(c -> c.failed(FAILED, 101 * SECOND));
        assertThat(again.actions()).containsExactly(REPORT_FAILURE); // journaled once per distinct problem by the keeper's decision
        assertThat(coupling.failingSinceNanos()).as("since the first failure").contains(100 * SECOND);

        Step back = step(c -> c.coupled("D", answer("S1", true)));
        assertThat(back.trigger()).isEqualTo(COUPLED_CONTINUED);
        assertThat(back.actions()).containsExactly(CONTINUE, EMIT_COUPLED);
        assertThat(back.afterLoss()).isFalse();
        assertThat(coupling.failingSinceNanos()).isEmpty();
        assertThat(SubagentCoupling.resumeAfter(COUPLED_CONTINUED, answer("S1", true), Optional.empty(), 42)).isEqualTo(42);
    }

    @Test
    void aSubagentSilentLongerThanItsDirectorTimeoutIsLostOnceAndDedicatedAnew() {
        step(c -> c.coupled("D", answer("S1", true)));
        step(c -> c.failed(FAILED, 0));

        assertThat(step(c -> c.failed(FAILED, 31 * SECOND)).trigger()).as("30 s + 1 s not yet over").isEqualTo(UNREACHABLE);
        Step gone = step(c -> c.failed(FAILED, 31 * SECOND + 1));
        assertThat(gone.trigger()).isEqualTo(GONE);
        assertThat(gone.actions()).containsExactly(REPORT_FAILURE, LOSE_AND_REDEDICATE);

        step(c -> c.lossRecorded("D-lost-1"));
        assertThat(coupling.dedicationRunId()).isEqualTo("D-lost-1");
        assertThat(coupling.lossRecorded()).isTrue();
        assertThat(step(c -> c.failed(FAILED, 60 * SECOND)).trigger()).as("lost once").isEqualTo(UNREACHABLE);

        Step back = step(c -> c.coupled("D-lost-1", answer("S1", false)));
        assertThat(back.trigger()).isEqualTo(COUPLED_GAVE_UP);
        assertThat(back.actions()).containsExactly(LOSE, EMIT_COUPLED);
        assertThat(coupling.lossRecorded()).isFalse();
        assertThat(SubagentCoupling.resumeAfter(COUPLED_GAVE_UP, answer("S1", false), Optional.empty(), 3)).isEqualTo(10);
    }

    @Test
    void theDirectorTimeoutIsTheSubagentsAnswer() {
        step(c -> c.coupled("D", new DirectorCoupled("S1", 2_000, 0, true, 0, Map.of())));
        step(c -> c.failed(FAILED, 0));

        assertThat(coupling.directorTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(step(c -> c.failed(FAILED, 3 * SECOND + 1)).trigger()).isEqualTo(GONE);
    }

    @Test
    void aRefusedConnectionLosesTheProcessesAtOnce() {
        step(c -> c.coupled("D", answer("S1", true)));

        assertThat(step(c -> c.failed(REFUSED, 0)).actions()).containsExactly(REPORT_FAILURE, LOSE_AND_REDEDICATE);
        step(c -> c.lossRecorded("D-lost-1"));

        Step restarted = step(c -> c.coupled("D-lost-1", answer("S2", false)));
        assertThat(restarted.trigger()).isEqualTo(COUPLED_RESTARTED);
        assertThat(restarted.actions()).containsExactly(LOSE, EMIT_COUPLED);
        assertThat(SubagentCoupling.resumeAfter(COUPLED_RESTARTED, answer("S2", false), Optional.empty(), 8)).isZero();
        assertThat(coupling.subagentRunId()).contains("S2");
    }

    @Test
    void theFirstAttemptFailingWakesTheOrdersWaitingForIt() {
        assertThat(step(c -> c.failed(FAILED, 0)).actions()).containsExactly(REPORT_FAILURE, WAKE_WAITING_ORDERS);
        assertThat(coupling.isCoupling()).isFalse();
        assertThat(coupling.phase()).isEqualTo(UNCOUPLED);

        coupling = SubagentCoupling.initial("D");
        assertThat(step(c -> c.failed(REFUSED, 0)).actions()).containsExactly(REPORT_FAILURE, LOSE_AND_REDEDICATE, WAKE_WAITING_ORDERS);
    }

    @Test
    void aFirstCouplingAfterAFailureTakesOver() {
        step(c -> c.failed(FAILED, 0));

        assertThat(step(c -> c.coupled("D", answer("S1", true))).trigger()).isEqualTo(COUPLED_FIRST);
        assertThat(coupling.isAvailable()).isTrue();
    }

    @Test
    void aCouplingAfterARestartOfTheSubagentWhileUncoupledLoses() {
        step(c -> c.coupled("D", answer("S1", true)));
        step(c -> c.failed(FAILED, 0));

        assertThat(step(c -> c.coupled("D", answer("S2", false))).trigger()).isEqualTo(COUPLED_RESTARTED);
    }

    @Test
    void answersInTheCouplingPhaseAreClassifiedByTheKnownRunAsInAnyOther() {
        // In practice the Subagent's run is not known yet while Coupling; the rows are there so that no
        // answer is ignored in that phase.
        coupling = new SubagentCoupling(COUPLING, false, "D", Optional.of("S1"), Duration.ofSeconds(30), Optional.empty(), false);
        assertThat(step(c -> c.coupled("D", answer("S1", false))).trigger()).isEqualTo(COUPLED_GAVE_UP);
        coupling = new SubagentCoupling(COUPLING, false, "D", Optional.of("S1"), Duration.ofSeconds(30), Optional.empty(), false);
        assertThat(step(c -> c.coupled("D", answer("S2", true))).trigger()).isEqualTo(COUPLED_RESTARTED);
        coupling = new SubagentCoupling(COUPLING, false, "D", Optional.of("S1"), Duration.ofSeconds(30), Optional.empty(), false);
        assertThat(step(c -> c.coupled("D", answer("S1", true))).trigger()).isEqualTo(COUPLED_CONTINUED);
    }

    @Test
    void aTornStreamLosesTheProcessesAndTakesOverAnew() {
        step(c -> c.coupled("D", answer("S1", true)));

        Step torn = step(c -> c.streamTorn("D-lost-1"));
        assertThat(torn.actions()).containsExactly(LOSE_AND_REDEDICATE, FORGET_RUN);
        assertThat(torn.afterLoss()).isTrue();
        assertThat(coupling.phase()).isEqualTo(UNCOUPLED);
        assertThat(coupling.subagentRunId()).isEmpty();
        assertThat(coupling.dedicationRunId()).isEqualTo("D-lost-1");

        assertThat(step(c -> c.coupled("D-lost-1", answer("S1", false))).trigger()).isEqualTo(COUPLED_FIRST);
    }

    @Test
    void aTornStreamWhileUncoupledChangesNothing() {
        step(c -> c.failed(FAILED, 0));
        SubagentCoupling before = coupling;

        Step torn = step(c -> c.streamTorn("X"));

        assertThat(torn.actions()).isEmpty();
        assertThat(coupling).isEqualTo(before);
    }

    @Test
    void aRefusedStartMakesTheSubagentUnavailableUntilCoupledAgain() {
        step(c -> c.coupled("D", answer("S1", true)));

        assertThat(step(SubagentCoupling::startRefused).actions()).isEmpty();
        assertThat(coupling.isAvailable()).isFalse();
        assertThat(coupling.phase()).isEqualTo(UNCOUPLED);
        assertThat(step(c -> c.failed(FAILED, 5)).next().failingSinceNanos()).contains(5L);
    }

    @Test
    void aResetLosesTheProcessesThenDedicatesAnewAndAStaleAnswerIsNotTaken() {
        step(c -> c.coupled("D", answer("S1", true)));

        Step reset = step(SubagentCoupling::reset);
        assertThat(reset.actions()).containsExactly(LOSE);
        assertThat(coupling.isAvailable()).as("unavailable at once").isFalse();
        Step during = step(c -> c.coupled("D", answer("S1", true))); // an answer to a coupling sent before the reset
        assertThat(during.actions()).isEmpty();
        assertThat(coupling.phase()).isEqualTo(RESETTING);

        assertThat(step(c -> c.resetDone("D-reset-1")).actions()).containsExactly(REDEDICATE);
        assertThat(coupling.phase()).isEqualTo(UNCOUPLED);
        assertThat(coupling.dedicationRunId()).isEqualTo("D-reset-1");

        Step stale = step(c -> c.coupled("D", answer("S1", true)));
        assertThat(stale.trigger()).isEqualTo(COUPLED_STALE);
        assertThat(stale.actions()).isEmpty();
        assertThat(coupling.isAvailable()).isFalse();

        assertThat(step(c -> c.coupled("D-reset-1", answer("S1", false))).trigger()).isEqualTo(COUPLED_GAVE_UP);
        assertThat(coupling.isAvailable()).isTrue();
    }

    @Test
    void aResetBeforeTheFirstAttemptKeepsOrdersWaitingForIt() {
        step(SubagentCoupling::reset);
        assertThat(coupling.isCoupling()).isTrue();

        step(c -> c.resetDone("D-reset-1"));

        assertThat(coupling.phase()).isEqualTo(COUPLING);
        assertThat(step(c -> c.coupled("D", answer("S1", true))).trigger()).as("answered for the old dedication").isEqualTo(COUPLED_STALE);
        assertThat(coupling.phase()).isEqualTo(UNCOUPLED);
    }

    @Test
    void everyKindOfCouplingAnswerDuringAResetWaitsForTheReset() {
        for (DirectorCoupled answer : List.of(answer("S1", true), answer("S2", true), answer("S1", false))) {
            coupling = new SubagentCoupling(RESETTING, true, "D", Optional.of("S1"), Duration.ofSeconds(30), Optional.empty(), false);
            step(c -> c.coupled("D", answer));
            assertThat(coupling.phase()).isEqualTo(RESETTING);
        }
        coupling = new SubagentCoupling(RESETTING, true, "D", Optional.empty(), Duration.ofSeconds(30), Optional.empty(), false);
        assertThat(step(c -> c.coupled("D", answer("S1", true))).trigger()).isEqualTo(COUPLED_FIRST);
        assertThat(coupling.phase()).isEqualTo(RESETTING);
        coupling = new SubagentCoupling(RESETTING, true, "D2", Optional.empty(), Duration.ofSeconds(30), Optional.empty(), false);
        assertThat(step(c -> c.coupled("D", answer("S1", true))).trigger()).isEqualTo(COUPLED_STALE);
        assertThat(coupling.phase()).isEqualTo(RESETTING);
        step(c -> c.failed(FAILED, 0));
        assertThat(coupling.phase()).as("a failure in flight changes nothing").isEqualTo(RESETTING);
    }

    @Test
    void aResetWhileUncoupledAndCloseFromEveryPhase() {
        step(c -> c.failed(FAILED, 0));
        step(SubagentCoupling::reset);
        assertThat(coupling.phase()).isEqualTo(RESETTING);
        step(SubagentCoupling::close);
        assertThat(coupling.phase()).isEqualTo(CLOSED);
        assertThat(coupling.isCoupling()).isFalse();
        assertThat(step(SubagentCoupling::reset).actions()).as("closed stays closed").isEmpty();

        for (Phase phase : List.of(COUPLING, COUPLED, UNCOUPLED)) {
            coupling = new SubagentCoupling(phase, false, "D", Optional.empty(), Duration.ofSeconds(30), Optional.empty(), false);
            step(SubagentCoupling::close);
            assertThat(coupling.phase()).isEqualTo(CLOSED);
        }
        coupling = SubagentCoupling.initial("D");
        step(SubagentCoupling::reset);
    }

    @Test
    void lossesNameWhyTheProcessesAreLost() {
        SubagentId id = new SubagentId("S");
        assertThat(SubagentCoupling.lossProblem(COUPLED_FIRST, id, true).code()).isEqualTo("ProcessUnknown");
        assertThat(SubagentCoupling.lossProblem(COUPLED_FIRST, id, false).code()).isEqualTo("SubagentNotContinued");
        assertThat(SubagentCoupling.lossProblem(COUPLED_RESTARTED, id, false).code()).isEqualTo("SubagentRestarted");
        assertThat(SubagentCoupling.lossProblem(COUPLED_GAVE_UP, id, false).code()).isEqualTo("SubagentGaveUpProcesses");
        assertThat(SubagentCoupling.lossProblem(RESET, id, false).code()).isEqualTo("SubagentReset");
    }

    @Test
    void noPairIsListedTwice() {
        Set<String> seen = new HashSet<>();
        for (Row row : SubagentCouplingTable.rows()) {
            assertThat(seen.add(key(row.from(), row.trigger()))).as(key(row.from(), row.trigger())).isTrue();
        }
    }

    @AfterAll
    static void everyRowWasExercised() {
        Set<String> missing = SubagentCouplingTable.rows().stream().map(r -> key(r.from(), r.trigger()))
                .filter(k -> !exercised.contains(k)).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(missing).as("rows of SubagentCouplingTable no test exercised").isEmpty();
    }

}
