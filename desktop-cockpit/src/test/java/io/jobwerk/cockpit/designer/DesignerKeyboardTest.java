package io.jobwerk.cockpit.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.graph.WorkflowGraphView;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The designer by keyboard and with several instructions selected, headless: real key presses and clicks of TestFX's robot. */
@ExtendWith(ApplicationExtension.class)
class DesignerKeyboardTest {

    private DesignerView view;

    @Start
    void start(Stage stage) {
        view = new DesignerView(new DesignerViewModel(DesignerViewModelTest.FOUR_JOBS));
        Scene scene = new Scene(view, 1200, 800);
        Theme.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void arrowsSelectAndInsertOpensATypeAheadPaletteThatInsertsAfterTheSelection(FxRobot robot) {
        robot.clickOn("#" + WorkflowGraphView.nodeId("[0]"));
        robot.type(KeyCode.DOWN);
        assertThat(fx(() -> view.viewModel().selectedProperty().get())).contains(Position.of(1));

        robot.type(KeyCode.INSERT);
        assertThat(robot.lookup("#quickInsert").query().isVisible()).isTrue();
        robot.write("sle");
        assertThat(robot.lookup("#quickInsertList").queryListView().getItems()).first().isEqualTo(Instruction.Kind.SLEEP);
        robot.type(KeyCode.ENTER);
        drawn();
        assertThat(fx(() -> view.viewModel().workflow().instruction(Position.of(2)).orThrow().kind())).isEqualTo(Instruction.Kind.SLEEP);
        assertThat(robot.lookup("#quickInsert").query().isVisible()).isFalse();
        assertThat(robot.lookup("#" + WorkflowGraphView.nodeId("[2]")).query().getPseudoClassStates())
                .contains(javafx.css.PseudoClass.getPseudoClass("selected"));

        robot.press(KeyCode.SHORTCUT).type(KeyCode.Z).release(KeyCode.SHORTCUT);
        drawn();
        assertThat(fx(() -> view.viewModel().workflow().instructions().stream().map(Instruction::kind).toList()))
                .doesNotContain(Instruction.Kind.SLEEP);
    }

    @Test
    void shiftClickSelectsSeveralAndDeleteRemovesThemAsOneEdit(FxRobot robot) {
        robot.clickOn("#" + WorkflowGraphView.nodeId("[1]"));
        robot.press(KeyCode.SHIFT).clickOn("#" + WorkflowGraphView.nodeId("[2]")).release(KeyCode.SHIFT);
        assertThat(fx(() -> view.viewModel().selectionProperty().get())).containsExactly(Position.of(1), Position.of(2));
        assertThat(robot.lookup(".graph-node").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("selected")))).hasSize(2);
        robot.type(KeyCode.DELETE);
        drawn();
        assertThat(fx(() -> view.viewModel().workflow().instructions().size())).isEqualTo(2);
        robot.press(KeyCode.SHORTCUT).type(KeyCode.Z).release(KeyCode.SHORTCUT);
        drawn();
        assertThat(fx(() -> view.viewModel().workflow())).isEqualTo(DesignerViewModelTest.FOUR_JOBS);
        assertThat(robot.lookup("#" + WorkflowGraphView.nodeId("[3]")).tryQuery()).isPresent();
    }

    @Test
    void aFrameDrawnOnTheEmptyGraphSelectsTheInstructionsItTouchesAndShiftAddsToThem(FxRobot robot) {
        javafx.geometry.Bounds b1 = box(robot, "[1]");
        javafx.geometry.Bounds b2 = box(robot, "[2]");
        // from the empty space left of the second box to the middle of the third
        robot.moveTo(new javafx.geometry.Point2D(b1.getMinX() - 30, b1.getMinY() - 8)).press(javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(b1.getMinX() + 10, b1.getCenterY()))
                .moveTo(new javafx.geometry.Point2D(b2.getCenterX(), b2.getCenterY())).release(javafx.scene.input.MouseButton.PRIMARY);

        assertThat(fx(() -> view.viewModel().selectionProperty().get())).containsExactly(Position.of(1), Position.of(2));
        assertThat(robot.lookup(".rubber-band").query().isVisible()).isFalse();

        javafx.geometry.Bounds b0 = box(robot, "[0]");
        robot.press(KeyCode.SHIFT).moveTo(new javafx.geometry.Point2D(b0.getMaxX() + 30, b0.getMinY() - 8)).press(javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(b0.getMaxX() - 10, b0.getCenterY()))
                .moveTo(new javafx.geometry.Point2D(b0.getCenterX(), b0.getCenterY())).release(javafx.scene.input.MouseButton.PRIMARY)
                .release(KeyCode.SHIFT);

        assertThat(fx(() -> view.viewModel().selectionProperty().get())).containsExactly(Position.of(0), Position.of(1), Position.of(2));
        assertThat(robot.lookup(".graph-node").queryAll().stream()
                .filter(n -> n.getPseudoClassStates().contains(javafx.css.PseudoClass.getPseudoClass("selected")))).hasSize(3);
    }

    private static javafx.geometry.Bounds box(FxRobot robot, String position) {
        javafx.scene.Node node = robot.lookup("#" + WorkflowGraphView.nodeId(position)).query();
        return fx(() -> node.localToScreen(node.getLayoutBounds()));
    }

    private void drawn() {
        try {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !view.layoutPendingProperty().get()));
            WaitForAsyncUtils.waitForFxEvents();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the graph was not drawn within 10 s", e);
        }
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
