package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    @TempDir
    Path dir;

    Path workflowFile() throws IOException {
        Path file = dir.resolve("nightly.workflow.json");
        Files.writeString(file, """
                {"instructions":[
                  {"TYPE":"Try","try":{"instructions":[{"TYPE":"Execute.Named","jobName":"load"}]},
                   "catch":{"instructions":[{"TYPE":"Retry"}]},"retryDelays":[60],"maxTries":2},
                  {"TYPE":"Execute.Named","jobName":"report"}],
                 "jobs":{"load":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"exit 0"}},
                         "report":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"exit 0"}}}}""");
        return file;
    }

    @Test
    void printsEveryEventAtItsVirtualTimeAndHowTheOrderEnded() throws IOException {
        Cli.Result r = Cli.run("simulate", workflowFile().toString(), "--outcome", "load=fail:3,takes:5m/ok,takes:5m",
                "--outcome", "report=takes:1m");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("+0:00:00  simulated  OrderAdded  workflowId=");
        assertThat(r.out()).contains("+0:05:00  simulated  OrderProcessed  outcome={\"TYPE\":\"Failed\"",
                "+0:05:00  simulated  OrderRetrying", "+0:06:00  simulated  OrderAwoke", "+0:11:00  simulated  OrderProcessed");
        assertThat(lines[lines.length - 1]).isEqualTo("finished: finished after 0:12:00 of virtual time, " + (lines.length - 1) + " events");
    }

    @Test
    void aFailedOrderExitsWithOne() throws IOException {
        Cli.Result r = Cli.run("simulate", workflowFile().toString(), "--outcome", "load=fail:3");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).endsWith("failed: failed at [0,\"try+1\",0] after 0:01:00 of virtual time, 12 events\n");
    }

    @Test
    void aWrongOutcomeOrFileIsOneLine() throws IOException {
        Cli.Result r = Cli.run("simulate", workflowFile().toString(), "--outcome", "load=explode");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("simulate: --outcome load: Job outcome 'explode': 'explode' is none of ok, fail[:RC], rc:RC,"
                + " takes:DURATION, NAME=VALUE\n");
        Cli.Result missing = Cli.run("simulate", dir.resolve("none.workflow.json").toString());
        assertThat(missing.err()).startsWith("simulate: ").contains("none.workflow.json: cannot be read").hasLineCount(1);
    }
}
