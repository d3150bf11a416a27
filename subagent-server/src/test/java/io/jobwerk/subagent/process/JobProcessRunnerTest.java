package io.jobwerk.subagent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.ReturnCodeMeaning;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner with each {@link ProcessLauncher}: see the subclasses. */
abstract class JobProcessRunnerTest {

    abstract ProcessLauncher newLauncher();

    private JobProcessRunner newRunner() {
        return new JobProcessRunner(new ProcessConf(dir.resolve("work"), dir.resolve("executables"), 64, Duration.ofMillis(20)), newLauncher());
    }

    @TempDir
    Path dir;

    JobProcessRunner runner;
    final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    final OutputSink sink = new OutputSink() {
        @Override public void stdout(String chunk) { stdout.add(chunk); }
        @Override public void stderr(String chunk) { stderr.add(chunk); }
    };

    @BeforeEach
    void start() {
        runner = newRunner();
    }

    @AfterEach
    void stop() {
        runner.close();
    }

    private static JobLaunch script(String script) {
        return launch(Executable.ShellScript.of(script));
    }

    private static JobLaunch launch(Executable executable) {
        return new JobLaunch("task-1", executable, List.of(), Map.of(), Duration.ofSeconds(5), Optional.empty(), false);
    }

    private Outcome run(JobLaunch launch) throws Exception {
        return runner.start(launch, sink).outcome().get(30, TimeUnit.SECONDS);
    }

    @Test
    void theJobInheritsNoDescriptorOfTheJvmAndNoBlockedSignal() throws Exception {
        // The mask is read first and with builtins only: dash sets its mask anew around each fork
        // (blocking all signals for a moment, then clearing the mask), which would hide the inherited one.
        // The glob's own descriptor of /proc/PID/fd is gone when readlink looks for it: exit 0 after the loop.
        Outcome outcome = run(script("""
                #!/bin/sh
                while read line; do case $line in SigBlk*) echo "$line";; esac; done < /proc/$$/status
                for fd in /proc/$$/fd/*; do readlink $fd; done
                exit 0
                """));

        assertThat(outcome).isInstanceOf(Outcome.Succeeded.class);
        String out = String.join("", stdout);
        assertThat(out).contains("/dev/null").contains(".stdout").contains(".stderr").doesNotContain(".jar").doesNotContain("socket:")
                .contains("SigBlk:\t" + expectedSignalMaskOfJobs());
    }

    /** Hex as in /proc/PID/status. */
    protected String expectedSignalMaskOfJobs() {
        return "0000000000000000";
    }

    @Test
    void scriptWithShebangSucceedsAndStreamsStdout() throws Exception {
        Outcome outcome = run(script("#!/bin/bash\necho \"hello from $BASH_VERSION\" | cut -c1-10\n"));
        assertThat(outcome).isEqualTo(Outcome.succeeded(0));
        assertThat(String.join("", stdout)).isEqualTo("hello from\n");
    }

    @Test
    void scriptWithoutShebangRunsWithBinSh() throws Exception {
        Outcome outcome = run(script("echo plain\n"));
        assertThat(outcome).isEqualTo(Outcome.succeeded(0));
        assertThat(String.join("", stdout)).isEqualTo("plain\n");
    }

    @Test
    void returnValuesFileBecomesNamedValuesAsStrings() throws Exception {
        Outcome outcome = run(script("#!/bin/sh\necho \"result=42\" >> \"$JS7_RETURN_VALUES\"\necho 'text=a=b' >> \"$JS7_RETURN_VALUES\"\n"));
        assertThat(outcome.namedValues()).containsExactly(
                Map.entry("result", Value.of("42")), Map.entry("text", Value.of("a=b")), Map.entry("returnCode", Value.of(0)));
    }

    @Test
    void nonZeroExitFailsWithItsReturnCode() throws Exception {
        Outcome outcome = run(script("#!/bin/sh\necho oops >&2\nexit 3\n"));
        assertThat(outcome).isEqualTo(Outcome.failed(3));
        assertThat(String.join("", stderr)).isEqualTo("oops\n");
    }

    @Test
    void returnCodeMeaningDecidesSuccess() throws Exception {
        var ranges = ReturnCodeMeaning.parseRanges("0,3..5").orThrow();
        var executable = new Executable.ShellScript("#!/bin/sh\nexit 4\n", Map.of(), Optional.empty(), false,
                ReturnCodeMeaning.success(ranges));
        assertThat(run(launch(executable))).isEqualTo(Outcome.succeeded(4));
    }

