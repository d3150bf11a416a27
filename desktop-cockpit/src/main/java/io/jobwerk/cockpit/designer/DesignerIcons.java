package io.jobwerk.cockpit.designer;

import io.jobwerk.cockpit.graph.WorkflowGraphBuilder;
import io.jobwerk.engine.workflow.Instruction;

/** The icon of each instruction kind, as the workflow graph draws it. */
final class DesignerIcons {
    private DesignerIcons() {}

    static String of(Instruction.Kind kind) {
        return WorkflowGraphBuilder.icon(kind);
    }
}
