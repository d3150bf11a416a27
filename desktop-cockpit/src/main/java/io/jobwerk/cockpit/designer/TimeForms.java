package io.jobwerk.cockpit.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.cockpit.designer.PropertyFields.Field;
import io.jobwerk.cockpit.designer.PropertyFields.Type;
import io.jobwerk.cockpit.designer.form.AdmissionTimeView;
import io.jobwerk.cockpit.designer.form.AdmissionTimeViewModel;
import io.jobwerk.cockpit.designer.form.CycleScheduleView;
import io.jobwerk.cockpit.designer.form.CycleScheduleViewModel;
import io.jobwerk.cockpit.designer.model.WorkflowEdit;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.TimeJson;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The property pane's form fields: a job's or an AdmissionTime block's admission times (with its
 * "skip" flag beside the scheme) and a Cycle's schedule. A form's value is written into the owner's
 * JSON and decoded by the engine's codec like any other field, so the edit is the same one undoable
 * {@link WorkflowEdit}.
 */
final class TimeForms {
    private static final String SKIP = "/skipIfNoAdmissionStartForOrderDay";

    private TimeForms() {}

    /** What a form shows of its owner's JSON: when this is unchanged, the form need not be made again. */
    static List<JsonNode> formValue(Field field, ObjectNode json) {
        return List.of(json.at(field.pointer()), json.at(field.type() == Type.ADMISSION_TIMES ? SKIP : "/onlyOnePeriod"));
    }

    static Node form(Field field, FieldOwner owner, Consumer<WorkflowEdit> apply) {
        JsonNode value = owner.json().at(field.pointer());
        Label refused = problemLabel(""); // what the owner's codec refused (e.g. an AdmissionTime block without periods)
        refused.setVisible(false);
        refused.managedProperty().bind(refused.visibleProperty());
        Consumer<ObjectNode> edit = changed -> {
            Checked<WorkflowEdit> e = owner.edit(changed);
            refused.setText(e.problemOption().map(Problem::message).orElse(""));
            refused.setVisible(e.isFail());
            e.toOptional().ifPresent(apply);
        };
        Node form;
        if (field.type() == Type.ADMISSION_TIMES) {
            Checked<Optional<AdmissionTimeScheme>> scheme = value.isMissingNode() || value.isNull() ? Checked.ok(Optional.empty())
                    : TimeJson.decodeAdmissionTimeScheme(value).map(Optional::of);
            if (scheme.isFail()) {
                return problemLabel(scheme.problemOption().orElseThrow().message());
            }
            AdmissionTimeViewModel viewModel = new AdmissionTimeViewModel(scheme.orThrow(), owner.json().at(SKIP).asBoolean(false));
            form = new AdmissionTimeView(viewModel, true, f -> {
                ObjectNode copy = owner.json().deepCopy();
                f.scheme().toOptional().ifPresent(s -> FieldValues.set(copy, field.pointer(),
                        s.<JsonNode>map(TimeJson::encode).orElse(MissingNode.getInstance())));
                FieldValues.set(copy, SKIP, f.skipIfNoAdmissionForOrderDayProperty().get() ? BooleanNode.TRUE : MissingNode.getInstance());
                edit.accept(copy);
            });
        } else {
            Checked<Schedule> schedule = value.isMissingNode() ? Checked.ok(new Schedule(List.of())) : TimeJson.decodeSchedule(value);
            if (schedule.isFail()) {
                return problemLabel(schedule.problemOption().orElseThrow().message());
            }
            form = new CycleScheduleView(new CycleScheduleViewModel(schedule.orThrow()), Instant::now, ZoneId.systemDefault(),
                    owner.json().path("onlyOnePeriod").asBoolean(false), s -> {
                        ObjectNode copy = owner.json().deepCopy();
                        FieldValues.set(copy, field.pointer(), TimeJson.encode(s));
                        edit.accept(copy);
                    });
        }
        return new VBox(2, form, refused);
    }

    private static Label problemLabel(String problem) {
        Label label = new Label(problem);
        label.getStyleClass().add("field-problem");
        label.setWrapText(true);
        return label;
    }
}
