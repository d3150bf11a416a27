package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import as tar.gz, JOC's other export format, on real files. */
class WorkspaceTarGzTest {

    private static final String LONG_FOLDER = "a-folder-name-that-is-long/another-folder-name-that-is-longer-still/"
            + "and-a-third-one-so-the-path-passes-ustar-limits";

    @TempDir
    Path dir;

    @Test
    void anExportOfOursImportsUnchangedAlsoWithPathsLongerThanUstarAllows() {
        Workspace w = Workspace.open(dir.resolve("a")).orThrow();
        w.write("ops/db.lock.json", "{\"limit\":1}");
        w.write(LONG_FOLDER + "/etl.workflow.json", WorkspaceCheckTest.workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]"));
        assertThat((LONG_FOLDER + "/etl.workflow.json").length()).isGreaterThan(100);
        Path archive = dir.resolve("export.tar.gz");
        assertThat(WorkspaceZip.isTarGzName(archive)).isTrue();
        assertThat(WorkspaceZip.exportTarGz(w, w.files(), archive).orThrow()).isEqualTo(2);

        Workspace other = Workspace.open(dir.resolve("b")).orThrow();
        WorkspaceZip.Report report = WorkspaceZip.importArchive(other, archive, "in").orThrow();

        assertThat(report.importedCount()).isEqualTo(2);
        assertThat(other.files()).containsExactlyInAnyOrder("in/ops/db.lock.json", "in/" + LONG_FOLDER + "/etl.workflow.json");
        assertThat(other.read("in/" + LONG_FOLDER + "/etl.workflow.json").orThrow())
                .isEqualTo(w.read(LONG_FOLDER + "/etl.workflow.json").orThrow());
    }

    @Test
    void aJocExportAsTarGzIsConvertedAsTheZipIs() throws Exception {
        Path archive = tarGzOf(Path.of("src/test/resources/inventory/joc-export"), dir.resolve("joc-export.tgz"));
        Workspace w = Workspace.open(dir.resolve("ws")).orThrow();

        WorkspaceZip.Report report = WorkspaceZip.importArchive(w, archive, "imported").orThrow();

        assertThat(report.importedCount()).isEqualTo(8);
        assertThat(report.skipped()).hasSize(4);
        assertThat(w.read("imported/ProductA/Workflows/pdfNightlyReport.workflow.json").orThrow())
                .contains("\"agentPath\" : \"primaryAgent\"").doesNotContain("agentName");
    }

    @Test
    void entriesOutsideTheFolderAreNotWritten() throws Exception {
        Path archive = dir.resolve("evil.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            put(tar, "../escaped.lock.json", "{\"limit\":1}");
            put(tar, "ok.lock.json", "{\"limit\":1}");
        }
        Workspace w = Workspace.open(dir.resolve("ws")).orThrow();

        WorkspaceZip.Report report = WorkspaceZip.importArchive(w, archive, "in").orThrow();

        assertThat(report.importedCount()).isEqualTo(1);
        assertThat(dir.resolve("ws/escaped.lock.json")).doesNotExist();
        assertThat(report.skipped()).singleElement().satisfies(l -> assertThat(l.notes()).containsExactly("a path outside the folder or hidden"));
    }

    @Test
    void aBrokenTarGzIsAProblemNamingTheFile() throws Exception {
        Path archive = dir.resolve("broken.tar.gz");
        Files.write(archive, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Workspace w = Workspace.open(dir.resolve("ws")).orThrow();

        assertThat(WorkspaceZip.importArchive(w, archive, "").problemOption().orElseThrow().message())
                .startsWith(archive + ": cannot be read as a tar.gz");
    }

    private static Path tarGzOf(Path folder, Path archive) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive); TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out));
             Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                put(tar, folder.relativize(f).toString().replace('\\', '/'), Files.readString(f));
            }
        }
        return archive;
    }

    private static void put(TarArchiveOutputStream tar, String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true); // as written, "../" kept
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