    @Test
    void failOnErrWrittenFailsWithTheLastStderrLine() throws Exception {
        var launch = new JobLaunch("task-1", Executable.ShellScript.of("#!/bin/sh\necho first >&2\necho 'last line' >&2\n"),
                List.of(), Map.of(), Duration.ofSeconds(5), Optional.empty(), true);
        assertThat(run(launch)).isEqualTo(new Outcome.Failed(Optional.of("last line"), Map.of("returnCode", Value.of(0))));
    }

    @Test
    void environmentIsPassed() throws Exception {
        var launch = new JobLaunch("task-1", Executable.ShellScript.of("#!/bin/sh\necho \"$JS7_ORDER_ID:$GREETING\"\n"),
                List.of(), Map.of("JS7_ORDER_ID", "order-7", "GREETING", "grüß dich"), Duration.ofSeconds(5), Optional.empty(), false);
        run(launch);
        assertThat(String.join("", stdout)).isEqualTo("order-7:grüß dich\n");
    }

    @Test
    void commandLineRunsTheGivenWords() throws Exception {
        var launch = new JobLaunch("task-1", new Executable.CommandLine("/bin/echo a b", Map.of(), Optional.empty(),
                ReturnCodeMeaning.DEFAULT), List.of("/bin/echo", "a", "b c"), Map.of(), Duration.ofSeconds(5), Optional.empty(), false);
        assertThat(run(launch)).isEqualTo(Outcome.succeeded(0));
        assertThat(String.join("", stdout)).isEqualTo("a b c\n");
    }

    @Test
    void pathExecutableResolvesInTheExecutablesDirectory() throws Exception {
        Path executables = dir.resolve("executables");
        Files.createDirectories(executables);
        Path file = executables.resolve("hello.sh");
        Files.writeString(file, "#!/bin/sh\necho from path\n");
        file.toFile().setExecutable(true);
        var executable = new Executable.PathExecutable("hello.sh", Map.of(), Optional.empty(), false, ReturnCodeMeaning.DEFAULT);
        assertThat(run(launch(executable))).isEqualTo(Outcome.succeeded(0));
        assertThat(String.join("", stdout)).isEqualTo("from path\n");
    }

    @Test
    void missingPathExecutableFailsTheStartClearly() {
        var executable = new Executable.PathExecutable("missing.sh", Map.of(), Optional.empty(), false, ReturnCodeMeaning.DEFAULT);
        assertThatThrownBy(() -> run(launch(executable)))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("Cannot start executable missing.sh");
    }

