package io.jobwerk.cockpit.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.cockpit.designer.PropertyFields.Field;
import io.jobwerk.cockpit.designer.PropertyFields.Type;
import io.jobwerk.cockpit.designer.model.InstructionTemplates;
import io.jobwerk.cockpit.designer.model.WorkflowEdit;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.InstructionJson;
import io.jobwerk.engine.json.JobJson;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.CodeArea;

/**
 * The properties of the selected instruction and, for a job, of the job it runs. Each field edits
 * the instruction's (or job's) JS7 JSON; every keystroke is checked by the engine's codec and a
 * problem is shown under the field at once; Enter or leaving the field applies a valid value as one
 * undoable edit.
 */
final class PropertyPane extends VBox {

    private final DesignerViewModel viewModel;

    PropertyPane(DesignerViewModel viewModel) {
        super(6);
        this.viewModel = viewModel;
        setId("properties");
        getStyleClass().add("designer-properties");
        viewModel.selectedProperty().addListener((o, a, b) -> rebuild());
        viewModel.historyProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        Optional<Position> selected = viewModel.selectedProperty().get();
        Workflow workflow = viewModel.workflow();
        Optional<Instruction> instruction = selected.flatMap(p -> workflow.instruction(p).toOptional())
                .filter(i -> i.kind() != Instruction.Kind.IMPLICIT_END);
        if (instruction.isEmpty()) {
            Label hint = new Label("Select an instruction to see its properties.\nDrag one from the palette onto a line to insert it.");
            hint.getStyleClass().add("hint");
            hint.setWrapText(true);
            getChildren().add(hint);
            return;
        }
        Position at = selected.get();
        Label title = new Label(InstructionTemplates.name(instruction.get().kind()) + "  " + at);
        title.setId("propertiesTitle");
        title.getStyleClass().add("section-title");
        getChildren().add(title);
        ObjectNode json = InstructionJson.encode(instruction.get());
        for (Field field : PropertyFields.of(instruction.get())) {
            getChildren().add(editor(field, json, node -> InstructionJson.decode(node)
                    .map(i -> (WorkflowEdit) new WorkflowEdit.Replace(at, i))));
        }
        blockButtons(instruction.get(), at, json);
        Optional<JobName> jobName = workflow.jobName(at);
        workflow.job(at).toOptional().ifPresent(job -> {
            Label jobTitle = new Label("Job " + jobName.map(JobName::string).orElse("(inline)"));
            jobTitle.getStyleClass().add("section-title");
            getChildren().add(jobTitle);
            ObjectNode jobJson = JobJson.encode(job);
            for (Field field : PropertyFields.ofJob()) {
                if (field.pointer().startsWith("/executable/script") && !jobJson.path("executable").has("script")) {
                    continue;
                }
                getChildren().add(editor(field, jobJson, node -> JobJson.decode(node).map(j -> jobName.isPresent()
                        ? (WorkflowEdit) new WorkflowEdit.PutJob(jobName.get(), j)
                        : (WorkflowEdit) new WorkflowEdit.Replace(at, new Instruction.ExecuteAnonymous(instruction.get().label(), j,
                                ((Instruction.ExecuteAnonymous) instruction.get()).defaultArguments())))));
            }
        });
    }

    /** Buttons that add blocks: an else-if or else to an If, a branch to a Fork. */
    private void blockButtons(Instruction instruction, Position at, ObjectNode json) {
        HBox row = new HBox(6);
        if (instruction instanceof Instruction.If i) {
            Button elseIf = new Button("Add else-if");
            elseIf.setOnAction(e -> replaceWith(at, json, j -> ((ArrayNode) j.get("ifThens")).addObject()
                    .put("predicate", "true").set("then", emptyBlock())));
            Button elseBlock = new Button(i.elseBlock().isPresent() ? "Remove else" : "Add else");
            elseBlock.setId("toggleElse");
            elseBlock.setOnAction(e -> replaceWith(at, json, j -> {
                if (j.has("else")) {
                    j.remove("else");
                } else {
                    j.set("else", emptyBlock());
                }
            }));
            row.getChildren().addAll(elseIf, elseBlock);
        } else if (instruction instanceof Instruction.Fork f) {
            Button branch = new Button("Add branch");
            branch.setOnAction(e -> replaceWith(at, json, j -> ((ArrayNode) j.get("branches")).addObject()
                    .put("id", Character.toString('A' + f.forkBranches().size())).set("workflow", emptyBlock())));
            row.getChildren().add(branch);
        }
        if (!row.getChildren().isEmpty()) {
            getChildren().add(row);
        }
    }

    private void replaceWith(Position at, ObjectNode json, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = json.deepCopy();
        change.accept(copy);
        InstructionJson.decode(copy).toOptional().ifPresent(i -> viewModel.apply(new WorkflowEdit.Replace(at, i)));
    }

    private static ObjectNode emptyBlock() {
        ObjectNode block = EngineJson.MAPPER.createObjectNode();
        block.putArray("instructions");
        return block;
    }

