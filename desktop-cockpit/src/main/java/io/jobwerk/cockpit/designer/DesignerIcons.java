package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.workflow.Instruction;

/** The icon of each instruction kind, as the workflow graph draws it. */
final class DesignerIcons {
    private DesignerIcons() {}

    static String of(Instruction.Kind kind) {
        return switch (kind) {
            case EXECUTE_NAMED, EXECUTE_ANONYMOUS -> "mdoal-code";
            case IF, FORK, FORK_LIST -> "mdoal-call_split";
            case TRY, RETRY -> "mdmz-replay";
            case LOCK -> "mdoal-lock";
            case PROMPT -> "mdoal-help_outline";
            case FINISH, END, IMPLICIT_END -> "mdoal-check";
            case FAIL -> "mdoal-error_outline";
            case STOP -> "mdmz-pan_tool";
            case POST_NOTICES, EXPECT_NOTICES, CONSUME_NOTICES -> "mdmz-notifications";
            case CYCLE, BREAK -> "mdoal-autorenew";
            case ADD_ORDER -> "mdoal-add_circle_outline";
            case STICKY_SUBAGENT -> "mdoal-dns";
            case OPTIONS -> "mdmz-settings";
            case SLEEP, ADMISSION_TIME -> "mdoal-access_time";
        };
    }
}
