package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.workflow.VersionId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItemFilesTest {

    static final VersionId V = new VersionId("v1");

    @TempDir
    Path dir;

    @Test
    void typeAndPathComeFromTheFileNameWhenTheItemLacksThem() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/my-lock.lock.json"), "{\"limit\":2}");
        Files.writeString(dir.resolve("w.workflow.json"), "{\"versionId\":\"ignored\",\"instructions\":[]}");
        Files.writeString(dir.resolve("README.md"), "not an item");
        ItemFiles.Deployment d = ItemFiles.read(List.of(dir), V).orThrow();
        assertThat(d.entries()).extracting(ItemFiles.Entry::type, ItemFiles.Entry::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Lock", "my-lock"), org.assertj.core.groups.Tuple.tuple("Workflow", "w"));
        assertThat(d.operations().get(0)).isEqualTo(new ItemOperation.AddVersion(V));
        var workflow = (ItemOperation.Deployable.UnsignedWorkflow) ((ItemOperation.AddOrChangeSimple) d.operations().get(2)).deployable();
        assertThat(workflow.workflow().id().versionId()).isEqualTo(V);
    }

    @Test
    void engineJsonWithTypeAndPathIsTakenAsItIs() throws Exception {
        Path f = Files.writeString(dir.resolve("anything.json"), "{\"TYPE\":\"Lock\",\"path\":\"folder/LOCK\",\"limit\":1}");
        ItemFiles.Entry e = ItemFiles.readFile(f, V).orThrow();
        assertThat(e.type()).isEqualTo("Lock");
        assertThat(e.name()).isEqualTo("folder/LOCK");
    }

    @Test
    void aFileWithoutTypeOrKnownSuffixIsAProblemNamingTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "{\"path\":\"x\"}");
        assertThat(ItemFiles.readFile(f, V).problemOption().orElseThrow().message())
                .isEqualTo(f + ": the item has no TYPE and the file name does not say it (e.g. NAME.workflow.json, NAME.lock.json)");
    }

    @Test
    void malformedJsonIsAProblemNamingTheFile() throws Exception {
        Path f = Files.writeString(dir.resolve("x.lock.json"), "{\"limit\":");
        assertThat(ItemFiles.readFile(f, V).problemOption().orElseThrow().message()).startsWith(f + ": ");
    }

    @Test
    void theSameItemTwiceIsAProblem() throws Exception {
        Files.writeString(dir.resolve("a.lock.json"), "{\"path\":\"L\",\"limit\":1}");
        Files.writeString(dir.resolve("b.lock.json"), "{\"path\":\"L\",\"limit\":2}");
        assertThat(ItemFiles.read(List.of(dir), V).problemOption().orElseThrow().message()).contains("Lock 'L' is also in");
    }

    @Test
    void aMissingPathOrAnEmptyDirectoryIsAProblem() {
        assertThat(ItemFiles.read(List.of(dir.resolve("missing")), V).problemOption().orElseThrow().message()).endsWith("no such file or directory");
        assertThat(ItemFiles.read(List.of(dir), V).problemOption().orElseThrow().message()).startsWith("No *.json item files");
    }

    @Test
    void freshVersionIdIsTheUtcTime() {
        assertThat(ItemFiles.freshVersionId(Instant.parse("2026-11-22T17:01:02.123Z")).string()).isEqualTo("20261122T170102.123Z");
    }

    @Test
    void theDemoWorkflowsAreValid() {
        assertThat(ItemFiles.read(List.of(Path.of("../demo/workflows")), V).orThrow().entries()).extracting(ItemFiles.Entry::name)
                .containsExactly("demo/fork", "demo/hello", "demo/params", "demo/retry");
    }

    @Test
    void hiddenFoldersOfAWorkspaceAreNotDeployed() throws Exception {
        Files.createDirectories(dir.resolve(".jobwerk/trash/1/ops"));
        Files.writeString(dir.resolve(".jobwerk/trash/1/ops/old.lock.json"), "{\"limit\":1}");
        Files.createDirectories(dir.resolve("ops"));
        Files.writeString(dir.resolve("ops/kept.lock.json"), "{\"limit\":1}");
        assertThat(ItemFiles.read(List.of(dir), V).orThrow().entries()).extracting(ItemFiles.Entry::name).containsExactly("kept");
    }
}
