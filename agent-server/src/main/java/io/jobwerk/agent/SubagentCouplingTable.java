package io.jobwerk.agent;

import static io.jobwerk.agent.SubagentCouplingTable.Action.*;
import static io.jobwerk.agent.SubagentCouplingTable.Phase.*;
import static io.jobwerk.agent.SubagentCouplingTable.Trigger.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coupling of a Director with a remote Subagent as data: in which {@link Phase} which
 * {@link Trigger} leads to which phase, with which {@link Action}s. {@link SubagentCoupling} consults
 * it; {@code docs/subagent-coupling.md} is rendered from it ({@link SubagentCouplingDoc}), and a test
 * fails when a row is never exercised. A pair not in the table leaves the coupling as it is.
 */
final class SubagentCouplingTable {
    private SubagentCouplingTable() {}

    enum Phase {
        /** Not tried yet: orders that may run here wait for the first attempt. */
        COUPLING,
        /** Dedicated to this Director (its current dedication): available for processes, its event stream read. */
        COUPLED,
        /** Not reachable, or to be dedicated anew: unavailable; {@code CoupleDirector} is tried again with back-off. */
        UNCOUPLED,
        /** {@code ResetSubagent}: the processes here are recorded as lost; then dedicated anew. */
        RESETTING,
        CLOSED
    }

    enum Trigger {
        /** {@code CoupleDirector} answered, the first time in this Director run (or after a torn stream). */
        COUPLED_FIRST,
        /** Answered by another run of the Subagent than before: it was restarted. */
        COUPLED_RESTARTED,
        /** Answered by the same run, which gave up this Director's processes (a silence, another dedication). */
        COUPLED_GAVE_UP,
        /** Answered by the same run, which kept the processes. */
        COUPLED_CONTINUED,
        /** Answered for a dedication replaced meanwhile (a reset). */
        COUPLED_STALE,
        /** {@code CoupleDirector} or the event stream failed; the Subagent may still run the processes. */
        UNREACHABLE,
        /** Failed with the connection refused (its process is gone), or failing longer than its director timeout + 1 s (it has killed them). */
        GONE,
        /** The loss after {@link #GONE} is durable. */
        LOSS_RECORDED,
        /** The event stream lost events before they were read ({@code EventSeqTorn}): outcomes may be missing. */
        STREAM_TORN,
        /** A start was refused as by a gone Subagent ({@code ConnectionRefused}, {@code SubagentRunIdMismatch}) or a stopping one ({@code SubagentIsStopping}). */
        START_REFUSED,
        /** {@code ResetSubagent}. */
        RESET,
        /** The reset's loss is durable. */
        RESET_DONE,
        CLOSE
    }

    /** What the driver does, in the row's order. */
    enum Action {
        /** Orders processing here from before the Director's restart go on where the Subagent kept their task, the others are lost. */
        ADOPT,
        /** The processes here are recorded as lost ({@code OrderProcessed(Disrupted(ProcessLost))}), their jobs restart. */
        LOSE,
        /** The event stream is read on where it was. */
        CONTINUE,
        /** {@code SubagentCoupled} is journaled: orders waiting for a Subagent may start. */
        EMIT_COUPLED,
        /** {@code SubagentCouplingFailed} is journaled, once per distinct problem. */
        REPORT_FAILURE,
        /** As LOSE, and a new dedication run id, so that the Subagent kills what may still run of them. */
        LOSE_AND_REDEDICATE,
        /** The Subagent's run is forgotten: the next coupling takes over as after a restart of the Director. */
        FORGET_RUN,
        /** A new dedication run id, coupled with next. */
        REDEDICATE,
        /** A keeper round: orders that waited for this first attempt choose among the other Subagents. */
        WAKE_WAITING_ORDERS
    }

