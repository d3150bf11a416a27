package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad input on the command line is one line naming the option, its value and what is wrong: exit
 * code 2 for a usage error, 1 for a failure at run time; never a stack trace unless asked for.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JobwerkMainTest {

    @TempDir
    static Path dir;

    static Stream<Arguments> badOptions() throws Exception {
        String data = dir.resolve("data").toString();
        String file = Files.writeString(dir.resolve("a-file"), "x").toString();
        return Stream.of(
                Arguments.of(List.of("standalone", "--data", data, "--user", "u:p", "--port", "65535"), "--port", "65535", "65534"),
                Arguments.of(List.of("standalone", "--data", data, "--user", "u:p", "--port", "70000"), "--port", "70000", "65534"),
                Arguments.of(List.of("demo", "--data", data, "--port", "65535"), "--port", "65535", "65534"),
                Arguments.of(List.of("controller", "--data", data, "--user", "u:p", "--agent-user", "a:p", "--port", "70000"),
                        "--port", "70000", "0..65535"),
                Arguments.of(List.of("agent", "--data", data, "--user", "u:p", "--port", "-1"), "--port", "-1", "0..65535"),
                Arguments.of(List.of("subagent", "--data", data, "--user", "u:p", "--port", "abc"), "--port", "abc", "0..65535"),
                Arguments.of(List.of("subagent", "--data", data, "--user", "u:p", "--director-timeout", "0"),
                        "--director-timeout", "0", "positive"),
                Arguments.of(List.of("subagent", "--data", data, "--user", "u:p", "--director-timeout", "0.0001"),
                        "--director-timeout", "0.0001", "millisecond"),
                Arguments.of(List.of("subagent", "--data", data, "--user", "u:p", "--director-timeout", "1e30"),
                        "--director-timeout", "1e30", "too large"),
                Arguments.of(List.of("orders", "--controller", "localhost:4444"), "--controller", "localhost:4444", "http://"),
                Arguments.of(List.of("status", "--controller", "http://[::1"), "--controller", "http://[::1", "http://"),
                Arguments.of(List.of("agent", "--data", file, "--user", "u:p"), "--data", file, "not a directory"),
                Arguments.of(List.of("controller", "--data", file + "/sub", "--user", "u:p", "--agent-user", "a:p"),
                        "--data", file + "/sub", "not a directory"),
                Arguments.of(List.of("standalone", "--data", file, "--user", "u:p"), "--data", file, "not a directory"),
                Arguments.of(List.of("subagent", "--data", file, "--user", "u:p"), "--data", file, "not a directory"),
                Arguments.of(List.of("agent", "--data", data, "--user", "u:p", "--agent-path", "a b"), "--agent-path", "a b", "whitespace"),
                Arguments.of(List.of("agent", "--data", data, "--user", "u:p", "--subagent-id", "x|y"), "--subagent-id", "x|y", "|"),
                // a credential's value is not echoed
                Arguments.of(List.of("controller", "--data", data, "--user", "u:p", "--agent-user", "nocolon"),
                        "--agent-user", "", "NAME:PASSWORD"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionValueIsOneLineNamingOptionAndValueWithExitCode2(List<String> args, String option, String value, String why) {
        Cli.Result r = Cli.run(args.toArray(String[]::new));

        assertOneLine(r);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("jobwerk " + args.get(0) + ": ").contains(option, value, why);
    }

    @Test
    void dataDirectoryThatCannotBeCreatedIsOneLineWithExitCode1() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux: nothing can be created in /proc");
        Cli.Result r = Cli.run("agent", "--data", "/proc/jobwerk-test", "--user", "u:p", "--port", "0");

        assertOneLine(r);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("jobwerk agent: ").contains("--data", "/proc/jobwerk-test", "cannot create");
    }

    @Test
    void unexpectedExceptionIsOneLineWithAHintHowToSeeTheTrace() {
        Cli.Result r = run(false, "boom");

        assertOneLine(r);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("jobwerk boom: unexpected IllegalStateException: kaputt (JOBWERK_TRACE=1 shows the stack trace)"
                + System.lineSeparator());
    }

    @Test
    void unexpectedExceptionShowsItsTraceWhenAskedFor() {
        Cli.Result r = run(true, "boom");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("jobwerk boom: unexpected IllegalStateException: kaputt" + System.lineSeparator())
                .contains("java.lang.IllegalStateException: kaputt", "at io.jobwerk.cli.JobwerkMainTest$Boom.call");
    }

    @Test
    void unknownOptionIsOneLineWithExitCode2() {
        Cli.Result r = Cli.run("status", "--no-such-option");

        assertOneLine(r);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("jobwerk status: ").contains("--no-such-option");
    }

    private static void assertOneLine(Cli.Result r) {
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).endsWith(System.lineSeparator()).doesNotContain("at io.", "Exception in", "Usage:");
        assertThat(r.out()).isEmpty();
    }

    /** The real command line with a command that fails unexpectedly. */
    private static Cli.Result run(boolean trace, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = JobwerkMain.commandLine(trace).addSubcommand("boom", new Boom());
        int exit = commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Cli.Result(exit, out.toString(), err.toString());
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("kaputt");
        }
    }

    @Test
    void argumentsNamingASubcommandGetACommandLineWithThatOneOnly() {
        assertThat(JobwerkMain.commandLine(new String[] {"standalone", "--data", "x"}).getSubcommands()).containsOnlyKeys("standalone");
        assertThat(JobwerkMain.commandLine(new String[] {"--help"}).getSubcommands()).hasSize(19).containsKeys("standalone", "simulate");
        assertThat(JobwerkMain.commandLine(new String[] {"standalon"}).getSubcommands()).as("for the suggestion").hasSize(19);
        assertThat(JobwerkMain.commandLine(new String[0]).getSubcommands()).hasSize(19);
    }
}
