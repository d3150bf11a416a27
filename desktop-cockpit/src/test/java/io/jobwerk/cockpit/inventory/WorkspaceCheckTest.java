package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.state.EngineState;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkspaceCheckTest {

    static final String JOB = "\"jobs\":{\"j\":{\"agentPath\":\"agent\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"echo\"}}}";

    static String workflow(String instructions) {
        return "{\"instructions\":" + instructions + "," + JOB + "}";
    }

    @Test
    void aValidWorkspaceHasNoProblems() {
        var result = WorkspaceCheck.check(Map.of(
                "ops/etl.workflow.json", workflow("[{\"TYPE\":\"Lock\",\"demands\":[{\"lockPath\":\"db\"}],\"lockedWorkflow\":{\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]}}]"),
                "db.lock.json", "{\"limit\":1}"), Optional.of(Items.withAgent()));
        assertThat(result.files().values()).allMatch(WorkspaceCheck.FileCheck::valid);
        assertThat(result.general()).isEmpty();
    }

    @Test
    void syntaxRequiredFieldsAndExpressionsAreTheEnginesOwnProblems() {
        var result = WorkspaceCheck.check(Map.of(
                "a.workflow.json", "{\"instructions\":[",
                "b.lock.json", "{\"limit\":0}",
                "c.workflow.json", workflow("[{\"TYPE\":\"If\",\"predicate\":\"$x ==\",\"then\":{\"instructions\":[]}}]"),
                "d.workflow.json", workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"missing\"}]")), Optional.empty());
        assertThat(result.of("a.workflow.json").problems()).singleElement().asString().containsIgnoringCase("json");
        assertThat(result.of("b.lock.json").problems()).singleElement().asString().contains("limit");
        assertThat(result.of("c.workflow.json").problems()).singleElement().asString().contains("predicate");
        assertThat(result.of("d.workflow.json").problems()).singleElement().asString().contains("missing");
    }

    @Test
    void referencesAreCheckedOnTheControllersItemsAndTheWorkspaces() {
        var result = WorkspaceCheck.check(Map.of(
                "etl.workflow.json", workflow("[{\"TYPE\":\"Lock\",\"demands\":[{\"lockPath\":\"db\"}],\"lockedWorkflow\":{\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]}}]"),
                "post.workflow.json", workflow("[{\"TYPE\":\"PostNotices\",\"boardPaths\":[\"nowhere\"]}]"),
                "other.workflow.json", "{\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}],"
                        + "\"jobs\":{\"j\":{\"agentPath\":\"elsewhere\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"echo\"}}}}",
                "fine.workflow.json", workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]")),
                Optional.of(Items.withAgent("{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Lock\",\"path\":\"db\",\"limit\":1}}")));
        assertThat(result.of("etl.workflow.json").problems()).isEmpty();
        assertThat(result.of("fine.workflow.json").problems()).isEmpty();
        assertThat(result.of("post.workflow.json").problems()).singleElement().asString()
                .isEqualTo("Workflow 'post' at [0] refers to the unknown Board 'nowhere'");
        assertThat(result.of("other.workflow.json").problems()).singleElement().asString()
                .isEqualTo("Workflow 'other' at [0] refers to the unknown Agent 'elsewhere'");
    }

    @Test
    void withoutAControllerReferencesAreNotChecked() {
        var result = WorkspaceCheck.check(Map.of("x.workflow.json", workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]")), Optional.empty());
        assertThat(result.of("x.workflow.json").valid()).isTrue();
        assertThat(WorkspaceCheck.check(Map.of("x.workflow.json", workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]")),
                Optional.of(EngineState.EMPTY)).of("x.workflow.json").problems()).singleElement().asString().contains("unknown Agent 'agent'");
    }

    @Test
    void aNameDefinedTwiceIsAProblemOfBothFiles() {
        var result = WorkspaceCheck.check(Map.of("a/l.lock.json", "{\"limit\":1}", "b/l.lock.json", "{\"limit\":2}"), Optional.empty());
        assertThat(result.of("a/l.lock.json").problems()).containsExactly("Lock 'l' is also defined in b/l.lock.json");
        assertThat(result.of("b/l.lock.json").problems()).containsExactly("Lock 'l' is also defined in a/l.lock.json");
    }
}
