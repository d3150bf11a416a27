package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Export of item files as a zip (their workspace paths as the entries' names, as JOC's export lays
 * them out) and import of such a zip, ours or a JOC Cockpit inventory export, into a folder of the
 * workspace: each JSON entry goes through {@link JocImport}, and the {@link Report} lists what was
 * imported, what was converted and how, and what was not (with the reason). Existing files are not
 * overwritten. Blocking.
 */
public final class WorkspaceZip {
    private WorkspaceZip() {}

    /** One entry's outcome: the file written (empty: not imported) and what the operator should know. */
    public record ReportLine(String entry, java.util.Optional<String> file, List<String> notes) {
        public boolean imported() {
            return file.isPresent();
        }

        public String text() {
            return (imported() ? "imported  " : "skipped   ") + entry + (notes.isEmpty() ? "" : ": " + String.join("; ", notes));
        }
    }

    public record Report(List<ReportLine> lines) {
        public long importedCount() {
            return lines.stream().filter(ReportLine::imported).count();
        }

        public List<ReportLine> skipped() {
            return lines.stream().filter(l -> !l.imported()).toList();
        }

        public String text() {
            StringBuilder sb = new StringBuilder(importedCount() + " imported, " + skipped().size() + " not imported\n");
            lines.forEach(l -> sb.append(l.text()).append('\n'));
            return sb.toString();
        }
    }

    public static Checked<Integer> export(Workspace workspace, List<String> files, Path zip) {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String file : files) {
                z.putNextEntry(new ZipEntry(file));
                z.write(Files.readAllBytes(workspace.resolve(file)));
                z.closeEntry();
            }
            return Checked.ok(files.size());
        } catch (IOException e) {
            return Workspace.fail(zip.toString(), "cannot be written", e);
        }
    }

    /** Imports the zip's JSON entries below {@code folder} ("" for the root) of the workspace. */
    public static Checked<Report> importZip(Workspace workspace, Path zip, String folder) {
        List<ReportLine> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = z.getNextEntry()) != null; ) {
                if (entry.isDirectory()) {
                    continue;
                }
                lines.add(importEntry(workspace, folder, entry.getName(), z.readAllBytes()));
            }
        } catch (IOException e) {
            return Checked.fail(Problem.of("ZipUnreadable", zip + ": cannot be read as a zip: " + e.getMessage()));
        }
        return Checked.ok(new Report(List.copyOf(lines)));
    }

    private static ReportLine importEntry(Workspace workspace, String folder, String name, byte[] bytes) {
        String normalized = name.replace('\\', '/');
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        if (!normalized.endsWith(".json")) {
            return skipped(name, "not a JSON item file");
        }
        if (normalized.contains("../") || normalized.startsWith("..") || normalized.contains("/.") || normalized.startsWith(".")) {
            return skipped(name, "a path outside the folder or hidden");
        }
        String target = (folder.isEmpty() ? "" : folder + "/") + normalized;
        if (Files.exists(workspace.resolve(target))) {
            return skipped(name, target + " exists already (not overwritten)");
        }
        var parsed = EngineJson.parse(new String(bytes, StandardCharsets.UTF_8));
        if (parsed.isFail() || !(parsed.orThrow() instanceof ObjectNode json)) {
            return skipped(name, "not a JSON object: " + parsed.problemOption().map(Problem::message).orElse("an array or value"));
        }
        String fileName = Path.of(normalized).getFileName().toString();
        JocImport.Conversion conversion = JocImport.convert(fileName, json);
        if (!conversion.converted()) {
            return new ReportLine(name, java.util.Optional.empty(), conversion.notes());
        }
        String text = conversion.json().get().equals(json) ? new String(bytes, StandardCharsets.UTF_8)
                : ItemJsonText.pretty(conversion.json().get());
        Checked<String> written = workspace.write(target, text);
        if (written.isFail()) {
            return skipped(name, written.problemOption().orElseThrow().message());
        }
        return new ReportLine(name, java.util.Optional.of(target), conversion.notes());
    }

    private static ReportLine skipped(String entry, String why) {
        return new ReportLine(entry, java.util.Optional.empty(), List.of(why));
    }
}
