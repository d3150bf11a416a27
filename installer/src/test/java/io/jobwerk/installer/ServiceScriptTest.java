package io.jobwerk.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service scripts of the installed distribution, driven as an operator does: Controller and Agent
 * started by {@code bin/controller.sh} and {@code bin/agent.sh}, orders added with {@code bin/jobwerk},
 * and every stop operation checked on the real processes, by pid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceScriptTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    // C1 only: the servers start faster on the shared 2-core machine and nothing here is about throughput
    private static final Map<String, String> ENV = Map.of("JAVA_OPTIONS", "-XX:TieredStopAtLevel=1");

    @TempDir
    static Path dir;
    private Installation jobwerk;
    private Path marks;
    private String controllerUri;

    @BeforeAll
    void installAndStartTheController() throws Exception {
        jobwerk = Installation.into(dir);
        marks = Files.createDirectories(dir.resolve("marks"));
        int agentPort = freePort();
        jobwerk.writeConfig("controller.conf",
                "OPTIONS=\"--host 127.0.0.1 --port 0 --user admin:secret --agent-user controller:ctrl-pw --no-fsync\"\n");
        jobwerk.writeConfig("agent.conf", "OPTIONS=\"--host 127.0.0.1 --port " + agentPort + " --user controller:ctrl-pw --no-fsync\"\n");
        assertOk(jobwerk.bin(ENV, "controller.sh", "start"));
        Matcher ready = Pattern.compile("ready: (http://127\\.0\\.0\\.1:\\d+)/controller/api").matcher(jobwerk.read("logs/controller.out"));
        assertThat(ready.find()).as(jobwerk.read("logs/controller.out")).isTrue();
        controllerUri = ready.group(1);
        Path items = Files.createDirectories(dir.resolve("items"));
        Files.writeString(items.resolve("agent.agent.json"), "{\"TYPE\":\"AgentRef\",\"path\":\"agent\",\"directors\":[\"agent-1\"]}");
        Files.writeString(items.resolve("agent-1.subagent.json"),
                "{\"TYPE\":\"SubagentItem\",\"id\":\"agent-1\",\"agentPath\":\"agent\",\"uri\":\"http://127.0.0.1:" + agentPort + "\"}");
        // The job notes its pid, its child's pid, a SIGTERM (after which it goes on until SIGKILL) and its end, each in a file named by the order.
        // A step lost with its Agent runs again after the restart: that second run ends at once, so it keeps no later test waiting.
        Files.writeString(items.resolve("job.workflow.json"), """
                {"TYPE":"Workflow","path":"job","versionId":"1","orderPreparation":{"parameters":{"seconds":{"type":"Number"}}},"instructions":[{"TYPE":"Execute.Named","jobName":"job"}],
                 "jobs":{"job":{"agentPath":"agent","processLimit":10,"sigkillDelay":1,"executable":{"TYPE":"ShellScriptExecutable",
                   "env":{"SECONDS_TO_RUN":"$seconds"},
                   "script":"#!/bin/sh\\nF=MARKS/$JS7_ORDER_ID\\n[ -e $F.pid ] && exit 0\\necho $$ > $F.pid\\ntrap 'echo TERM >> $F.term' TERM\\nsleep $SECONDS_TO_RUN &\\necho $! > $F.child\\nwait\\nif [ -s $F.term ]; then while :; do sleep 1; done; fi\\necho done > $F.done\\n"}}}}
                """.replace("MARKS", marks.toString()));
        assertOk(jobwerk.bin(ENV, "jobwerk", "deploy", items.toString(), "--controller", controllerUri, "--user", "admin:secret"));
    }

    @AfterAll
    void stopTheController() throws Exception {
        if (jobwerk != null) {
            assertOk(jobwerk.bin(ENV, "controller.sh", "stop"));
            assertThat(jobwerk.read("logs/controller.out")).contains("Jobwerk Controller stopped");
        }
    }

    @AfterEach
    void abortTheAgent() throws Exception {
        jobwerk.bin(ENV, "agent.sh", "abort");
    }

    @Test
    void statusIsThreeWhenStoppedAndZeroWhenRunning() throws Exception {
        assertThat(jobwerk.bin(ENV, "agent.sh", "status").exitCode()).isEqualTo(3);
        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        assertThat(jobwerk.bin(ENV, "agent.sh", "status").exitCode()).isZero();
        Installation.Result again = jobwerk.bin(ENV, "agent.sh", "start");
        assertThat(again.exitCode()).as("a second start, as the LSB says").isZero();
        assertThat(again.output()).contains("already running");
        Installation.Result stop = jobwerk.bin(ENV, "agent.sh", "stop");
        assertOk(stop);
        assertThat(jobwerk.read("logs/agent.out")).contains("Jobwerk Agent stopped");
        assertThat(jobwerk.bin(ENV, "agent.sh", "status").exitCode()).isEqualTo(3);
        assertThat(jobwerk.bin(ENV, "agent.sh", "stop").exitCode()).as("stop of a stopped server").isZero();
        assertThat(jobwerk.read("logs/agent.out")).as("the AppCDS dump's warnings are silenced").doesNotContain("[cds]");
        assertThat(jobwerk.bin(ENV, "agent.sh", "frobnicate").exitCode()).isEqualTo(2);
        assertThat(jobwerk.bin(ENV, "agent.sh", "stop", "--timeout=soon").exitCode()).isEqualTo(2);
    }

    @Test
    void aCleanStopLeavesAnAppCdsArchiveThatTheNextStartMaps() throws Exception {
        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        assertOk(jobwerk.bin(ENV, "agent.sh", "stop"));
        Path archive;
        try (var found = Files.newDirectoryStream(jobwerk.home.resolve("data"), "agent-cds-*.jsa")) {
            archive = found.iterator().next();
        }
        assertThat(Files.size(archive)).as("the archive the clean stop wrote").isPositive();

        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        String commandLine = Files.readString(Path.of("/proc/" + jobwerk.read("data/agent.pid").strip() + "/cmdline")).replace('\0', ' ');
        assertThat(commandLine).contains("-XX:SharedArchiveFile=" + archive).doesNotContain("ArchiveClassesAtExit");
        Path runtime = jobwerk.home.resolve("runtime/bin/java");
        if (Files.isExecutable(runtime) && System.getenv("JAVA_HOME") == null) {
            assertThat(commandLine).as("the jlinked runtime of -Djobwerk.jlink=true").startsWith(runtime + " ");
        }
        assertOk(jobwerk.bin(ENV, "agent.sh", "stop"));
    }

    @Test
    void stopLetsTheRunningJobEndAndStartsNoOther() throws Exception {
        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        addOrder("graceful", 4);
        awaitFile("graceful.child");
        Installation.Result stop = jobwerk.bin(ENV, "agent.sh", "stop", "--timeout=60");
        assertOk(stop);
        assertThat(marks.resolve("graceful.done")).as("the job ran to its end").exists();
        assertThat(marks.resolve("graceful.term")).doesNotExist();
        assertThat(jobwerk.read("logs/agent.out")).contains("no job starts any more; waiting for 1 running job(s)");
    }

    @Test
    void stopWithTimeoutTerminatesTheJobWithSigtermThenSigkillAndRestartStartsAgain() throws Exception {
        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        long agentPid = Long.parseLong(jobwerk.read("data/agent.pid").strip());
        addOrder("stubborn", 300);
        long jobPid = pidIn(awaitFile("stubborn.pid"));
        long childPid = pidIn(awaitFile("stubborn.child"));

        Installation.Result stop = jobwerk.bin(ENV, "agent.sh", "stop", "--timeout=2");
        assertOk(stop);
        assertThat(stop.output()).contains("terminating them (SIGTERM, then SIGKILL)");
        assertThat(Files.readString(marks.resolve("stubborn.term"))).as("the job got SIGTERM").contains("TERM");
        assertThat(marks.resolve("stubborn.done")).as("it ignored SIGTERM and was killed").doesNotExist();
        assertThat(isRunning(jobPid)).as("job " + jobPid).isFalse();
        assertThat(isRunning(childPid)).as("the job's child " + childPid).isFalse();
        assertThat(isRunning(agentPid)).as("the Agent " + agentPid).isFalse();
        assertThat(jobwerk.read("logs/agent.out")).contains("terminating 1 running job(s)").contains("Jobwerk Agent stopped");

        assertOk(jobwerk.bin(ENV, "agent.sh", "restart"));
        assertThat(jobwerk.bin(ENV, "agent.sh", "status").exitCode()).isZero();
        long restarted = Long.parseLong(jobwerk.read("data/agent.pid").strip());
        assertOk(jobwerk.bin(ENV, "agent.sh", "restart", "--timeout=5"));
        assertThat(isRunning(restarted)).as("restart stopped the running Agent").isFalse();
        assertThat(jobwerk.bin(ENV, "agent.sh", "status").exitCode()).isZero();
    }

    @Test
    void abortKillsTheAgentAndItsJobsAtOnce() throws Exception {
        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        long agentPid = Long.parseLong(jobwerk.read("data/agent.pid").strip());
        addOrder("aborted", 300);
        long jobPid = pidIn(awaitFile("aborted.pid"));
        long childPid = pidIn(awaitFile("aborted.child"));

        assertOk(jobwerk.bin(ENV, "agent.sh", "abort"));
        assertThat(isRunning(agentPid)).isFalse();
        assertThat(isRunning(jobPid)).isFalse();
        assertThat(isRunning(childPid)).isFalse();
        assertThat(marks.resolve("aborted.term")).as("SIGKILL, no SIGTERM first").doesNotExist();
        assertThat(jobwerk.bin(ENV, "agent.sh", "status").exitCode()).isEqualTo(3);
    }

    @Test
    void killLeavesAStalePidFileThatNeverBlocksTheNextStart() throws Exception {
        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        addOrder("orphaned", 300);
        long jobPid = pidIn(awaitFile("orphaned.pid"));

        assertOk(jobwerk.bin(ENV, "agent.sh", "kill"));
        assertThat(isRunning(jobPid)).as("kill is SIGKILL of the server alone").isTrue();
        Files.writeString(jobwerk.home.resolve("data/agent.pid"), "999999\n"); // as a crash leaves it: a pid of nobody
        assertThat(jobwerk.bin(ENV, "agent.sh", "status").exitCode()).as("dead, PID file left").isEqualTo(1);

        assertOk(jobwerk.bin(ENV, "agent.sh", "start"));
        assertThat(isRunning(jobPid)).as("the next start kills the orphaned job").isFalse();
    }

    private void addOrder(String id, int seconds) throws Exception {
        assertOk(jobwerk.bin(ENV, "jobwerk", "order", "add", "job", "--id", id, "--arg", "seconds=" + seconds,
                "--controller", controllerUri, "--user", "admin:secret"));
    }

    private Path awaitFile(String name) throws InterruptedException {
        Path file = marks.resolve(name);
        await(() -> Files.exists(file) && file.toFile().length() > 0, name + " written\n" + agentOut());
        return file;
    }

    private String agentOut() {
        try {
            return jobwerk.read("logs/agent.out");
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WAIT + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private static long pidIn(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    private static void assertOk(Installation.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** Whether the process lives (a zombie, ended but not yet reaped, does not). */
    static boolean isRunning(long pid) {
        try {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                return false;
            }
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
