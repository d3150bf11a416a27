package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDropTest {

    @TempDir
    Path dir;

    private static Optional<String> onFolder(String dragged, String folder) {
        return TreeDrop.folder(dragged, folder, false);
    }

    private static Optional<String> onFile(String dragged, String file) {
        return TreeDrop.folder(dragged, file, true);
    }

    @Test
    void aDropOntoAFolderMovesIntoItAndOntoAFileIntoTheFileSFolder() {
        assertThat(onFolder("db.lock.json", "archive")).contains("archive");
        assertThat(onFile("db.lock.json", "ops/x.lock.json")).contains("ops");
        assertThat(onFile("ops/db.lock.json", "top.lock.json")).contains("");
    }

    @Test
    void aFolderIsNotDroppedIntoItselfOrBelowNorWhereItIs() {
        assertThat(onFolder("ops", "ops/old")).isEmpty();
        assertThat(onFile("ops", "ops/old/x.lock.json")).isEmpty();
        assertThat(onFolder("ops/x.lock.json", "ops")).isEmpty();
        assertThat(onFolder("ops", "opsArchive")).contains("opsArchive");
    }

    @Test
    void theWorkspaceRefusesAMoveOfAFolderIntoItsDescendant() {
        Workspace w = Workspace.open(dir).orThrow();
        w.createFolder("ops/old");

        assertThat(w.move("ops", "ops/old").problemOption().orElseThrow().message())
                .isEqualTo("ops cannot be moved into ops/old: that is inside it");
        assertThat(w.move("ops", "ops").isFail()).isTrue();
        assertThat(dir.resolve("ops/old")).isDirectory();
    }
}
