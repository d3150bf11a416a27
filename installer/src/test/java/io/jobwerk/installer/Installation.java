package io.jobwerk.installer;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The server distribution installed into a directory, as an operator has it: unpacked from the
 * tarball that {@code -Pdist} built ({@code jobwerk.dist.target}), or else assembled from the
 * installer's files ({@code jobwerk.dist.files}) and the jars of the test's class path, the same layout.
 */
final class Installation {

    final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    static Installation into(Path dir) throws IOException, InterruptedException {
        String target = System.getProperty("jobwerk.dist.target");
        if (target != null) {
            Path tarball = only(Path.of(target), "jobwerk-*.tar.gz");
            Result untar = run(dir, Map.of(), Duration.ofMinutes(2), "tar", "-xzf", tarball.toString());
            if (untar.exitCode() != 0) {
                throw new IllegalStateException("tar failed: " + untar.output());
            }
            return new Installation(only(dir, "jobwerk-*"));
        }
        Path home = dir.resolve("jobwerk");
        copyTree(Path.of(System.getProperty("jobwerk.dist.files")), home);
        Files.createDirectories(home.resolve("logs"));
        Files.createDirectories(home.resolve("data"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                jar(p, lib.resolve("classes-" + n++ + ".jar"));
            } else if (entry.endsWith(".jar")) {
                Files.createSymbolicLink(lib.resolve(n++ + "-" + p.getFileName()), p.toAbsolutePath());
            }
        }
        for (String script : List.of("bin/jobwerk", "bin/controller.sh", "bin/agent.sh", "bin/subagent.sh")) {
            Files.setPosixFilePermissions(home.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new Installation(home);
    }

    /** Runs {@code bin/SCRIPT ARGS} in the installation, with {@code env} added to the environment. */
    Result bin(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(args));
        return run(home, env, Duration.ofMinutes(3), command.toArray(String[]::new));
    }

    void writeConfig(String name, String text) throws IOException {
        Files.writeString(home.resolve("config").resolve(name), text);
    }

    String read(String relativePath) throws IOException {
        Path p = home.resolve(relativePath);
        return Files.exists(p) ? Files.readString(p) : "";
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(env);
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("jobwerk-script", ".out");
        builder.redirectOutput(out.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout + ": " + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(process.exitValue(), output);
    }

    private static Path only(Path dir, String glob) throws IOException {
        try (var found = Files.newDirectoryStream(dir, glob)) {
            List<Path> list = new ArrayList<>();
            found.forEach(list::add);
            if (list.size() != 1) {
                throw new IllegalStateException("Expected one " + glob + " in " + dir + ", found " + list);
            }
            return list.get(0);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                zip.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
