package io.jobwerk.cockpit.designer.bench;

import io.jobwerk.cockpit.designer.LargeWorkflows;
import io.jobwerk.cockpit.designer.model.EditHistory;
import io.jobwerk.cockpit.designer.model.InstructionTemplates;
import io.jobwerk.cockpit.graph.BlockLayout;
import io.jobwerk.cockpit.graph.GraphLayout;
import io.jobwerk.cockpit.graph.WorkflowGraph;
import io.jobwerk.cockpit.graph.WorkflowGraphBuilder;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Arrays;

/**
 * What one edit costs in the designer without drawing: the edit applied to the model (with its
 * validation), the graph built and laid out (the designer's block layout; ELK's beside it, which the
 * designer used before), for workflows of N instructions. Prints the
 * median and the 90th percentile of 30 edits after 20 to warm up.
 * {@code bench/designer/run.sh 50 200 500}
 */
public final class DesignerLayoutBench {
    public static void main(String[] args) {
        for (String arg : args.length == 0 ? new String[] {"200"} : args) {
            Workflow w = LargeWorkflows.of(Integer.parseInt(arg));
            long[] nanos = new long[30];
            long[][] parts = new long[5][30];
            for (int i = -20; i < nanos.length; i++) {
                long start = System.nanoTime();
                EditHistory h = EditHistory.of(w).apply(InstructionTemplates.insert(Instruction.Kind.SLEEP, w,
                        Position.of(w.instructions().size() / 2))).orThrow().history();
                long edited = System.nanoTime();
                io.jobwerk.cockpit.designer.model.DesignValidation.validate(h.current());
                long validated = System.nanoTime();
                WorkflowGraph g = WorkflowGraphBuilder.forEditing(h.current());
                long built = System.nanoTime();
                BlockLayout.layout(g, io.jobwerk.cockpit.graph.NodeSizes::of).orElseThrow();
                long laid = System.nanoTime();
                GraphLayout.layout(g, io.jobwerk.cockpit.graph.NodeSizes::of);
                long elk = System.nanoTime();
                if (i >= 0) {
                    nanos[i] = laid - start;
                    parts[0][i] = edited - start;
                    parts[1][i] = validated - edited;
                    parts[2][i] = built - validated;
                    parts[3][i] = laid - built;
                    parts[4][i] = elk - laid;
                }
            }
            Arrays.sort(nanos);
            for (long[] p : parts) {
                Arrays.sort(p);
            }
            System.out.printf("%d instructions (%d graph nodes): per edit median %.1f ms, p90 %.1f ms"
                            + " (medians: edit %.1f, validation %.1f, graph %.1f, block layout %.1f ms); ELK's layout instead: median %.1f ms%n",
                    LargeWorkflows.size(w), WorkflowGraphBuilder.forEditing(w).nodes().size(),
                    nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6,
                    parts[0][15] / 1e6, parts[1][15] / 1e6, parts[2][15] / 1e6, parts[3][15] / 1e6, parts[4][15] / 1e6);
        }
    }
}
