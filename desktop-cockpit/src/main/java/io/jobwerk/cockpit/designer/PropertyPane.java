package io.jobwerk.cockpit.designer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.cockpit.designer.PropertyFields.Field;
import io.jobwerk.cockpit.designer.model.InstructionTemplates;
import io.jobwerk.cockpit.designer.model.WorkflowEdit;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.InstructionJson;
import io.jobwerk.engine.json.JobJson;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.job.WorkflowJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The properties of the selected instruction and, for a job, of the job it runs. Each field edits
 * the instruction's (or job's) JS7 JSON; every keystroke is checked by the engine's codec and a
 * problem is shown under the field at once; Enter or leaving the field applies a valid value as one
 * undoable edit. The controls are made anew only when the selection's {@link Shape} changes (another
 * kind, another number of branches, a job with or without a script); otherwise the same controls show
 * the new instruction's values, which spares the FX thread a new set of controls to style on every click.
 */
final class PropertyPane extends VBox {

    /** What decides the pane's controls: the same shape, the same controls. */
    record Shape(Instruction.Kind kind, List<Field> fields, boolean hasElse, Optional<List<Field>> jobFields) {}

    /** The selected instruction with what the pane shows of it. */
    private record Shown(Position at, Instruction instruction, ObjectNode json, Optional<JobName> jobName, Optional<ObjectNode> jobJson) {
        Shape shape() {
            return new Shape(instruction.kind(), PropertyFields.of(instruction),
                    instruction instanceof Instruction.If i && i.elseBlock().isPresent(), jobJson.map(PropertyPane::jobFields));
        }
    }

    private final DesignerViewModel viewModel;
    private Optional<Shape> shape = Optional.empty();
    private Optional<Shown> shown = Optional.empty();
    private final List<FieldEditor> editors = new ArrayList<>();
    private final FieldOwner instructionOwner = new FieldOwner(EngineJson.MAPPER.createObjectNode(), n -> { throw new IllegalStateException(); });
    private final FieldOwner jobOwner = new FieldOwner(EngineJson.MAPPER.createObjectNode(), n -> { throw new IllegalStateException(); });
    private final Label title = sectionTitle();
    private final Label jobTitle = sectionTitle();

    PropertyPane(DesignerViewModel viewModel) {
        super(6);
        this.viewModel = viewModel;
        setId("properties");
        getStyleClass().add("designer-properties");
        title.setId("propertiesTitle");
        viewModel.selectedProperty().addListener((o, a, b) -> show());
        viewModel.historyProperty().addListener((o, a, b) -> show());
        show();
    }

    private void show() {
        List<WorkflowEdit> pending = new ArrayList<>();
        editors.forEach(e -> e.takePending().ifPresent(pending::add));
        shown = selected();
        Optional<Shape> next = shown.map(Shown::shape);
        shown.ifPresent(this::bindOwners);
        if (next.equals(shape) && !getChildren().isEmpty()) {
            editors.forEach(FieldEditor::refresh);
        } else {
            shape = next;
            rebuild();
        }
        if (!pending.isEmpty()) {
            Platform.runLater(() -> pending.forEach(viewModel::applyProperty)); // what was typed, to what it was typed for
        }
    }

    private Optional<Shown> selected() {
        Workflow workflow = viewModel.workflow();
        return viewModel.selectedProperty().get().flatMap(at -> workflow.instruction(at).toOptional()
                .filter(i -> i.kind() != Instruction.Kind.IMPLICIT_END)
                .map(i -> new Shown(at, i, InstructionJson.encode(i), workflow.jobName(at),
                        workflow.job(at).toOptional().map(JobJson::encode))));
    }

    private void bindOwners(Shown s) {
        instructionOwner.bind(s.json(), node -> InstructionJson.decode(node).map(i -> new WorkflowEdit.Replace(s.at(), i)));
        title.setText(InstructionTemplates.name(s.instruction().kind()) + "  " + s.at());
        s.jobJson().ifPresent(json -> {
            jobOwner.bind(json, node -> JobJson.decode(node).map(j -> jobEdit(s, j)));
            jobTitle.setText("Job " + s.jobName().map(JobName::string).orElse("(inline)"));
        });
    }

    private static WorkflowEdit jobEdit(Shown s, WorkflowJob job) {
        return s.jobName().isPresent()
                ? new WorkflowEdit.PutJob(s.jobName().get(), job)
                : new WorkflowEdit.Replace(s.at(), new Instruction.ExecuteAnonymous(s.instruction().label(), job,
                        ((Instruction.ExecuteAnonymous) s.instruction()).defaultArguments()));
    }

    private void rebuild() {
        getChildren().clear();
        editors.clear();
        if (shape.isEmpty()) {
            Label hint = new Label("Select an instruction to see its properties.\nDrag one from the palette onto a line to insert it.");
            hint.getStyleClass().add("hint");
            hint.setWrapText(true);
            getChildren().add(hint);
            return;
        }
        getChildren().add(title);
        Consumer<WorkflowEdit> apply = viewModel::applyProperty;
        for (Field field : shape.get().fields()) {
            add(FieldEditor.of(field, instructionOwner, apply));
        }
        blockButtons(shape.get());
        shape.get().jobFields().ifPresent(fields -> {
            getChildren().add(jobTitle);
            fields.forEach(field -> add(FieldEditor.of(field, jobOwner, apply)));
        });
    }

    private void add(FieldEditor editor) {
        editors.add(editor);
        getChildren().add(editor.node());
    }

    private static List<Field> jobFields(ObjectNode jobJson) {
        return PropertyFields.ofJob().stream()
                .filter(f -> !f.pointer().startsWith("/executable/script") || jobJson.path("executable").has("script"))
                .toList();
    }

    /** Buttons that add blocks: an else-if or else to an If, a branch to a Fork. */
    private void blockButtons(Shape shape) {
        HBox row = new HBox(6);
        if (shape.kind() == Instruction.Kind.IF) {
            Button elseIf = new Button("Add else-if");
            elseIf.setOnAction(e -> replaceWith(j -> ((ArrayNode) j.get("ifThens")).addObject()
                    .put("predicate", "true").set("then", emptyBlock())));
            Button elseBlock = new Button(shape.hasElse() ? "Remove else" : "Add else");
            elseBlock.setId("toggleElse");
            elseBlock.setOnAction(e -> replaceWith(j -> {
                if (j.has("else")) {
                    j.remove("else");
                } else {
                    j.set("else", emptyBlock());
                }
            }));
            row.getChildren().addAll(elseIf, elseBlock);
        } else if (shape.kind() == Instruction.Kind.FORK) {
            Button branch = new Button("Add branch");
            branch.setOnAction(e -> replaceWith(j -> ((ArrayNode) j.get("branches")).addObject()
                    .put("id", Character.toString('A' + j.get("branches").size() - 1)).set("workflow", emptyBlock())));
            row.getChildren().add(branch);
        }
        if (!row.getChildren().isEmpty()) {
            getChildren().add(row);
        }
    }

    private void replaceWith(Consumer<ObjectNode> change) {
        ObjectNode copy = instructionOwner.json().deepCopy();
        change.accept(copy);
        instructionOwner.edit(copy).toOptional().ifPresent(viewModel::apply);
    }

    private static ObjectNode emptyBlock() {
        ObjectNode block = EngineJson.MAPPER.createObjectNode();
        block.putArray("instructions");
        return block;
    }

    private static Label sectionTitle() {
        Label label = new Label();
        label.getStyleClass().add("section-title");
        return label;
    }
}
