package io.jobwerk.engine.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.WorkflowPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"A", "daily-import", "folder/sub/name", "a.b", "a_b", "Ä-ü", "x1/y2"})
    void validPathsAreAccepted(String path) {
        assertThat(Names.pathProblem(path)).isNull();
        assertThat(WorkflowPath.checked(path).isOk()).isTrue();
        assertThat(AgentPath.checked(path).isOk()).isTrue();
        assertThat(LockPath.checked(path).isOk()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '!', value = {
            "''                 ! must not be empty",
            "/a                 ! must not start or end with '/' nor contain '//'",
            "a/                 ! must not start or end with '/' nor contain '//'",
            "a//b               ! must not start or end with '/' nor contain '//'",
            "'a b'              ! must not contain whitespace or control characters",
            "a|b                ! must not contain '|'",
            "a~b                ! must not contain '~'",
            "a:b                ! must not contain ':'",
            "a,b                ! must not contain ','",
            "a*b                ! must not contain '*'",
            ".a                 ! must not start or end with '.' or '-'",
            "a-                 ! must not start or end with '.' or '-'",
            "folder/.hidden     ! must not start or end with '.' or '-'"})
    void invalidPathsAreRejectedWithTheirReason(String path, String reason) {
        assertThat(Names.pathProblem(path)).isEqualTo(reason);
        assertThat(WorkflowPath.checked(path).problemOption()).hasValueSatisfying(p -> {
            assertThat(p.code()).isEqualTo("InvalidName");
            assertThat(p.message()).contains("WorkflowPath").contains(reason);
        });
        assertThat(AgentPath.checked(path).isFail()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "nl\nx", "nul\u0000"})
    void controlCharactersAreRejected(String path) {
        assertThat(Names.pathProblem(path)).isEqualTo("must not contain whitespace or control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder/name", "", "-x"})
    void namesHaveNoSlash(String name) {
        assertThat(Names.nameProblem(name)).isNotNull();
        assertThat(SubagentId.checked(name).isFail()).isTrue();
        assertThat(Label.checked(name).isFail()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "label-1", "x.y"})
    void validNamesAreAccepted(String name) {
        assertThat(Names.nameProblem(name)).isNull();
        assertThat(SubagentId.checked(name).isOk()).isTrue();
    }
}
