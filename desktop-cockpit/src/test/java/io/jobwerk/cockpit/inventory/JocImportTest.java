package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JOC Cockpit inventory export (src/test/resources/inventory/joc-export, written in JOC 2.7's field
 * names as its export lays them out) imported into a workspace: what can be converted is, and validates
 * on a Controller with the Agent; the report names each object that could not be converted and why.
 */
class JocImportTest {

    @TempDir
    Path dir;

    @Test
    void aJocExportIsConvertedAndWhatCannotBeIsReported() throws Exception {
        Path zip = zipOf(Path.of("src/test/resources/inventory/joc-export"), dir.resolve("joc-export.zip"));
        Workspace w = Workspace.open(dir.resolve("ws")).orThrow();
        WorkspaceZip.Report report = WorkspaceZip.importZip(w, zip, "imported").orThrow();

        assertThat(report.skipped()).extracting(WorkspaceZip.ReportLine::entry).containsExactlyInAnyOrder(
                "ProductA/Workflows/jsTransform.workflow.json", "ProductA/Resources/dailyReady.noticeboard.json",
                "ProductA/Resources/pdfRenderer.jobtemplate.json", "ProductA/Resources/renderHelpers.includescript.json");
        assertThat(line(report, "jsTransform").notes()).anyMatch(n -> n.contains("script engine JavaScript_Graal"));
        assertThat(line(report, "dailyReady").notes()).anyMatch(n -> n.contains("plannable notice board"));
        assertThat(line(report, "pdfNightlyReport.workflow").notes()).contains(
                "Segment 'render-section' flattened into its instructions",
                "job extractSales: warnOnErrWritten dropped (no counterpart in Jobwerk)",
                "job renderPdf: its script names script includes (##!include), which are not expanded",
                "job renderPdf: warning return codes dropped (Jobwerk knows success and failure)");
        assertThat(report.importedCount()).isEqualTo(8);

        Map<String, String> texts = new TreeMap<>();
        w.files().forEach(f -> texts.put(f, w.read(f).orThrow()));
        var check = WorkspaceCheck.check(texts, Optional.of(Items.state(Items.AGENT.replace("\"agent\"", "\"primaryAgent\""))));
        assertThat(check.files().values()).allSatisfy(c -> assertThat(c.problems()).as(c.file()).isEmpty());
        assertThat(check.general()).isEmpty();

        String workflow = texts.get("imported/ProductA/Workflows/pdfNightlyReport.workflow.json");
        assertThat(workflow).contains("\"agentPath\" : \"primaryAgent\"", "\"processLimit\" : 2", "\"sigkillDelay\" : 15",
                "\"jobResourcePaths\" : [ \"reportEnv\" ]", "\"lockPath\" : \"reportPrinter\"", "\"boardPaths\" : [ \"reportReady\" ]",
                "\"ifThens\"", "\"workflowPath\" : \"pdfArchive\"", "\"deleteWhenTerminated\" : true")
                .doesNotContain("agentName", "parallelism", "lockName", "noticeBoardNames", "CaseWhen", "Segment");
        assertThat(texts.get("imported/ProductA/Resources/reportEnv.jobresource.json")).contains("\"variables\"").doesNotContain("arguments");
        assertThat(texts.get("imported/ProductA/Resources/incomingInvoices.fileordersource.json")).contains("\"workflowPath\" : \"pdfArchive\"");
    }

    @Test
    void anExportOfOursImportsUnchangedAndNothingIsOverwritten() throws Exception {
        Workspace w = Workspace.open(dir.resolve("a")).orThrow();
        w.write("ops/db.lock.json", "{\"limit\":1}");
        w.write("ops/etl.workflow.json", WorkspaceCheckTest.workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]"));
        Path zip = dir.resolve("export.zip");
        assertThat(WorkspaceZip.export(w, w.files(), zip).orThrow()).isEqualTo(2);

        Workspace other = Workspace.open(dir.resolve("b")).orThrow();
        other.write("ops/db.lock.json", "{\"limit\":5}");
        WorkspaceZip.Report report = WorkspaceZip.importZip(other, zip, "").orThrow();
        assertThat(report.importedCount()).isEqualTo(1);
        assertThat(report.skipped()).singleElement().satisfies(l -> assertThat(l.notes()).containsExactly("ops/db.lock.json exists already (not overwritten)"));
        assertThat(other.read("ops/etl.workflow.json").orThrow()).isEqualTo(w.read("ops/etl.workflow.json").orThrow());
        assertThat(other.read("ops/db.lock.json").orThrow()).isEqualTo("{\"limit\":5}");
    }

    private static WorkspaceZip.ReportLine line(WorkspaceZip.Report report, String name) {
        return report.lines().stream().filter(l -> l.entry().contains(name)).findFirst().orElseThrow();
    }

    private static Path zipOf(Path folder, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out); Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(f));
                z.closeEntry();
            }
        }
        return zip;
    }
}