    private Node editor(Field field, ObjectNode json, Function<JsonNode, Checked<WorkflowEdit>> toEdit) {
        Label name = new Label(field.label());
        name.getStyleClass().add("field-label");
        Label problem = new Label();
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.setManaged(false);
        problem.setVisible(false);
        String fieldId = "field-" + field.pointer().substring(1).replaceAll("[^A-Za-z0-9]+", "-");
        if (field.type() == Type.ADMISSION_TIMES || field.type() == Type.SCHEDULE) {
            return new VBox(2, name, TimeForms.form(field, json, toEdit, viewModel::applyProperty));
        }
        if (field.type() == Type.BOOLEAN) {
            CheckBox box = new CheckBox(field.label());
            box.setId(fieldId);
            box.setSelected(at(json, field.pointer()).asBoolean(false));
            box.setOnAction(e -> edit(json, field, Boolean.toString(box.isSelected()), toEdit).ifPresent(viewModel::applyProperty));
            return box;
        }
        String initial = text(field.type(), at(json, field.pointer()));
        Node control;
        javafx.beans.value.ObservableValue<String> textValue;
        Runnable commit;
        if (field.type() == Type.SCRIPT) {
            CodeArea area = new ScriptEditor(initial);
            area.setPrefHeight(150);
            control = new org.fxmisc.flowless.VirtualizedScrollPane<>(area);
            textValue = area.textProperty();
            commit = () -> apply(json, field, area.getText(), initial, toEdit);
            area.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    javafx.application.Platform.runLater(commit); // after a rebuild that took the focus away
                }
            });
            area.setId(fieldId);
        } else {
            TextInputControl input = field.type() == Type.MAP || field.type() == Type.JSON ? new TextArea(initial) : new TextField(initial);
            if (input instanceof TextArea area) {
                area.setPrefRowCount(Math.max(2, Math.min(6, (int) initial.lines().count())));
                area.setWrapText(true);
            } else {
                ((TextField) input).setOnAction(e -> apply(json, field, input.getText(), initial, toEdit));
            }
            input.setId(fieldId);
            input.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    String text = input.getText();
                    javafx.application.Platform.runLater(() -> apply(json, field, text, initial, toEdit)); // after a rebuild
                }
            });
            control = input;
            textValue = input.textProperty();
        }
        textValue.addListener((o, a, text) -> {
            Optional<String> why = edit(json, field, text, toEdit).isPresent() ? Optional.empty() : lastProblem;
            problem.setText(why.orElse(""));
            problem.setVisible(why.isPresent());
            problem.setManaged(why.isPresent());
            control.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), why.isPresent());
        });
        return new VBox(2, name, control, problem);
    }

    private Optional<String> lastProblem = Optional.empty();

    private void apply(ObjectNode json, Field field, String text, String initial, Function<JsonNode, Checked<WorkflowEdit>> toEdit) {
        if (!text.equals(initial)) {
            edit(json, field, text, toEdit).ifPresent(viewModel::applyProperty);
        }
    }

    /** The edit the text makes, if the codec takes it; else {@link #lastProblem} says why. */
    private Optional<WorkflowEdit> edit(ObjectNode json, Field field, String text, Function<JsonNode, Checked<WorkflowEdit>> toEdit) {
        Checked<WorkflowEdit> edit = value(field.type(), text).flatMap(value -> {
            ObjectNode copy = json.deepCopy();
            set(copy, field.pointer(), value);
            return toEdit.apply(copy);
        });
        lastProblem = edit.problemOption().map(Problem::message);
        return edit.toOptional();
    }

    static JsonNode at(JsonNode json, String pointer) {
        return json.at(pointer);
    }

    static String text(Type type, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return switch (type) {
            case LIST, NUMBER_LIST -> {
                StringBuilder sb = new StringBuilder();
                node.forEach(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n.asText()));
                yield sb.toString();
            }
            case MAP -> {
                StringBuilder sb = new StringBuilder();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sb.append(e.getKey()).append(" = ").append(e.getValue().asText()).append('\n');
                }
                yield sb.toString().strip();
            }
            case JSON -> node.toPrettyString();
            default -> node.asText();
        };
    }

    /** The JSON value of a field's text; empty text removes the field (a missing node). */
    static Checked<JsonNode> value(Type type, String text) {
        String t = type == Type.SCRIPT ? text : text.strip();
        if (t.isEmpty() && type != Type.SCRIPT) {
            return Checked.ok(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
        switch (type) {
            case NUMBER -> {
                try {
                    return Checked.ok(EngineJson.MAPPER.getNodeFactory().numberNode(new BigDecimal(t)));
                } catch (NumberFormatException e) {
                    return Checked.fail(Problem.of("NotANumber", "'" + t + "' is not a number"));
                }
            }
            case BOOLEAN -> {
                return Checked.ok(com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(t)));
            }
            case LIST, NUMBER_LIST -> {
                ArrayNode a = EngineJson.MAPPER.createArrayNode();
                for (String part : t.split(",")) {
                    if (type == Type.LIST) {
                        a.add(part.strip());
                    } else {
                        try {
                            a.add(EngineJson.MAPPER.getNodeFactory().numberNode(new BigDecimal(part.strip())));
                        } catch (NumberFormatException e) {
                            return Checked.fail(Problem.of("NotANumber", "'" + part.strip() + "' is not a number"));
                        }
                    }
                }
                return Checked.ok(a);
            }
            case MAP -> {
                ObjectNode o = EngineJson.MAPPER.createObjectNode();
                for (String line : List.of(t.split("\n"))) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        return Checked.fail(Problem.of("NotAnAssignment", "'" + line.strip() + "': write NAME = EXPRESSION"));
                    }
                    o.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
                return Checked.ok(o);
            }
            case JSON -> {
                return EngineJson.parse(t);
            }
            default -> {
                return Checked.ok(com.fasterxml.jackson.databind.node.TextNode.valueOf(t));
            }
        }
    }

    /** Sets (or, for a missing node, removes) the value at a JSON pointer, creating objects on the way. */
    static void set(ObjectNode json, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        JsonNode parent = json;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
            if (next == null || next.isNull()) {
                next = ((ObjectNode) parent).putObject(parts[i]);
            }
            parent = next;
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ObjectNode o) {
            if (value.isMissingNode()) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        }
    }
}
