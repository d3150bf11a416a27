package io.jobwerk.cockpit.designer;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cockpit.designer.PropertyFields.Field;
import io.jobwerk.cockpit.designer.PropertyFields.Type;
import io.jobwerk.cockpit.designer.model.WorkflowEdit;
import io.jobwerk.engine.base.Problem;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;

/**
 * One field of the property pane: its control, bound to a {@link FieldOwner}. {@link #refresh} shows
 * the owner's current value in the same control (the pane keeps its controls while the selection
 * keeps its shape); {@link #takePending} hands over a typed, valid, not yet applied value before the
 * owner changes, so nothing typed is lost or applied to the wrong instruction.
 */
sealed interface FieldEditor permits FieldEditor.TextEditor, FieldEditor.CheckEditor, FieldEditor.FormEditor {

    Node node();

    /** Shows the owner's value (after the owner changed or was rebound). */
    void refresh();

    /** The edit typed but not applied yet, if valid; afterwards the field has nothing pending. Only text is typed before it is applied. */
    default Optional<WorkflowEdit> takePending() {
        return Optional.empty();
    }

    static FieldEditor of(Field field, FieldOwner owner, Consumer<WorkflowEdit> apply) {
        return switch (field.type()) {
            case BOOLEAN -> new CheckEditor(field, owner, apply);
            case ADMISSION_TIMES, SCHEDULE -> new FormEditor(field, owner, apply);
            default -> new TextEditor(field, owner, apply);
        };
    }

    static String fieldId(Field field) {
        return "field-" + field.pointer().substring(1).replaceAll("[^A-Za-z0-9]+", "-");
    }

    private static Label fieldLabel(Field field) {
        Label name = new Label(field.label());
        name.getStyleClass().add("field-label");
        return name;
    }

    /** A text, expression, number, list, map, JSON or script field: checked on every keystroke, applied on Enter or leaving it. */
    final class TextEditor implements FieldEditor {
        private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
        private final Field field;
        private final FieldOwner owner;
        private final Consumer<WorkflowEdit> apply;
        private final Node box;
        private final Node control;
        private final StringProperty text;
        private final Label problem = new Label();
        private final Runnable forgetUndo;
        private String initial;
        private boolean refreshing;

        TextEditor(Field field, FieldOwner owner, Consumer<WorkflowEdit> apply) {
            this.field = field;
            this.owner = owner;
            this.apply = apply;
            initial = owner.text(field);
            problem.getStyleClass().add("field-problem");
            problem.setWrapText(true);
            problem.managedProperty().bind(problem.visibleProperty());
            problem.setVisible(false);
            Node focusable;
            if (field.type() == Type.SCRIPT) {
                ScriptEditor area = new ScriptEditor(initial);
                area.setPrefHeight(150);
                area.setId(fieldId(field));
                control = new VirtualizedScrollPane<>(area);
                focusable = area;
                text = new javafx.beans.property.SimpleStringProperty(initial);
                area.textProperty().addListener((o, a, t) -> text.set(t));
                text.addListener((o, a, t) -> {
                    if (!t.equals(area.getText())) {
                        area.replaceText(t);
                    }
                });
                forgetUndo = () -> area.getUndoManager().forgetHistory(); // not back to another job's script
            } else {
                TextInputControl input = field.type() == Type.MAP || field.type() == Type.JSON ? new TextArea(initial) : new TextField(initial);
                if (input instanceof TextArea area) {
                    area.setPrefRowCount(Math.max(2, Math.min(6, (int) initial.lines().count())));
                    area.setWrapText(true);
                } else {
                    ((TextField) input).setOnAction(e -> commit());
                }
                input.setId(fieldId(field));
                control = input;
                focusable = input;
                text = input.textProperty();
                forgetUndo = () -> { }; // setText starts a text control's undo afresh
            }
            focusable.focusedProperty().addListener((o, was, is) -> {
                if (!is) {
                    Optional<WorkflowEdit> edit = takePending();
                    Platform.runLater(() -> edit.ifPresent(apply)); // after the click that took the focus away
                }
            });
            text.addListener((o, a, t) -> {
                if (!refreshing) {
                    showProblem(owner.edit(field, t).problemOption().map(Problem::message));
                }
            });
            box = new VBox(2, fieldLabel(field), control, problem);
        }

        private void commit() {
            takePending().ifPresent(apply);
        }

        private void showProblem(Optional<String> why) {
            problem.setText(why.orElse(""));
            problem.setVisible(why.isPresent());
            control.pseudoClassStateChanged(INVALID, why.isPresent());
        }

        @Override
        public Node node() {
            return box;
        }

        @Override
        public void refresh() {
            initial = owner.text(field);
            if (!text.get().equals(initial)) {
                refreshing = true;
                text.set(initial);
                refreshing = false;
                forgetUndo.run();
            }
            showProblem(Optional.empty());
        }

        @Override
        public Optional<WorkflowEdit> takePending() {
            String now = text.get();
            if (now.equals(initial)) {
                return Optional.empty();
            }
            initial = now;
            return owner.edit(field, now).toOptional();
        }
    }

    /** A boolean field: applied when ticked. */
    final class CheckEditor implements FieldEditor {
        private final Field field;
        private final FieldOwner owner;
        private final CheckBox box;

        CheckEditor(Field field, FieldOwner owner, Consumer<WorkflowEdit> apply) {
            this.field = field;
            this.owner = owner;
            box = new CheckBox(field.label());
            box.setId(fieldId(field));
            box.setOnAction(e -> owner.edit(field, Boolean.toString(box.isSelected())).toOptional().ifPresent(apply));
            refresh();
        }

        @Override
        public Node node() {
            return box;
        }

        @Override
        public void refresh() {
            box.setSelected(owner.json().at(field.pointer()).asBoolean(false));
        }
    }

    /**
     * Admission times or a Cycle's schedule ({@link TimeForms}): the form is kept while it shows the
     * same value and the operator has not touched it (typed, ticked, chosen), else made again from the
     * owner — lines typed but not applied are not carried to another instruction.
     */
    final class FormEditor implements FieldEditor {
        private final Field field;
        private final FieldOwner owner;
        private final Consumer<WorkflowEdit> apply;
        private final VBox box;
        private List<JsonNode> shown;
        private boolean touched;

        FormEditor(Field field, FieldOwner owner, Consumer<WorkflowEdit> apply) {
            this.field = field;
            this.owner = owner;
            this.apply = apply;
            box = new VBox(2, fieldLabel(field), new Label());
            refresh();
        }

        @Override
        public Node node() {
            return box;
        }

        @Override
        public void refresh() {
            List<JsonNode> value = TimeForms.formValue(field, owner.json());
            if (touched || !value.equals(shown)) {
                shown = value;
                touched = false;
                Node form = TimeForms.form(field, owner, apply);
                form.addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, e -> touched = true);
                form.addEventFilter(javafx.event.ActionEvent.ACTION, e -> touched = true);
                form.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> touched = true);
                box.getChildren().set(1, form);
            }
        }
    }
}
