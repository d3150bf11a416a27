package io.jobwerk.cockpit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** Writes a scene as PNG into {@code screenshots/} at the repository root ({@code -Dcockpit.screenshots}). */
public final class Screenshots {
    private Screenshots() {}

    static Path directory() {
        return Path.of(System.getProperty("cockpit.screenshots", "target/screenshots"));
    }

    static Path write(FxRobot robot, Scene scene, String name) throws IOException {
        return write(robot, scene, directory(), name);
    }

    /** Writes a scene as PNG into {@code target/}, to look at, not to publish. */
    public static Path writeToTarget(FxRobot robot, Scene scene, String name) throws IOException {
        return write(robot, scene, Path.of("target"), name);
    }

    private static Path write(FxRobot robot, Scene scene, Path directory, String name) throws IOException {
        Path dir = Files.createDirectories(directory);
        File file = dir.resolve(name).toFile();
        robot.interact(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        return file.toPath();
    }
}
