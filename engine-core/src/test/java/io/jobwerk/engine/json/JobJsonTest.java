package io.jobwerk.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.ReturnCodeMeaning;
import io.jobwerk.engine.job.WorkflowJob;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JobJsonTest {

    private static WorkflowJob job(String json) {
        return JobJson.decode(EngineJson.parse(json.replace('`', '"')).orThrow()).orThrow();
    }

    private static String print(WorkflowJob job) {
        return EngineJson.print(JobJson.encode(job)).replace('"', '`');
    }

    @Test
    void writesFieldsInJs7OrderAndOmitsDefaults() {
        WorkflowJob j = job("{`timeout`:0.5,`processLimit`:1,`executable`:{`env`:{`B`:`1`,`A`:`2`},`script`:`S`,"
                + "`TYPE`:`ShellScriptExecutable`,`v1Compatible`:false,`returnCodeMeaning`:{`success`:[0]}},"
                + "`agentPath`:`AGENT`,`failOnErrWritten`:false,`sigkillDelay`:15}");
        assertThat(j.timeout()).contains(Duration.ofMillis(500));
        assertThat(print(j)).isEqualTo("{`agentPath`:`AGENT`,`executable`:{`TYPE`:`ShellScriptExecutable`,`script`:`S`,"
                + "`env`:{`B`:`1`,`A`:`2`}},`processLimit`:1,`sigkillDelay`:15,`timeout`:0.5}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ScriptExecutable | SHELL_SCRIPT",
            "ExecutableScript | SHELL_SCRIPT",
            "ShellScriptExecutable | SHELL_SCRIPT"})
    void scriptExecutableAliases(String type, Executable.Kind kind) {
        WorkflowJob j = job("{`agentPath`:`A`,`executable`:{`TYPE`:`" + type + "`,`script`:`x`},`parallelism`:4}");
        assertThat(j.executable().kind()).isEqualTo(kind);
        assertThat(j.processLimit()).isEqualTo(4);
        assertThat(print(j)).contains("`TYPE`:`ShellScriptExecutable`").contains("`processLimit`:4");
    }

    @Test
    void executablePathIsAnAliasOfPathExecutable() {
        WorkflowJob j = job("{`agentPath`:`A`,`executable`:{`TYPE`:`ExecutablePath`,`path`:`p.sh`}}");
        assertThat(print(j)).isEqualTo("{`agentPath`:`A`,`executable`:{`TYPE`:`PathExecutable`,`path`:`p.sh`},`processLimit`:1}");
    }

    @Test
    void returnCodesAsListAreWrittenAsRangeString() {
        WorkflowJob j = job("{`agentPath`:`A`,`executable`:{`TYPE`:`PathExecutable`,`path`:`p`,"
                + "`returnCodeMeaning`:{`failure`:[1,3,4]}}}");
        assertThat(j.executable().returnCodeMeaning().isSuccess(2)).isTrue();
        assertThat(j.executable().returnCodeMeaning().isSuccess(3)).isFalse();
        assertThat(print(j)).contains("`returnCodeMeaning`:{`failure`:`1,3,4`}");
        WorkflowJob ranges = job("{`agentPath`:`A`,`executable`:{`TYPE`:`PathExecutable`,`path`:`p`,"
                + "`returnCodeMeaning`:{`success`:`0,3..5`}}}");
        assertThat(ranges.executable().returnCodeMeaning())
                .isEqualTo(ReturnCodeMeaning.success(java.util.List.of(new ReturnCodeMeaning.Range(0, 0), new ReturnCodeMeaning.Range(3, 5))));
        assertThat(print(ranges)).contains("`returnCodeMeaning`:{`success`:`0,3..5`}");
    }

    @Test
    void commandLineAndInternalExecutablesRoundTrip() {
        for (String json : java.util.List.of(
                "{`agentPath`:`A`,`executable`:{`TYPE`:`CommandLineExecutable`,`command`:`echo $X`,`env`:{`X`:`1`},"
                        + "`login`:{`credentialKey`:`KEY`,`withUserProfile`:true}},`processLimit`:1}",
                "{`agentPath`:`A`,`executable`:{`TYPE`:`InternalExecutable`,`className`:`a.B`,`jobArguments`:{`n`:1.0},"
                        + "`arguments`:{`x`:`$x`}},`processLimit`:1,`isNotRestartable`:true}")) {
            assertThat(print(job(json))).isEqualTo(json);
        }
    }
}
