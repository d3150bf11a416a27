package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Export of item files as a zip or a tar.gz (their workspace paths as the entries' names, as JOC's
 * export lays them out; JOC offers both formats) and import of such an archive, ours or a JOC Cockpit
 * inventory export, recognised by its content (gzip or zip), into a folder of the
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

    /** Writes the files as a gzip-compressed tar, POSIX (PAX) headers for names longer than ustar's 100 characters. */
    public static Checked<Integer> exportTarGz(Workspace workspace, List<String> files, Path archive) {
        try (OutputStream out = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out), StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String file : files) {
                byte[] bytes = Files.readAllBytes(workspace.resolve(file));
                TarArchiveEntry entry = new TarArchiveEntry(file);
                entry.setSize(bytes.length);
                entry.setModTime(Files.getLastModifiedTime(workspace.resolve(file)));
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
            tar.finish();
            return Checked.ok(files.size());
        } catch (IOException e) {
            return Workspace.fail(archive.toString(), "cannot be written", e);
        }
    }

    /** Whether an archive's name asks for a tar.gz ({@code .tar.gz}, {@code .tgz}) rather than a zip. */
    public static boolean isTarGzName(Path archive) {
        String name = archive.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /** Imports a zip or a tar.gz (told apart by their first bytes, not by the name) below {@code folder}. */
    public static Checked<Report> importArchive(Workspace workspace, Path archive, String folder) {
        byte[] magic = new byte[2];
        try (InputStream in = Files.newInputStream(archive)) {
            if (in.readNBytes(magic, 0, 2) == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return importTarGz(workspace, archive, folder);
            }
        } catch (IOException e) {
            return Checked.fail(Problem.of("ArchiveUnreadable", archive + ": cannot be read: " + e.getMessage()));
        }
        return importZip(workspace, archive, folder);
    }

    /** Imports the tar.gz's JSON entries below {@code folder} ("" for the root) of the workspace. */
    public static Checked<Report> importTarGz(Workspace workspace, Path archive, String folder) {
        List<ReportLine> lines = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in), StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                if (!entry.isFile()) {
                    continue; // folders, links and devices carry no item
                }
                lines.add(importEntry(workspace, folder, entry.getName(), tar.readAllBytes()));
            }
        } catch (IOException | IllegalArgumentException e) {
            return Checked.fail(Problem.of("TarGzUnreadable", archive + ": cannot be read as a tar.gz: " + e.getMessage()));
        }
        return Checked.ok(new Report(List.copyOf(lines)));
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
