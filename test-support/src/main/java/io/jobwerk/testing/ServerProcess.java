package io.jobwerk.testing;

import io.jobwerk.scheduler.RealScheduler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@code jobwerk} server ({@code standalone}, {@code controller}, {@code agent}) as a child JVM on the
 * test classpath. {@link #start} returns once the server printed its {@code ready} line. Output goes
 * to a log file (and is kept for failure messages). {@link #close} kills the JVM and every process it
 * started, also orphans left by an earlier {@link #kill9}.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile String readyLine = "";
    private final List<ProcessHandle> leftovers = new ArrayList<>();

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        RealScheduler.instance().newThread("pump-" + name, () -> pump(log)).start();
    }

    /** Starts {@code jobwerk ARGS…} and waits for its ready line. */
    public static ServerProcess start(String name, Path log, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.jobwerk.cli.JobwerkMain");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ServerProcess server = new ServerProcess(name, process, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ServerProcess start(String name, Path log, String... args) {
        return start(name, log, List.of(), args);
    }

    private void pump(Path log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
                Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (line.startsWith("Jobwerk ") && line.contains(" ready: ")) { // not "Address already in use"
                    readyLine = line;
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private void awaitReady() {
        try {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String why = process.isAlive() ? "no ready line within " + READY_TIMEOUT : "exited with " + process.exitValue();
                    close();
                    throw new IllegalStateException(name + " " + why + ":\n" + String.join("\n", output));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first address the ready line names, e.g. {@code http://127.0.0.1:PORT/subagent/api}: where
     * a server started on port 0 listens.
     */
    public String readyUri() {
        String afterReady = readyLine.substring(readyLine.indexOf(" ready: ") + " ready: ".length());
        int start = afterReady.indexOf("http");
        int end = afterReady.indexOf(' ', start);
        return end < 0 ? afterReady.substring(start) : afterReady.substring(start, end).replaceAll(",$", "");
    }

    public long pid() {
        return process.pid();
    }

    /** The live processes the server started (job processes and their children). */
    public List<ProcessHandle> descendants() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** SIGKILL of the server JVM alone, as {@code kill -9 PID}: its job processes become orphans. */
    public void kill9() {
        leftovers.addAll(process.descendants().toList());
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(20));
    }

    /** SIGTERM; returns the exit code. */
    public int terminate() {
        process.destroy();
        waitFor(Duration.ofSeconds(30));
        return process.isAlive() ? -1 : process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String output() {
        return String.join("\n", output);
    }

    private void waitFor(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(leftovers);
        all.addAll(process.descendants().toList());
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        waitFor(Duration.ofSeconds(20));
    }

    @Override
    public String toString() {
        return name + "(pid " + process.pid() + ")";
    }
}
