package io.jobwerk.cockpit.designer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

class JobRenameTest {

    private static final Workflow NESTED = WorkflowEditTest.workflow("""
            {"path":"w","instructions":[
              {"TYPE":"Execute.Named","jobName":"load","label":"first"},
              {"TYPE":"If","ifThens":[{"predicate":"true","then":{"instructions":[
                 {"TYPE":"Execute.Named","jobName":"load","defaultArguments":{"x":"1"}}]}}]},
              {"TYPE":"Fork","branches":[{"id":"A","workflow":{"instructions":[{"TYPE":"Execute.Named","jobName":"report"}]}}]},
              {"TYPE":"Try","try":{"instructions":[{"TYPE":"Execute.Named","jobName":"load"}]},"catch":{"instructions":[]}}],
             "jobs":{"load":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo load"}},
                     "report":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo report"}}}}""");

    @Test
    void renamesTheJobAndEveryExecuteOfItAsOneUndoableEdit() {
        EditHistory renamed = EditHistory.of(NESTED)
                .apply(new WorkflowEdit.RenameJob(new JobName("load"), new JobName("extract"))).orThrow().history();

        String json = WorkflowJson.encode(renamed.current()).toString();
        assertThat(json).doesNotContain("\"load\"");
        assertThat(json.split("\"jobName\":\"extract\"", -1)).hasSize(4);
        assertThat(json).contains("\"label\":\"first\"", "\"defaultArguments\":{\"x\":\"1\"}", "\"jobName\":\"report\"");
        assertThat(renamed.current().jobs().keySet()).extracting(JobName::string).containsExactly("extract", "report");
        assertThat(DesignValidation.validate(renamed.current())).isEmpty();

        assertThat(renamed.undo().current()).isEqualTo(NESTED);
    }

    @Test
    void aNameAnotherJobHasIsRefused() {
        var refused = WorkflowEdit.apply(NESTED, new WorkflowEdit.RenameJob(new JobName("load"), new JobName("report")));

        assertThat(refused.problemOption().orElseThrow().message())
                .isEqualTo("A job named 'report' exists already: choose another name for 'load'");
    }

    @Test
    void anUndeclaredJobIsRefused() {
        assertThat(WorkflowEdit.apply(NESTED, new WorkflowEdit.RenameJob(new JobName("nope"), new JobName("x"))).isFail()).isTrue();
    }
}
