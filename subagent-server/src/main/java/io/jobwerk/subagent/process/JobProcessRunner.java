package io.jobwerk.subagent.process;

import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.ReturnCodeMeaning;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.scheduler.Cancellable;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts job processes with a {@link ProcessLauncher} ({@code posix_spawn} where it can). Output goes
 * to files that one {@link OutputTailer} turns into chunks. A process's return values come from the
 * file named in {@code JS7_RETURN_VALUES} ({@code key=value} lines).
 *
 * <p>A shell script is written to a file and executed directly, so its shebang line chooses the
 * interpreter; without a shebang it runs with {@code /bin/sh}.
 *
 * <p>A shell script's file is written once per distinct script and shared by its processes. A task's
 * stdout, stderr and return-values files are deleted when its process has ended. No file is created
 * per process beyond the two output files: on ext4, creating and deleting files is what limited the
 * start rate (see {@link PidLog}).
 *
 * <p>The {@value #PID_LOG} file names the processes running. A Subagent killed with SIGKILL leaves its
 * job processes running as orphans; the next runner on the same work directory kills them (with their
 * descendants) and deletes the leftover files, as JS7 does at Agent start, so a lost step never runs
 * twice at the same time.
 */
public final class JobProcessRunner implements AutoCloseable {


    private final ProcessConf conf;
    private final OutputTailer tailer;
    private final TaskQueue timer;
    private final TreeKiller killer;
    private final ExecutorService enders;
    private final Path tasks;
    private final Path scriptsDirectory;
    private final Map<String, Path> scripts = new ConcurrentHashMap<>();
    private final PidLog pids;
    private final ProcessLauncher launcher;

    static final String PID_LOG = "pids";
    private static final List<String> TASK_FILE_SUFFIXES = List.of(".stdout", ".stderr", ".return-values");
    private static final AtomicBoolean warnedOfThreadPerExit = new AtomicBoolean();
    private static final Logger LOG = LoggerFactory.getLogger(JobProcessRunner.class);

    /**
     * For the JDK's launcher: lets {@link Process#onExit()} complete on the common fork-join pool instead of a new thread per
     * process: with fewer than 3 CPUs the JDK's common pool has a parallelism of 1, and then every
     * {@code CompletableFuture} async step (as {@code onExit} uses internally) starts a thread
     * (measured: 0.23 ms CPU per process here, a fifth of the runner's). Sets
     * {@code java.util.concurrent.ForkJoinPool.common.parallelism} to at least 2 unless given; call it
     * first in {@code main}, as the property is read once, when the pool is first used.
     */
    public static void prepareJvm() {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(property) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(property, "2");
        }
    }

    /** Creates the work directory, killing the processes a previous runner left behind. */
    public JobProcessRunner(ProcessConf conf) {
        this(conf, ProcessLauncher.create());
    }

    JobProcessRunner(ProcessConf conf, ProcessLauncher launcher) {
        this.conf = conf;
        this.launcher = launcher;
        this.tailer = new OutputTailer(conf.chunkSize(), conf.pollInterval());
        this.timer = RealScheduler.instance().queue("jobwerk-process-timer");
        this.enders = RealScheduler.instance().pool("jobwerk-process-end", 2);
        this.killer = new TreeKiller(timer);
        this.tasks = conf.workDirectory().resolve("tasks");
        this.scriptsDirectory = conf.workDirectory().resolve("scripts");
        try {
            Files.createDirectories(conf.workDirectory());
            killLeftovers(conf.workDirectory());
            Files.createDirectories(tasks);
            Files.createDirectories(scriptsDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create work directory " + conf.workDirectory(), e);
        }
        this.pids = new PidLog(conf.workDirectory().resolve(PID_LOG));
        LOG.atDebug().log(() -> "Job processes start with " + launcher.name());
        if (launcher instanceof JdkProcessLauncher && ForkJoinPool.getCommonPoolParallelism() < 2 && !warnedOfThreadPerExit.getAndSet(true)) {
            LOG.warn("Each job process's exit starts a thread (the common fork-join pool has parallelism 1): "
                    + "call JobProcessRunner.prepareJvm() first in main, or set -Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
        }
    }

    /** Kills the processes the pid log names as running and deletes everything else in the work directory; returns the number killed. */
    static int killLeftovers(Path workDirectory) {
        int killed = 0;
        try {
            for (PidLog.Entry entry : PidLog.read(workDirectory.resolve(PID_LOG))) {
                Optional<ProcessHandle> leftover = leftoverProcess(entry);
                if (leftover.isPresent()) {
                    List<ProcessHandle> tree = new ArrayList<>(leftover.get().descendants().toList());
                    tree.add(0, leftover.get());
                    tree.forEach(ProcessHandle::destroyForcibly);
                    killed++;
                    LOG.info("Killed orphaned job process " + entry.pid() + " (task " + entry.taskId() + ") and "
                            + (tree.size() - 1) + " descendants");
                }
            }
            try (var files = Files.list(workDirectory)) {
                files.toList().forEach(JobProcessRunner::deleteQuietly);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Cannot clean the work directory " + workDirectory + ": " + e);
        }
        return killed;
    }

    /** The process of a log entry if it still runs; its start time guards against a reused pid. */
    private static Optional<ProcessHandle> leftoverProcess(PidLog.Entry entry) {
        return ProcessHandle.of(entry.pid()).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                .map(i -> Math.abs(i.toEpochMilli() - entry.startMillis()) < 2000).orElse(true));
    }

    /**
     * Starts the process. Fails (with an exceptionally completed outcome, never a thrown exception)
     * when the executable cannot be started; the caller reports that as a failed step.
     */
    public RunningProcess start(JobLaunch launch, OutputSink sink) {
        String taskId = launch.taskId();
        Path stdout = tasks.resolve(taskId + ".stdout");
        Path stderr = tasks.resolve(taskId + ".stderr");
        Path returnValues = tasks.resolve(taskId + ".return-values");
        try {
            Map<String, String> env = new HashMap<>(launch.env());
            env.put("JS7_RETURN_VALUES", returnValues.toString()); // created by the job if it returns values
            ProcessLauncher.Launched process = launchRetryingTextFileBusy(command(launch), env, stdout, stderr);
            long startMillis = System.currentTimeMillis();
            try {
                pids.started(taskId, process.pid(), startMillis);
            } catch (IOException | RuntimeException e) {
                process.handle().ifPresent(ProcessHandle::destroyForcibly); // not in the log, a crash would leave it running unnoticed
                throw e;
            }
            Run run = new Run(launch, process);
            run.watch(tailer.follow(stdout, sink::stdout, run::tailDone), tailer.follow(stderr, sink::stderr, run::tailDone));
            return run;
        } catch (IOException | RuntimeException e) {
            deleteTaskFiles(taskId);
            return new FailedStart(new IOException("Cannot start " + describe(launch.executable()) + ": " + e.getMessage(), e));
        }
    }

    /**
     * Launches, again after a moment when exec fails with ETXTBSY ("Text file busy"): a process
     * forked by another launcher thread while this script file was still open for writing holds the
     * write descriptor until its own exec, and Linux refuses to execute a file open for writing. The
     * window is short (Go's os/exec retries the same way).
     */
    private ProcessLauncher.Launched launchRetryingTextFileBusy(List<String> command, Map<String, String> env, Path stdout, Path stderr)
            throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return launcher.launch(command, env, conf.workDirectory(), stdout, stderr);
            } catch (IOException e) {
                if (attempt >= 20 || e.getMessage() == null || !e.getMessage().contains("error=26,")) {
                    throw e;
                }
                try {
                    RealScheduler.instance().sleep(java.time.Duration.ofMillis(Math.min(5L * attempt, 50)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private List<String> command(JobLaunch launch) throws IOException {
        Executable executable = launch.executable();
        switch (executable.kind()) {
            case SHELL_SCRIPT -> {
                String script = ((Executable.ShellScript) executable).script();
                Path file = scriptFile(script);
                return script.startsWith("#!") ? List.of(file.toString()) : List.of("/bin/sh", file.toString());
            }
            case PATH -> {
                Path path = conf.executablesDirectory().resolve(((Executable.PathExecutable) executable).path()).normalize();
                return List.of(path.toString());
            }
            case COMMAND_LINE -> {
                if (launch.commandLine().isEmpty()) {
                    throw new IllegalArgumentException("empty command line");
                }
                return launch.commandLine();
            }
            case INTERNAL -> throw new IllegalArgumentException("InternalExecutable is not a process");
        }
        throw new AssertionError(executable);
    }

    /**
     * The file of a script, written once per distinct script and shared by its processes (a job's
     * script is the same for every order). Written under a temporary name and renamed, so a process
     * never sees it half written.
     */
    private Path scriptFile(String script) throws IOException {
        Path file = scripts.get(script);
        if (file != null) {
            return file;
        }
        try {
            return scripts.computeIfAbsent(script, s -> {
                try {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    Path f = scriptsDirectory.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
                    Path temporary = scriptsDirectory.resolve(f.getFileName() + ".tmp");
                    Files.write(temporary, bytes);
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwx------"));
                    Files.move(temporary, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return f;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String describe(Executable executable) {
        return switch (executable.kind()) {
            case SHELL_SCRIPT -> "shell script";
            case PATH -> "executable " + ((Executable.PathExecutable) executable).path();
            case COMMAND_LINE -> "command line";
            case INTERNAL -> "internal job";
        };
    }

    private enum Ending { EXITED, KILLED, TIMED_OUT }

    private final class Run implements RunningProcess {
        private final JobLaunch launch;
        private final ProcessLauncher.Launched process;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private final AtomicReference<Ending> ending = new AtomicReference<>(Ending.EXITED);
        private volatile Cancellable timeoutFuture;
        private volatile OutputTailer.Tail err;
        private final AtomicInteger endsLeft = new AtomicInteger(3); // the exit and both tails' last output

        private volatile int exitCode;

        Run(JobLaunch launch, ProcessLauncher.Launched process) {
            this.launch = launch;
            this.process = process;
        }

        void watch(OutputTailer.Tail out, OutputTailer.Tail err) {
            this.err = err;
            launch.timeout().ifPresent(t -> timeoutFuture = timer.schedule(t, () -> {
                if (ending.compareAndSet(Ending.EXITED, Ending.TIMED_OUT)) {
                    terminate(false);
                }
            }));
            process.exitCode().thenAccept(code -> {
                exitCode = code;
                Cancellable tf = timeoutFuture;
                if (tf != null) {
                    tf.cancel();
                }
                tailer.finish(out, err);
                partEnded();
            });
        }

        /** Called on the tailer thread when a tail has delivered all output (or cannot read its file). */
        void tailDone() {
            partEnded();
        }

        /**
         * The process has exited and both tails are done: end on an ender thread. The end's file work
         * is not done on the tailer thread, so it keeps on tailing.
         */
        private void partEnded() {
            if (endsLeft.decrementAndGet() == 0) {
                try {
                    enders.execute(this::end);
                } catch (RejectedExecutionException e) { // the runner is closed
                    outcome.completeExceptionally(e);
                }
            }
        }

        private void end() {
            String taskId = launch.taskId();
            try {
                Outcome result = toOutcome(exitCode, tasks.resolve(taskId + ".return-values"));
                deleteTaskFiles(taskId);
                pids.ended(taskId);
                outcome.complete(result);
            } catch (IOException | RuntimeException ex) {
                deleteTaskFiles(taskId);
                outcome.completeExceptionally(ex);
            }
        }

        private Outcome toOutcome(int exitValue, Path returnValuesFile) {
            Map<String, Value> namedValues = new LinkedHashMap<>(readReturnValues(returnValuesFile));
            namedValues.put("returnCode", Value.of(exitValue));
            ReturnCodeMeaning meaning = launch.executable().returnCodeMeaning();
            Outcome.Completed completed;
            if (launch.failOnErrWritten() && err.wroteAnything()) {
                completed = new Outcome.Failed(Optional.of(err.lastLine()), namedValues);
            } else if (meaning.isSuccess(exitValue) && ending.get() == Ending.EXITED) {
                completed = new Outcome.Succeeded(namedValues);
            } else {
                completed = new Outcome.Failed(Optional.empty(), namedValues);
            }
            return switch (ending.get()) {
                case EXITED -> completed;
                case KILLED -> new Outcome.Killed(completed);
                case TIMED_OUT -> new Outcome.TimedOut(completed);
            };
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        @Override
        public void kill(boolean immediately) {
            ending.compareAndSet(Ending.EXITED, Ending.KILLED);
            terminate(immediately);
        }

        private void terminate(boolean immediately) {
            process.handle().ifPresent(h -> killer.kill(h, immediately, launch.sigkillDelay())); // else it has ended
        }
    }

    /** Return values as JS7 reads them: {@code key=value} lines; values are strings. */
    static Map<String, Value> readReturnValues(Path file) {
        Map<String, Value> values = new LinkedHashMap<>();
        if (file.toFile().length() == 0) { // also when missing, without the cost of an exception: most jobs return no values
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq).trim(), Value.of(line.substring(eq + 1)));
                }
            }
        } catch (IOException e) {
            // A job that deleted its return-values file returns no values.
        }
        return values;
    }

    private record FailedStart(IOException error) implements RunningProcess {
        @Override public long pid() { return -1; }
        @Override public CompletableFuture<Outcome> outcome() { return CompletableFuture.failedFuture(error); }
        @Override public void kill(boolean immediately) { }
    }

    private void deleteTaskFiles(String taskId) {
        // Leftover task files are harmless: the work directory is cleaned at the next start
        for (String suffix : TASK_FILE_SUFFIXES) {
            tasks.resolve(taskId + suffix).toFile().delete();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Leftover task files are harmless; the work directory is cleaned at the next start.
        }
    }

    /** How processes start here: {@code posix_spawn} or {@code jdk}. */
    public String launcherName() {
        return launcher.name();
    }

    @Override
    public void close() {
        killer.close();
        launcher.close();
        tailer.close();
        timer.closeNow();
        enders.shutdown();
        pids.close();
    }
}
