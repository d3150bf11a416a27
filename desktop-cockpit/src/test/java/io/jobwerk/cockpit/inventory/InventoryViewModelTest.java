package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.state.EngineState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryViewModelTest {

    static final String ETL = WorkspaceCheckTest.workflow("[{\"TYPE\":\"Lock\",\"demands\":[{\"lockPath\":\"db\"}],"
            + "\"lockedWorkflow\":{\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]}}]");

    @TempDir
    Path dir;

    final SimpleObjectProperty<EngineState> controller = new SimpleObjectProperty<>(
            Items.withAgent("{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Lock\",\"path\":\"db\",\"limit\":1}}"));
    InventoryViewModel vm;

    @BeforeEach
    void open() {
        Workspace w = Workspace.open(dir).orThrow();
        w.write("ops/etl.workflow.json", ETL);
        w.write("db.lock.json", "{\"limit\":1}");
        vm = new InventoryViewModel(controller, UiThread.direct(), Runnable::run, Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        vm.open(dir);
    }

    @Test
    void entriesShowTheirStateOnTheController() {
        assertThat(vm.entries()).extracting(InventoryEntry::file, e -> e.deployed().orElseThrow())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db.lock.json", DeployedState.DEPLOYED),
                        org.assertj.core.groups.Tuple.tuple("ops/etl.workflow.json", DeployedState.NOT_DEPLOYED));
        assertThat(vm.folders()).containsExactly("ops");
        controller.set(null);
        assertThat(vm.entries()).allMatch(e -> e.deployed().isEmpty());
    }

    @Test
    void everyEditIsValidatedAndAnInvalidItemCannotBeDeployed() {
        vm.select("ops/etl.workflow.json");
        assertThat(vm.selectedWorkflowProperty().get()).isPresent();
        vm.editorTextProperty().set(ETL.replace("\"db\"", "\"printer\""));
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.selectedProblems()).singleElement().asString().contains("unknown Lock 'printer'");
        assertThat(vm.entry("ops/etl.workflow.json").orElseThrow().valid()).isFalse();
        assertThat(vm.validItems(List.of("ops/etl.workflow.json")).problemOption().orElseThrow().message()).contains("is not valid");
        vm.editorTextProperty().set(ETL);
        assertThat(vm.selectedProblems()).isEmpty();
        assertThat(vm.validItems(List.of("ops/etl.workflow.json")).isOk()).isTrue();
        vm.editorTextProperty().set(ETL.replace("echo", "echo changed"));
        assertThat(vm.validItems(List.of("ops/etl.workflow.json")).problemOption().orElseThrow().message()).contains("unsaved changes");
        vm.save();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.validItems(List.of("ops/etl.workflow.json")).isOk()).isTrue();
    }

    @Test
    void aWorkflowEditedElsewhereComesBackAsTheFilesTextAndIsValidated() {
        vm.select("ops/etl.workflow.json");
        var workflow = vm.selectedWorkflowProperty().get().orElseThrow();
        var renamedJob = io.jobwerk.engine.json.WorkflowJson.decode(io.jobwerk.engine.json.EngineJson.parse(
                io.jobwerk.engine.json.EngineJson.print(io.jobwerk.engine.json.WorkflowJson.encodeItem(workflow)).replace("\"db\"", "\"printer\"")).orThrow()).orThrow();
        vm.editWorkflow(renamedJob).orThrow();
        assertThat(vm.editorTextProperty().get()).contains("\"lockPath\" : \"printer\"").doesNotContain("versionId", "\"path\"", "\"TYPE\" : \"Workflow\"");
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.selectedProblems()).singleElement().asString().contains("unknown Lock 'printer'");
        vm.select("db.lock.json");
        assertThat(vm.editWorkflow(workflow).problemOption().orElseThrow().message()).isEqualTo("db.lock.json is not a workflow");
    }

    @Test
    void aSavedChangeOfADeployedItemShowsAsChanged() {
        vm.select("db.lock.json");
        vm.editorTextProperty().set("{\"limit\":2}");
        vm.save();
        assertThat(vm.entry("db.lock.json").orElseThrow().deployed()).contains(DeployedState.CHANGED);
        assertThat(vm.selectedStateProperty().get()).contains("changed: draft differs from the Controller's");
    }

    @Test
    void searchFindsNamesTagsAndContents() {
        vm.setTags("db.lock.json", "finance, nightly");
        vm.searchProperty().set("NIGHTLY");
        assertThat(vm.entries()).extracting(InventoryEntry::file).containsExactly("db.lock.json");
        vm.searchProperty().set("lockedWorkflow");
        assertThat(vm.entries()).extracting(InventoryEntry::file).containsExactly("ops/etl.workflow.json");
        vm.searchProperty().set("");
        assertThat(vm.entries()).hasSize(2);
    }

    @Test
    void createRenameDeleteAndRestore() {
        vm.create("ops", "Lock", "printer");
        assertThat(vm.selectedFileProperty().get()).isEqualTo("ops/printer.lock.json");
        vm.rename("ops/printer.lock.json", "plotter");
        assertThat(vm.selectedFileProperty().get()).isEqualTo("ops/plotter.lock.json");
        vm.delete("ops/plotter.lock.json");
        assertThat(vm.entry("ops/plotter.lock.json")).isEmpty();
        assertThat(vm.trash()).singleElement().extracting(Trash.Entry::path).isEqualTo("ops/plotter.lock.json");
        vm.restore(vm.trash().get(0));
        assertThat(vm.entry("ops/plotter.lock.json")).isPresent();
        assertThat(vm.messageProperty().get()).isEqualTo("Restored ops/plotter.lock.json");
        vm.create("ops", "Lock", "plotter");
        assertThat(vm.messageProperty().get()).isEqualTo("ops/plotter.lock.json: exists already");
        assertThat(Optional.of(vm.entries().size())).contains(3);
    }
}