    @Test
    void outputIsChunkedWithoutSplittingCharacters() throws Exception {
        // 300 'ä' (2 bytes each) with chunk size 64 chars
        Outcome outcome = run(script("#!/bin/bash\nfor i in $(seq 300); do printf 'ä'; done\n"));
        assertThat(outcome.isSucceeded()).isTrue();
        assertThat(String.join("", stdout)).isEqualTo("ä".repeat(300));
        assertThat(stdout).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(64));
        assertThat(stdout).noneMatch(chunk -> chunk.contains("\uFFFD"));
    }

    @Test
    void timeoutKillsAndYieldsTimedOut() throws Exception {
        var launch = new JobLaunch("task-1", Executable.ShellScript.of("#!/bin/sh\nsleep 30\n"), List.of(), Map.of(),
                Duration.ofSeconds(5), Optional.of(Duration.ofMillis(200)), false);
        Outcome outcome = run(launch);
        assertThat(outcome).isEqualTo(new Outcome.TimedOut(Outcome.failed(143)));
    }

    @Test
    void killSendsSigtermThenSigkillToTheWholeTree() throws Exception {
        Path childPidFile = dir.resolve("child.pid");
        var launch = new JobLaunch("task-1", Executable.ShellScript.of(
                "#!/bin/bash\ntrap '' TERM\nsleep 60 &\necho $! > " + childPidFile + "\necho started\nwait\n"),
                List.of(), Map.of(), Duration.ofMillis(300), Optional.empty(), false);
        RunningProcess process = runner.start(launch, sink);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!String.join("", stdout).contains("started") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long childPid = Long.parseLong(Files.readString(childPidFile).trim());
        process.kill(false);
        Outcome outcome = process.outcome().get(30, TimeUnit.SECONDS);
        assertThat(outcome).isEqualTo(new Outcome.Killed(Outcome.failed(137)));
        Thread.sleep(200);
        assertThat(isRunning(childPid)).isFalse();
    }

    @Test
    void aNewRunnerKillsTheProcessesALostRunnerLeftBehind() throws Exception {
        Path childPidFile = dir.resolve("child.pid");
        runner.start(script("#!/bin/sh\nsleep 60 &\necho $! > " + childPidFile + "\necho started\nwait\n"), sink);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!String.join("", stdout).contains("started") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long childPid = Long.parseLong(Files.readString(childPidFile).trim());
        List<PidLog.Entry> logged = PidLog.read(dir.resolve("work").resolve(JobProcessRunner.PID_LOG));
        assertThat(logged).hasSize(1);
        long scriptPid = logged.get(0).pid();
        assertThat(isRunning(scriptPid)).isTrue();

        // As after a SIGKILL of the Subagent: the next runner on the same work directory finds the pid file.
        try (var next = newRunner()) {
            Thread.sleep(200);
            assertThat(isRunning(scriptPid)).isFalse();
            assertThat(isRunning(childPid)).isFalse();
            assertThat(taskFiles()).isEmpty();
            assertThat(PidLog.read(dir.resolve("work").resolve(JobProcessRunner.PID_LOG))).isEmpty();
        }
    }

    /** Alive and not a zombie: orphans may stay zombies here, as this machine's init does not reap them. */
    private static boolean isRunning(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
    }

    @Test
    void killImmediatelySendsSigkill() throws Exception {
        RunningProcess process = runner.start(script("#!/bin/sh\necho up\nsleep 60\n"), sink);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!String.join("", stdout).contains("up") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        process.kill(true);
        assertThat(process.outcome().get(30, TimeUnit.SECONDS)).isEqualTo(new Outcome.Killed(Outcome.failed(137)));
    }

    @Test
    void taskFilesAreRemovedAfterTheProcessEnded() throws Exception {
        run(script("#!/bin/sh\necho x\necho a=b >> \"$JS7_RETURN_VALUES\"\n"));
        assertThat(taskFiles()).isEmpty();
        assertThat(PidLog.read(dir.resolve("work").resolve(JobProcessRunner.PID_LOG))).isEmpty();
    }

    @Test
    void processesOfOneScriptShareItsFile() throws Exception {
        for (int i = 1; i <= 3; i++) {
            var launch = new JobLaunch("task-" + i, Executable.ShellScript.of("echo $0"), List.of(), Map.of(), Duration.ofSeconds(5),
                    Optional.empty(), false);
            assertThat(run(launch)).isEqualTo(Outcome.succeeded(0));
        }
        run(script("echo other"));
        List<String> lines = String.join("", stdout).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).containsOnly(lines.get(0));
        try (var scripts = Files.list(dir.resolve("work").resolve("scripts"))) {
            assertThat(scripts).hasSize(2);
        }
    }

    @Test
    void concurrentProcessesEachDeliverTheirWholeOutputInOrderBeforeTheirOutcome() throws Exception {
        int n = 40;
        List<List<String>> outs = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<String>> atOutcome = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            List<String> err = Collections.synchronizedList(new ArrayList<>());
            outs.add(out);
            OutputSink own = new OutputSink() {
                @Override public void stdout(String chunk) { out.add(chunk); }
                @Override public void stderr(String chunk) { err.add(chunk); }
            };
            var launch = new JobLaunch("task-" + i, Executable.ShellScript.of("for k in $(seq 50); do echo \"line $k\"; done; echo e >&2"),
                    List.of(), Map.of(), Duration.ofSeconds(5), Optional.empty(), i % 2 == 0);
            // What the sink holds when the outcome completes: all output must have arrived by then
            atOutcome.add(runner.start(launch, own).outcome().thenApply(o -> o.isSucceeded() + " " + String.join("", out) + String.join("", err)));
        }
        String lines = java.util.stream.IntStream.rangeClosed(1, 50).mapToObj(k -> "line " + k + "\n").collect(java.util.stream.Collectors.joining());
        for (int i = 0; i < n; i++) {
            assertThat(atOutcome.get(i).get(30, TimeUnit.SECONDS)).isEqualTo((i % 2 != 0) + " " + lines + "e\n");
        }
    }

    private List<Path> taskFiles() throws Exception {
        try (var files = Files.list(dir.resolve("work").resolve("tasks"))) {
            return files.toList();
        }
    }

    @Test
    void aNewRunnerKillsTheProcessesAnEarlierRunLeftInItsWorkDirectory() throws Exception {
        RunningProcess left = runner.start(new JobLaunch("left-1", Executable.ShellScript.of("sleep 30"), List.of(), Map.of(),
                Duration.ofSeconds(1), Optional.empty(), false), OutputSink.NONE);
        ProcessHandle handle = ProcessHandle.of(left.pid()).orElseThrow();
        // A second runner on the same directory, as after a crash of the first one's JVM.
        try (JobProcessRunner next = newRunner()) {
            handle.onExit().get(5, TimeUnit.SECONDS);
            assertThat(handle.isAlive()).isFalse();
            assertThat(taskFiles()).isEmpty();
        }
    }
}
