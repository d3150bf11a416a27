package io.jobwerk.cockpit.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The property pane keeps its controls while instructions of one shape are selected and shows each
 * one's values in them; a value typed but not applied goes to the instruction it was typed for.
 */
@ExtendWith(ApplicationExtension.class)
class PropertyPaneFxTest {

    private static final String WORKFLOW = """
            {"TYPE":"Workflow","path":"pair","versionId":"draft",
             "instructions":[{"TYPE":"Execute.Named","jobName":"extract","label":"first"},
                             {"TYPE":"Execute.Named","jobName":"load"},
                             {"TYPE":"Sleep","duration":"1"}],
             "jobs":{"extract":{"agentPath":"agent-a","executable":{"TYPE":"ShellScriptExecutable","script":"echo extract"}},
                     "load":{"agentPath":"agent-b","executable":{"TYPE":"ShellScriptExecutable","script":"echo load"}}}}""";

    private DesignerViewModel viewModel;

    @Start
    void start(Stage stage) {
        Workflow workflow = WorkflowJson.decode(EngineJson.parse(WORKFLOW).orThrow()).orThrow();
        DesignerView view = new DesignerView(new DesignerViewModel(workflow));
        viewModel = view.viewModel();
        Scene scene = new Scene(view, 1440, 900);
        Theme.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
        viewModel.selectedProperty().set(Optional.of(Position.of(0)));
    }

    @Test
    void anotherJobIsShownInTheSameControls(FxRobot robot) {
        TextField agent = robot.lookup("#field-agentPath").queryAs(TextField.class);
        Node script = robot.lookup("#field-executable-script").query();
        assertThat(agent.getText()).isEqualTo("agent-a");

        select(robot, 1);

        assertThat(robot.lookup("#field-agentPath").queryAs(TextField.class)).isSameAs(agent);
        assertThat(robot.lookup("#field-executable-script").<Node>query()).isSameAs(script);
        assertThat(agent.getText()).isEqualTo("agent-b");
        assertThat(robot.lookup("#field-label").queryAs(TextField.class).getText()).isEmpty();
        assertThat(((org.fxmisc.richtext.CodeArea) script).getText()).isEqualTo("echo load");
        assertThat(((org.fxmisc.richtext.CodeArea) script).getUndoManager().isUndoAvailable()).isFalse();
        assertThat(robot.lookup("#propertiesTitle").queryAs(Label.class).getText()).startsWith("Job");
    }

    @Test
    void anotherKindGetsItsOwnControls(FxRobot robot) {
        select(robot, 2);

        assertThat(robot.lookup("#field-agentPath").tryQuery()).isEmpty();
        assertThat(robot.lookup("#field-duration").queryAs(TextField.class).getText()).isEqualTo("1");
    }

    @Test
    void aValueTypedButNotAppliedGoesToItsInstruction(FxRobot robot) throws Exception {
        TextField agent = robot.lookup("#field-agentPath").queryAs(TextField.class);
        robot.interact(agent::requestFocus);
        robot.interact(() -> agent.setText("agent-typed"));

        select(robot, 1); // the click on another box, before the field loses the focus

        assertThat(fx(() -> viewModel.workflow().jobs().get(new JobName("extract")).agentPath().string())).isEqualTo("agent-typed");
        assertThat(fx(() -> viewModel.workflow().jobs().get(new JobName("load")).agentPath().string())).isEqualTo("agent-b");
        assertThat(agent.getText()).isEqualTo("agent-b");
    }

    @Test
    void aWrongValueIsNamedAndForgottenWhenAnotherInstructionIsSelected(FxRobot robot) {
        TextField agent = robot.lookup("#field-agentPath").queryAs(TextField.class);
        robot.interact(() -> agent.setText("not an agent!"));
        assertThat(robot.lookup("#properties .field-problem").queryAllAs(Label.class)).anyMatch(l -> l.isVisible() && !l.getText().isEmpty());

        select(robot, 1);

        assertThat(robot.lookup("#properties .field-problem").queryAllAs(Label.class)).noneMatch(l -> l.isVisible() && !l.getText().isEmpty());
    }

    @Test
    void admissionTimesTypedButNotAppliedAreNotCarriedToAnotherJob(FxRobot robot) {
        Node form = robot.lookup("#admission-times").query();
        robot.interact(() -> form.fireEvent(new javafx.event.ActionEvent())); // as a click on "add period" does
        select(robot, 1);
        assertThat(robot.lookup("#admission-times").<Node>query()).isNotSameAs(form);

        Node fresh = robot.lookup("#admission-times").query();
        select(robot, 0); // untouched, showing the same (no) admission times: kept
        assertThat(robot.lookup("#admission-times").<Node>query()).isSameAs(fresh);
    }

    private void select(FxRobot robot, int position) {
        robot.interact(() -> viewModel.selectedProperty().set(Optional.of(Position.of(position))));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get();
    }
}
