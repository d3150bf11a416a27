package io.jobwerk.cockpit.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.TimeJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The admission-time form in the designer's property pane, headless: typed, checked, applied, undone. */
@ExtendWith(ApplicationExtension.class)
class AdmissionTimeFormFxTest {

    private static final String WORKFLOW = """
            {"TYPE":"Workflow","path":"nightly","versionId":"draft",
             "instructions":[{"TYPE":"Execute.Named","jobName":"load"}],
             "jobs":{"load":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo load"}}}}""";

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

    @Test
    void typedPeriodsAreCheckedSummarisedAppliedAndUndone(FxRobot robot) throws Exception {
        scrollTo(robot, "#admission-times");
        robot.clickOn("#add-period");
        TextField begin = robot.lookup("#period-1-begin").queryAs(TextField.class);
        robot.interact(() -> begin.setText(""));
        robot.clickOn(begin).write("25:00");

        Label problem = robot.lookup("#admission-problem").queryAs(Label.class);
        assertThat(problem.getText()).isEqualTo("Period 1, begin: '25:00' is not a time of day (00:00 to 23:59)");
        assertThat(robot.lookup("#admission-apply").queryAs(Button.class).isDisabled()).isTrue();

        robot.interact(() -> begin.setText(""));
        robot.clickOn(begin).write("07:30");
        assertThat(problem.isVisible()).isFalse();
        assertThat(robot.lookup("#admission-summary").queryAs(Label.class).getText()).isEqualTo("Mon–Fri 07:30–17:30");
        scrollTo(robot, "#admission-times");
        robot.clickOn("#admission-skip");
        robot.clickOn("#admission-apply");
        WaitForAsyncUtils.waitForFxEvents();

        var job = fx(() -> editor.workflow().jobs().get(new JobName("load")));
        assertThat(TimeJson.encode(job.admissionTimeScheme().orElseThrow()).toString()).contains("\"secondOfWeek\":27000", "\"secondOfWeek\":372600");
        assertThat(job.skipIfNoAdmissionStartForOrderDay()).isTrue();
        scrollTo(robot, "#admission-times");
        // the pane was built anew from the edited job, and reads it back
        assertThat(robot.lookup("#admission-summary").queryAs(Label.class).getText()).isEqualTo("Mon–Fri 07:30–17:30");

        robot.clickOn("#undo");
        assertThat(fx(() -> editor.workflow().jobs().get(new JobName("load")).admissionTimeScheme())).isEmpty();
    }

    /** Scrolls the property pane so that the node is in view (it sits below the job's other fields). */
    private static void scrollTo(FxRobot robot, String query) {
        javafx.scene.Node node = robot.lookup(query).query();
        robot.interact(() -> {
            javafx.scene.Parent p = node.getParent();
            while (!(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            javafx.scene.control.ScrollPane scroll = (javafx.scene.control.ScrollPane) p;
            double contentHeight = scroll.getContent().getLayoutBounds().getHeight();
            double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
            scroll.setVvalue(Math.min(1, y / Math.max(1, contentHeight - scroll.getViewportBounds().getHeight())));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get();
    }
}
