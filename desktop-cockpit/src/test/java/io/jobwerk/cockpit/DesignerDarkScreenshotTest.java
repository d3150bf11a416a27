package io.jobwerk.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.designer.WorkflowEditor;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The designer in the dark theme on a nested workflow (If, Fork, Try/Retry, Lock) with a job selected:
 * writes designer-dark.png (1440×900) for the eye; asserts only that the job's properties are shown.
 */
@ExtendWith(ApplicationExtension.class)
class DesignerDarkScreenshotTest {

    private WorkflowEditor editor;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        String json = new String(getClass().getResourceAsStream("/designer/nightly-etl.workflow.json").readAllBytes(), StandardCharsets.UTF_8);
        Workflow workflow = WorkflowJson.decode(EngineJson.parse(json).orThrow()).orThrow();
        editor = new WorkflowEditor(workflow);
        scene = new Scene((javafx.scene.Parent) editor.node(), 1440, 900);
        Theme.DARK.apply(scene);
        stage.setScene(scene);
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }

    @Test
    void designerInTheDarkTheme(FxRobot robot) throws Exception {
        Position transform = Position.of(1).enter(BranchId.THEN, 0).enter(BranchId.fork("orders"), 0);
        robot.interact(() -> {
            editor.view().graph().fit();
            editor.view().viewModel().selectedProperty().set(Optional.of(transform));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#propertiesTitle").tryQuery()).isPresent();
        assertThat(Screenshots.write(robot, scene, "designer-dark.png")).exists();
        robot.interact(() -> {
            editor.view().viewModel().selectedProperty().set(Optional.of(Position.of(2).enter(BranchId.tryBranch(0), 0)
                    .enter(BranchId.LOCK, 0)));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> ((javafx.scene.control.ScrollPane) robot.lookup(".designer-properties-scroll").query()).setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        // the admission-time form in the dark theme, for the eye only (not kept in screenshots/)
        assertThat(robot.lookup("#admission-summary").queryAs(javafx.scene.control.Label.class).getText())
                .isEqualTo("Mon–Fri 22:00–06:00 (next day); Last day of the month 00:00 for 1d");
        robot.interact(() -> {
            try {
                javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png",
                        java.nio.file.Path.of("target", "designer-dark-admission.png").toFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
