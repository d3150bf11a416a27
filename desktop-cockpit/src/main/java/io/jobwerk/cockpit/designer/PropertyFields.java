package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.workflow.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * The editable properties of each instruction and of a job, as fields on their JS7 JSON: the property
 * pane edits the JSON (so the engine's own codec checks every value, expressions included) and never
 * duplicates what the codec knows about each field.
 */
final class PropertyFields {
    private PropertyFields() {}

    /** How a field is typed; {@code ADMISSION_TIMES} and {@code SCHEDULE} are forms, not text. */
    enum Type { TEXT, EXPRESSION, NUMBER, BOOLEAN, LIST, NUMBER_LIST, MAP, JSON, SCRIPT, ADMISSION_TIMES, SCHEDULE }

    /** A field at a JSON pointer ({@code /ifThens/0/predicate}) with its label and how it is typed. */
    record Field(String pointer, String label, Type type) {}

    static List<Field> of(Instruction instruction) {
        List<Field> f = new ArrayList<>();
        f.add(new Field("/label", "Label", Type.TEXT));
        switch (instruction.kind()) {
            case EXECUTE_NAMED -> {
                f.add(new Field("/jobName", "Job", Type.TEXT));
                f.add(new Field("/defaultArguments", "Arguments (name = expression)", Type.MAP));
            }
            case EXECUTE_ANONYMOUS -> f.add(new Field("/defaultArguments", "Arguments (name = expression)", Type.MAP));
            case IF -> {
                List<Instruction.IfThen> thens = ((Instruction.If) instruction).ifThens();
                for (int i = 0; i < thens.size(); i++) {
                    f.add(new Field("/ifThens/" + i + "/predicate", i == 0 ? "If" : "Else if", Type.EXPRESSION));
                }
            }
            case FORK -> {
                int n = ((Instruction.Fork) instruction).forkBranches().size();
                for (int i = 0; i < n; i++) {
                    f.add(new Field("/branches/" + i + "/id", "Branch " + (i + 1), Type.TEXT));
                }
                f.add(new Field("/agentPath", "Agent (children run there)", Type.TEXT));
                f.add(new Field("/joinIfFailed", "Join also when a child fails", Type.BOOLEAN));
            }
            case FORK_LIST -> {
                f.add(new Field("/children", "Children (a list)", Type.EXPRESSION));
                f.add(new Field("/childToId", "Child to id", Type.EXPRESSION));
                f.add(new Field("/childToArguments", "Child to arguments", Type.EXPRESSION));
                f.add(new Field("/agentPath", "Agent", Type.TEXT));
                f.add(new Field("/joinIfFailed", "Join also when a child fails", Type.BOOLEAN));
            }
            case TRY -> {
                f.add(new Field("/retryDelays", "Retry delays (seconds)", Type.NUMBER_LIST));
                f.add(new Field("/maxTries", "Maximum tries", Type.NUMBER));
            }
            case LOCK -> f.add(new Field("/demands", "Lock demands", Type.JSON));
            case CYCLE -> {
                f.add(new Field("/schedule", "Schedule", Type.SCHEDULE));
                f.add(new Field("/onlyOnePeriod", "Only one period", Type.BOOLEAN));
            }
            case PROMPT -> f.add(new Field("/question", "Question", Type.EXPRESSION));
            case SLEEP -> f.add(new Field("/duration", "Duration (seconds)", Type.EXPRESSION));
            case FAIL -> {
                f.add(new Field("/message", "Message", Type.EXPRESSION));
                f.add(new Field("/uncatchable", "Uncatchable", Type.BOOLEAN));
            }
            case FINISH -> f.add(new Field("/outcome", "Outcome", Type.JSON));
            case POST_NOTICES -> f.add(new Field("/boardPaths", "Boards", Type.LIST));
            case EXPECT_NOTICES, CONSUME_NOTICES -> {
                f.add(new Field("/boardPaths", "Boards (expression, e.g. 'a' && 'b')", Type.TEXT));
                f.add(new Field("/whenNotAnnounced", "When not announced (Wait, DontWait, SkipWhenNoNotice)", Type.TEXT));
            }
            case ADD_ORDER -> {
                f.add(new Field("/orderId", "Order id", Type.EXPRESSION));
                f.add(new Field("/workflowPath", "Workflow", Type.TEXT));
                f.add(new Field("/arguments", "Arguments (name = expression)", Type.MAP));
                f.add(new Field("/deleteWhenTerminated", "Delete when terminated", Type.BOOLEAN));
            }
            case STICKY_SUBAGENT -> {
                f.add(new Field("/agentPath", "Agent", Type.TEXT));
                f.add(new Field("/subagentBundleIdExpr", "Subagent bundle (expression)", Type.EXPRESSION));
            }
            case OPTIONS -> f.add(new Field("/stopOnFailure", "Stop on failure", Type.BOOLEAN));
            case ADMISSION_TIME -> {
                f.add(new Field("/admissionTimeScheme", "Admission times", Type.ADMISSION_TIMES));
            }
            case RETRY, BREAK, STOP, END, IMPLICIT_END -> { }
        }
        return f;
    }

    /** A job's properties (JobJson's field names). */
    static List<Field> ofJob() {
        return List.of(
                new Field("/agentPath", "Agent", Type.TEXT),
                new Field("/executable/script", "Script", Type.SCRIPT),
                new Field("/executable/env", "Environment (name = expression)", Type.MAP),
                new Field("/executable/returnCodeMeaning", "Return-code meaning, e.g. {\"success\":[0,3]}", Type.JSON),
                new Field("/defaultArguments", "Arguments (name = expression)", Type.MAP),
                new Field("/jobResourcePaths", "Job resources", Type.LIST),
                new Field("/processLimit", "Parallelism (process limit)", Type.NUMBER),
                new Field("/timeout", "Timeout (seconds)", Type.NUMBER),
                new Field("/sigkillDelay", "SIGKILL delay (seconds)", Type.NUMBER),
                new Field("/subagentBundleIdExpr", "Subagent bundle (expression)", Type.EXPRESSION),
                new Field("/admissionTimeScheme", "Admission times", Type.ADMISSION_TIMES),
                new Field("/failOnErrWritten", "Fail when stderr is written", Type.BOOLEAN));
    }
}
