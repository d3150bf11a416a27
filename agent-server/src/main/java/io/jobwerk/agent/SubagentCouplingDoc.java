package io.jobwerk.agent;

import io.jobwerk.agent.SubagentCouplingTable.Action;
import io.jobwerk.agent.SubagentCouplingTable.Phase;
import io.jobwerk.agent.SubagentCouplingTable.Row;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders {@link SubagentCouplingTable} as the Markdown page {@code docs/subagent-coupling.md}. Pure:
 * the same table always gives the same text; a test compares the committed page with it.
 */
final class SubagentCouplingDoc {
    private SubagentCouplingDoc() {}

    static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Subagent coupling\n\n")
                .append("<!-- Generated from io.jobwerk.agent.SubagentCouplingTable by SubagentCouplingDoc; do not edit.\n")
                .append("     Regenerate: mvn -pl agent-server -am test -Dtest=SubagentCouplingDocTest -Dsurefire.failIfNoSpecifiedTests=false -Djobwerk.regenerateDocs=true -->\n\n")
                .append("How an Agent Director's link to one remote Subagent (`RemoteSubagentDriver`) moves between phases.\n")
                .append("`SubagentCoupling` takes what happened (a trigger) and returns the row's next phase and actions;\n")
                .append("the driver carries the actions out in the order listed. A row marked *after loss* is taken only\n")
                .append("once its loss is durable in the Director's journal; until then the coupling stays where it was\n")
                .append("and the driver tries again. A pair not listed leaves the coupling as it is.\n\n");
        sb.append("## Transitions\n\n| Phase | Trigger | Next phase | Actions | Why |\n|---|---|---|---|---|\n");
        for (Row row : SubagentCouplingTable.rows()) {
            sb.append("| ").append(name(row.from()))
                    .append(" | ").append(name(row.trigger()))
                    .append(" | ").append(row.to().stream().map(SubagentCouplingDoc::name).collect(Collectors.joining(" or ")))
                    .append(" | ").append(row.actions().isEmpty() ? "–"
                            : row.actions().stream().map(SubagentCouplingDoc::name).collect(Collectors.joining(", ")))
                    .append(row.afterLoss() ? " (after loss)" : "")
                    .append(" | ").append(row.why()).append(" |\n");
        }
        sb.append("\n## Phases\n\n");
        for (Phase phase : Phase.values()) {
            sb.append("- **").append(name(phase)).append("**").append(describe(phase)).append('\n');
        }
        sb.append("\n## Actions\n\n");
        for (Action action : Action.values()) {
            sb.append("- **").append(name(action)).append("**").append(describe(action)).append('\n');
        }
        return sb.toString();
    }

    private static String describe(Phase phase) {
        return switch (phase) {
            case COUPLING -> ": not tried yet; orders that may run here wait for the first attempt";
            case COUPLED -> ": dedicated to this Director; available for processes, its event stream is read";
            case UNCOUPLED -> ": unreachable or to be dedicated anew; unavailable, `CoupleDirector` is tried with back-off";
            case RESETTING -> ": `ResetSubagent` records the processes here as lost, then dedicates anew";
            case CLOSED -> ": the driver is closed";
        };
    }

    private static String describe(Action action) {
        return switch (action) {
            case ADOPT -> ": orders processing here from before the Director's restart go on where the Subagent kept their task; the others are lost";
            case LOSE -> ": the processes here are recorded as lost (`OrderProcessed(Disrupted(ProcessLost))`), their jobs restart";
            case CONTINUE -> ": the event stream is read on where it was";
            case EMIT_COUPLED -> ": `SubagentCoupled` is journaled; orders waiting for a Subagent may start";
            case REPORT_FAILURE -> ": `SubagentCouplingFailed` is journaled, once per distinct problem";
            case LOSE_AND_REDEDICATE -> ": as Lose, then a new dedication run id, so the Subagent kills what may still run of them";
            case FORGET_RUN -> ": the Subagent's run is forgotten; the next coupling takes over as after a restart of the Director";
            case REDEDICATE -> ": a new dedication run id, coupled with next";
            case WAKE_WAITING_ORDERS -> ": a keeper round; orders that waited for the first attempt choose among the other Subagents";
        };
    }

    /** {@code LOSE_AND_REDEDICATE} → {@code LoseAndRededicate}. */
    static String name(Enum<?> value) {
        StringBuilder sb = new StringBuilder();
        for (String part : value.name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
