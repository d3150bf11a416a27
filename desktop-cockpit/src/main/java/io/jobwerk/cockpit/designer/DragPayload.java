package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;

/**
 * What is being dragged in the designer: a new instruction from the palette or an instruction of the
 * graph being moved. Drags are JavaFX press-drag-release gestures inside the window (not the
 * system's drag and drop), so drop targets see them without a Dragboard.
 */
sealed interface DragPayload {

    /** A new instruction of this kind. */
    record NewInstruction(Instruction.Kind kind) implements DragPayload {}

    /** The instruction at this position. */
    record Moving(Position from) implements DragPayload {}

    /** The selected instructions (several, consecutive in one block). */
    record MovingSelection() implements DragPayload {}
}