    /**
     * @param to        the phase reached; where there are two, the first unless the coupling says otherwise
     *                  (back to {@code COUPLING} after a reset when no attempt was made before it)
     * @param afterLoss the target is reached only once the row's loss (ADOPT, LOSE, LOSE_AND_REDEDICATE) is
     *                  durable; while it is not, the coupling stays as it was and the driver tries again
     */
    record Row(Phase from, Trigger trigger, List<Phase> to, List<Action> actions, boolean afterLoss, String why) {
        Row {
            to = List.copyOf(to);
            actions = List.copyOf(actions);
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();

    private static void row(Phase from, Trigger trigger, Phase to, List<Action> actions, String why) {
        ROWS.add(new Row(from, trigger, List.of(to), actions, false, why));
    }

    private static void rowAfterLoss(Phase from, Trigger trigger, Phase to, List<Action> actions, String why) {
        ROWS.add(new Row(from, trigger, List.of(to), actions, true, why));
    }

    static {
        for (Phase from : List.of(COUPLING, UNCOUPLED)) {
            rowAfterLoss(from, COUPLED_FIRST, COUPLED, List.of(ADOPT, EMIT_COUPLED), "take over what the Subagent kept");
            rowAfterLoss(from, COUPLED_RESTARTED, COUPLED, List.of(LOSE, EMIT_COUPLED), "a new run knows none of the processes");
            rowAfterLoss(from, COUPLED_GAVE_UP, COUPLED, List.of(LOSE, EMIT_COUPLED), "their kills' outcomes are not the jobs' own");
            row(from, COUPLED_CONTINUED, COUPLED, List.of(CONTINUE, EMIT_COUPLED), "the processes go on");
        }
        for (Phase from : List.of(COUPLING, UNCOUPLED)) {
            row(from, COUPLED_STALE, UNCOUPLED, List.of(), "couple again with the new dedication");
        }
        for (Trigger coupled : List.of(COUPLED_FIRST, COUPLED_RESTARTED, COUPLED_GAVE_UP, COUPLED_CONTINUED, COUPLED_STALE)) {
            row(RESETTING, coupled, RESETTING, List.of(), "the reset's new dedication couples next");
        }
        row(COUPLING, UNREACHABLE, UNCOUPLED, List.of(REPORT_FAILURE, WAKE_WAITING_ORDERS), "first attempt failed");
        row(COUPLING, GONE, UNCOUPLED, List.of(REPORT_FAILURE, LOSE_AND_REDEDICATE, WAKE_WAITING_ORDERS), "first attempt refused");
        for (Phase from : List.of(COUPLED, UNCOUPLED)) {
            row(from, UNREACHABLE, UNCOUPLED, List.of(REPORT_FAILURE), "unavailable at once; processes kept");
            row(from, GONE, UNCOUPLED, List.of(REPORT_FAILURE, LOSE_AND_REDEDICATE), "processes lost; the Subagent kills leftovers");
        }
        row(UNCOUPLED, LOSS_RECORDED, UNCOUPLED, List.of(REDEDICATE), "no second loss until coupled again");
        rowAfterLoss(COUPLED, STREAM_TORN, UNCOUPLED, List.of(LOSE_AND_REDEDICATE, FORGET_RUN), "couple anew at once");
        row(COUPLED, START_REFUSED, UNCOUPLED, List.of(), "the next coupling finds out what happened");
        for (Phase from : List.of(COUPLING, COUPLED, UNCOUPLED)) {
            row(from, RESET, RESETTING, List.of(LOSE), "unavailable at once; the loss is retried until durable");
        }
        ROWS.add(new Row(RESETTING, RESET_DONE, List.of(UNCOUPLED, COUPLING), List.of(REDEDICATE), false,
                "the Subagent kills what the old dedication started; Coupling if never tried"));
        for (Phase from : List.of(COUPLING, COUPLED, UNCOUPLED, RESETTING)) {
            row(from, CLOSE, CLOSED, List.of(), "no more requests");
        }
    }

    static List<Row> rows() {
        return List.copyOf(ROWS);
    }

    static Optional<Row> row(Phase from, Trigger trigger) {
        return ROWS.stream().filter(r -> r.from() == from && r.trigger() == trigger).findFirst();
    }
}
