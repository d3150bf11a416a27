package io.jobwerk.cockpit.designer.model;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workflow being designed with its undo and redo stacks, as one immutable value: every edit
 * returns a new history; undo and redo move whole workflow values (they share all unchanged
 * blocks, so a step costs only the path to what changed). At most {@link #LIMIT} steps are kept.
 *
 * @param undoSteps earlier workflows with the edit that left each, oldest first
 * @param redoSteps undone workflows with their edits, the next redo last
 */
public record EditHistory(List<Step> undoSteps, Workflow current, List<Step> redoSteps) {

    public static final int LIMIT = 500;

    /** A workflow and the edit that left it (to name the step in the menu). */
    public record Step(Workflow workflow, String description) {}

    public EditHistory {
        undoSteps = List.copyOf(undoSteps);
        redoSteps = List.copyOf(redoSteps);
    }

    public static EditHistory of(Workflow workflow) {
        return new EditHistory(List.of(), workflow, List.of());
    }

    /** Applies the edit as a new step (clears redoSteps); the problem if it cannot be applied. */
    public Checked<Applied> apply(WorkflowEdit edit) {
        return WorkflowEdit.apply(current, edit).map(edited -> {
            List<Step> u = new ArrayList<>(undoSteps);
            u.add(new Step(current, edit.describe()));
            if (u.size() > LIMIT) {
                u.remove(0);
            }
            return new Applied(new EditHistory(u, edited.workflow(), List.of()), edited.focus());
        });
    }

    /** The history after an edit and the position to select. */
    public record Applied(EditHistory history, Optional<io.jobwerk.engine.workflow.Position> focus) {}

    public boolean canUndo() {
        return !undoSteps.isEmpty();
    }

    public boolean canRedo() {
        return !redoSteps.isEmpty();
    }

    public Optional<String> undoDescription() {
        return canUndo() ? Optional.of(undoSteps.get(undoSteps.size() - 1).description()) : Optional.empty();
    }

    public Optional<String> redoDescription() {
        return canRedo() ? Optional.of(redoSteps.get(redoSteps.size() - 1).description()) : Optional.empty();
    }

    public EditHistory undo() {
        if (!canUndo()) {
            return this;
        }
        Step last = undoSteps.get(undoSteps.size() - 1);
        List<Step> r = new ArrayList<>(redoSteps);
        r.add(new Step(current, last.description()));
        return new EditHistory(undoSteps.subList(0, undoSteps.size() - 1), last.workflow(), r);
    }

    public EditHistory redo() {
        if (!canRedo()) {
            return this;
        }
        Step next = redoSteps.get(redoSteps.size() - 1);
        List<Step> u = new ArrayList<>(undoSteps);
        u.add(new Step(current, next.description()));
        return new EditHistory(u, next.workflow(), redoSteps.subList(0, redoSteps.size() - 1));
    }
}
