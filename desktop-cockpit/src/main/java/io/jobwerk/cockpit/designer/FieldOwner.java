package io.jobwerk.cockpit.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.cockpit.designer.PropertyFields.Field;
import io.jobwerk.cockpit.designer.model.WorkflowEdit;
import io.jobwerk.engine.base.Checked;
import java.util.function.Function;

/**
 * What a section of the property pane edits: the JSON of the selected instruction or of its job, and
 * how a changed JSON becomes an edit (decoded by the engine's codec). When another instruction of the
 * same shape is selected, the pane points its owners at it and keeps its controls.
 */
final class FieldOwner {
    private ObjectNode json;
    private Function<JsonNode, Checked<WorkflowEdit>> toEdit;

    FieldOwner(ObjectNode json, Function<JsonNode, Checked<WorkflowEdit>> toEdit) {
        bind(json, toEdit);
    }

    void bind(ObjectNode json, Function<JsonNode, Checked<WorkflowEdit>> toEdit) {
        this.json = json;
        this.toEdit = toEdit;
    }

    /** The owner's JSON as it is (not to be changed: edits work on a copy). */
    ObjectNode json() {
        return json;
    }

    /** The edit that a field's text makes, or why the codec refuses it. */
    Checked<WorkflowEdit> edit(Field field, String text) {
        return FieldValues.value(field.type(), text).flatMap(value -> {
            ObjectNode copy = json.deepCopy();
            FieldValues.set(copy, field.pointer(), value);
            return toEdit.apply(copy);
        });
    }

    /** The edit that a changed copy of the owner's JSON makes. */
    Checked<WorkflowEdit> edit(ObjectNode changed) {
        return toEdit.apply(changed);
    }

    String text(Field field) {
        return FieldValues.text(field.type(), json.at(field.pointer()));
    }
}
