package io.jobwerk.cockpit.designer;

import io.jobwerk.cockpit.designer.model.InstructionTemplates;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.engine.workflow.Instruction;
import java.util.function.Consumer;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** Every instruction, each to be dragged onto a line of the graph (or a "drop here" box). */
final class Palette extends VBox {

    Palette(Consumer<DragPayload> onDragStarted) {
        super(2);
        setId("palette");
        getStyleClass().add("designer-palette");
        Label title = new Label("Instructions");
        title.getStyleClass().add("section-title");
        getChildren().add(title);
        for (Instruction.Kind kind : InstructionTemplates.PALETTE) {
            Label item = new Label(InstructionTemplates.name(kind), Icons.icon(DesignerIcons.of(kind)));
            item.setId("palette-" + kind.name());
            item.getStyleClass().add("palette-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setCursor(Cursor.OPEN_HAND);
            item.setTooltip(new Tooltip("Drag onto a line of the workflow to insert " + InstructionTemplates.name(kind)));
            item.setOnDragDetected(e -> {
                onDragStarted.accept(new DragPayload.NewInstruction(kind));
                item.startFullDrag();
                e.consume();
            });
            getChildren().add(item);
        }
    }
}
