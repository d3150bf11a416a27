package io.jobwerk.cockpit.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.designer.form.RepeatKind;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.InstructionJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Cycle's schedule form in the property pane, headless: switched to Ticking, previewed, applied. */
@ExtendWith(ApplicationExtension.class)
class CycleScheduleFormFxTest {

    private static final String WORKFLOW = """
            {"TYPE":"Workflow","path":"cyclic","versionId":"draft",
             "instructions":[{"TYPE":"Cycle","schedule":{"schemes":[{
                 "admissionTimeScheme":{"periods":[{"TYPE":"DailyPeriod","secondOfDay":0,"duration":86400}]},
                 "repeat":{"TYPE":"Periodic","period":3600,"offsets":[0]}}]},
               "cycleWorkflow":{"instructions":[]}}]}""";

    private WorkflowEditor editor;

    @Start
    void start(Stage stage) {
        Workflow workflow = WorkflowJson.decode(EngineJson.parse(WORKFLOW).orThrow()).orThrow();
        editor = new WorkflowEditor(workflow);
        Scene scene = new Scene((javafx.scene.Parent) editor.node(), 1440, 900);
        Theme.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
        editor.view().viewModel().selectedProperty().set(Optional.of(Position.of(0)));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aTickingScheduleIsPreviewedAndApplied(FxRobot robot) throws Exception {
        Label preview = robot.lookup("#cycle-preview").queryAs(Label.class);
        // how many starts depends on the wall clock here (late in the day the Cycle ends at midnight);
        // the exact starts are CycleScheduleViewModelTest's, from a given instant
        assertThat(preview.getText()).startsWith("An order entering now").contains("would start cycles at:");

        ComboBox<RepeatKind> repeat = robot.lookup("#scheme-1-repeat").queryAs(ComboBox.class);
        robot.interact(() -> repeat.setValue(RepeatKind.TICKING));
        TextField interval = robot.lookup("#scheme-1-interval").queryAs(TextField.class);
        robot.interact(() -> interval.setText("90"));
        assertThat(robot.lookup("#cycle-problem").queryAs(Label.class).getText())
                .isEqualTo("Scheme 1, interval: '90' needs a unit, e.g. 90m or 90h");

        robot.interact(() -> interval.setText("20m"));
        assertThat(robot.lookup("#cycle-problem").queryAs(Label.class).isVisible()).isFalse();
        robot.clickOn("#cycle-apply");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(fx(() -> InstructionJson.encode(editor.workflow().instruction(Position.of(0)).orThrow()).get("schedule").toString()))
                .contains("\"repeat\":{\"TYPE\":\"Ticking\",\"interval\":1200}");
    }

    private static <T> T fx(Callable<T> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get();
    }
}
