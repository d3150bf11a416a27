package io.jobwerk.cockpit.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.ui.Theme;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The {@code ?} sheet fits a 1440×900 window, placed as the main view places its overlays (80 px from the top). */
@ExtendWith(ApplicationExtension.class)
class CheatSheetViewFxTest {

    private Scene scene;

    @Start
    void start(Stage stage) {
        CheatSheetView sheet = new CheatSheetView();
        StackPane overlay = new StackPane(sheet);
        StackPane.setAlignment(sheet, Pos.TOP_CENTER);
        sheet.setTranslateY(80);
        scene = new Scene(overlay, 1440, 900);
        Theme.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void theWholeSheetIsInsideTheWindow(FxRobot robot) throws Exception {
        Node sheet = robot.lookup("#cheatSheet").query();
        Bounds bounds = org.testfx.util.WaitForAsyncUtils.asyncFx(() -> sheet.localToScene(sheet.getLayoutBounds())).get();

        assertThat(bounds.getMinX()).isGreaterThanOrEqualTo(0);
        assertThat(bounds.getMaxX()).isLessThanOrEqualTo(1440);
        assertThat(bounds.getMaxY()).isLessThanOrEqualTo(900);
        assertThat(robot.lookup(".cheat-sheet .key").queryAll()).hasSizeGreaterThan(KeyBinding.values().length);
        assertThat(io.jobwerk.cockpit.Screenshots.writeToTarget(robot, scene, "cheat-sheet.png")).exists();
    }
}
