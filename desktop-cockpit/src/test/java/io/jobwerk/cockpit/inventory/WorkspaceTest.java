package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void createWritesATemplateNamedAsJobwerkDeployReadsIt() {
        Workspace w = Workspace.open(dir).orThrow();
        assertThat(w.create("ops", "Workflow", "etl").orThrow()).isEqualTo("ops/etl.workflow.json");
        assertThat(w.create("", "Lock", "db").orThrow()).isEqualTo("db.lock.json");
        assertThat(w.create("", "Calendar", "weekdays").orThrow()).isEqualTo("weekdays.calendar.json");
        assertThat(w.files()).containsExactly("db.lock.json", "ops/etl.workflow.json", "weekdays.calendar.json");
        assertThat(w.create("ops", "Workflow", "etl").problemOption().orElseThrow().message()).isEqualTo("ops/etl.workflow.json: exists already");
        assertThat(w.create("", "Lock", "a/b").problemOption().orElseThrow().message()).contains("is not a name");
    }

    @Test
    void renameKeepsTheSuffixAndChangesTheNameTheFileStates() throws Exception {
        Workspace w = Workspace.open(dir).orThrow();
        w.write("ops/l.lock.json", "{\"TYPE\":\"Lock\",\"path\":\"l\",\"limit\":2}");
        w.write("ops/m.lock.json", "{\"limit\":2}");
        assertThat(w.rename("ops/l.lock.json", "printer").orThrow()).isEqualTo("ops/printer.lock.json");
        assertThat(w.read("ops/printer.lock.json").orThrow()).contains("\"path\" : \"printer\"").contains("\"limit\" : 2");
        assertThat(w.rename("ops/m.lock.json", "plotter").orThrow()).isEqualTo("ops/plotter.lock.json");
        assertThat(w.read("ops/plotter.lock.json").orThrow()).isEqualTo("{\"limit\":2}");
        assertThat(w.rename("ops/plotter.lock.json", "printer").problemOption().orElseThrow().message()).contains("exists already");
    }

    @Test
    void moveAndCopy() {
        Workspace w = Workspace.open(dir).orThrow();
        w.create("a", "Lock", "l");
        assertThat(w.move("a/l.lock.json", "b/c").orThrow()).isEqualTo("b/c/l.lock.json");
        assertThat(w.copy("b/c/l.lock.json", "l2").orThrow()).isEqualTo("b/c/l2.lock.json");
        assertThat(w.files()).containsExactly("b/c/l.lock.json", "b/c/l2.lock.json");
        assertThat(w.folders()).containsExactly("a", "b", "b/c");
    }

    @Test
    void deletedFilesAndFoldersGoToTheTrashAndComeBack() {
        Workspace w = Workspace.open(dir).orThrow();
        w.create("ops", "Lock", "l");
        w.create("ops/deep", "Lock", "m");
        Trash trash = new Trash(w);
        trash.delete("ops/l.lock.json", Instant.parse("2026-12-07T10:00:00Z")).orThrow();
        trash.delete("ops/deep", Instant.parse("2026-12-07T11:00:00Z")).orThrow();
        assertThat(w.files()).isEmpty();
        assertThat(trash.entries()).extracting(Trash.Entry::path).containsExactly("ops/deep/m.lock.json", "ops/l.lock.json");
        assertThat(Files.exists(dir.resolve(".jobwerk/trash/20261207T100000.000Z/ops/l.lock.json"))).isTrue();
        trash.restore(trash.entries().get(1)).orThrow();
        assertThat(w.files()).containsExactly("ops/l.lock.json");
        w.create("ops/deep", "Lock", "m");
        assertThat(trash.restore(trash.entries().get(0)).problemOption().orElseThrow().message()).contains("a file of that name exists again");
    }

    @Test
    void tagsAreKeptBesideTheItemsAndFollowARename() {
        Workspace w = Workspace.open(dir).orThrow();
        w.create("", "Lock", "l");
        Tags tags = new Tags(w);
        tags.set("l.lock.json", java.util.List.of("nightly", " finance ", "")).orThrow();
        tags.moved("l.lock.json", "x.lock.json");
        assertThat(new Tags(w).of("x.lock.json")).containsExactlyInAnyOrder("nightly", "finance");
        assertThat(new Tags(w).all()).containsExactly("finance", "nightly");
    }
}
