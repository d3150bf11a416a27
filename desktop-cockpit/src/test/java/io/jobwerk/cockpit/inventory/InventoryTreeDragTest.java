package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.state.EngineState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Moving files and folders by dragging them in the inventory tree, headless, on a real workspace folder. */
@ExtendWith(ApplicationExtension.class)
class InventoryTreeDragTest {

    @TempDir
    static Path dir;

    private InventoryViewModel viewModel;

    @Start
    void start(Stage stage) {
        Workspace w = Workspace.open(dir).orThrow();
        w.write("ops/etl.workflow.json", InventoryViewModelTest.ETL);
        w.write("db.lock.json", "{\"limit\":1}");
        w.createFolder("archive");
        w.createFolder("ops/old");
        viewModel = new InventoryViewModel(new SimpleObjectProperty<EngineState>(), UiThread.fx(), Runnable::run, Clock.systemUTC());
        viewModel.open(dir);
        DeployViewModel deploy = new DeployViewModel(viewModel, UiThread.fx(), Runnable::run, Clock.systemUTC());
        InventoryView view = new InventoryView(viewModel, deploy, ZoneId.of("UTC"), (q, d) -> Optional.empty(), q -> true);
        Scene scene = new Scene(view, 1200, 800);
        Theme.LIGHT.apply(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void dragsAFileIntoAFolderAndRefusesAFolderIntoItsOwnSubfolder(FxRobot robot) throws Exception {
        drag(robot, "#" + InventoryTree.nodeId("db.lock.json"), "#folder-archive");

        assertThat(fx(() -> viewModel.messageProperty().get())).isEqualTo("Moved db.lock.json to archive");
        assertThat(dir.resolve("archive/db.lock.json")).exists();
        assertThat(dir.resolve("db.lock.json")).doesNotExist();

        drag(robot, "#folder-ops", "#folder-ops_old");

        assertThat(fx(() -> viewModel.messageProperty().get())).isEqualTo("ops cannot be moved into ops/old: that is inside it");
        assertThat(dir.resolve("ops/etl.workflow.json")).exists();

        drag(robot, "#folder-ops_old", "#folder-archive");

        assertThat(Files.isDirectory(dir.resolve("archive/old"))).isTrue();
        assertThat(fx(() -> viewModel.folders())).contains("archive/old");
    }

    private static void drag(FxRobot robot, String from, String to) {
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T fx(Callable<T> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get();
    }
}
