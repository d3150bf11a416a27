package io.jobwerk.cockpit.designer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Instruction.Kind;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowEditTest {

    static Workflow workflow(String json) {
        return WorkflowJson.decode(EngineJson.parse(json).orThrow(), Optional.of(new VersionId("1"))).orThrow();
    }

    static final Workflow TWO_JOBS = workflow("""
            {"path":"w","instructions":[{"TYPE":"Execute.Named","jobName":"a"},{"TYPE":"Execute.Named","jobName":"b"}],
             "jobs":{"a":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo a"}},
                     "b":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo b"}}}}""");

    static String json(Workflow w) {
        return WorkflowJson.encode(w).get("instructions").toString();
    }

    @Test
    void insertingAJobDeclaresAFreshJobOnTheWorkflowsAgent() {
        EditHistory h = EditHistory.of(TWO_JOBS).apply(InstructionTemplates.insert(Kind.EXECUTE_NAMED, TWO_JOBS, Position.of(1)))
                .orThrow().history();
        assertThat(h.current().instruction(Position.of(1)).orThrow()).isEqualTo(Instruction.ExecuteNamed.of("job"));
        assertThat(h.current().jobs().get(new JobName("job")).agentPath().string()).isEqualTo("agent");
        assertThat(DesignValidation.validate(h.current())).isEmpty();
    }

    @Test
    void insertIntoTheThenBlockOfAnIf() {
        Workflow w = EditHistory.of(TWO_JOBS).apply(InstructionTemplates.insert(Kind.IF, TWO_JOBS, Position.of(1)))
                .orThrow().history().current();
        Position intoThen = Position.of(1).enter(BranchId.THEN, 0);
        Workflow inserted = WorkflowEdit.apply(w, InstructionTemplates.insert(Kind.FAIL, w, intoThen)).orThrow().workflow();
        assertThat(json(inserted)).contains("\"then\":{\"instructions\":[{\"TYPE\":\"Fail\"");
    }

    @Test
    void moveDownwardsInTheSameBlockLandsBeforeTheTargetAsSeenBeforeTheMove() {
        Workflow moved = WorkflowEdit.apply(TWO_JOBS, new WorkflowEdit.Move(Position.of(0), Position.of(2))).orThrow().workflow();
        assertThat(json(moved)).isEqualTo("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"b\"},{\"TYPE\":\"Execute.Named\",\"jobName\":\"a\"}]");
    }

    @Test
    void moveIntoABlockLaterInTheParentShiftsItsPosition() {
        Workflow w = WorkflowEdit.apply(TWO_JOBS, InstructionTemplates.insert(Kind.TRY, TWO_JOBS, Position.of(2))).orThrow().workflow();
        Position intoTry = Position.of(2).enter(BranchId.tryBranch(0), 0);
        Workflow moved = WorkflowEdit.apply(w, new WorkflowEdit.Move(Position.of(0), intoTry)).orThrow().workflow();
        assertThat(moved.instruction(Position.of(1).enter(BranchId.tryBranch(0), 0)).orThrow()).isEqualTo(Instruction.ExecuteNamed.of("a"));
        assertThat(moved.instructions()).hasSize(2);
    }

    @Test
    void anInstructionCannotBeMovedIntoItsOwnBlock() {
        Workflow w = WorkflowEdit.apply(TWO_JOBS, InstructionTemplates.insert(Kind.LOCK, TWO_JOBS, Position.of(0))).orThrow().workflow();
        assertThat(WorkflowEdit.apply(w, new WorkflowEdit.Move(Position.of(0), Position.of(0).enter(BranchId.LOCK, 0)))
                .problemOption().orElseThrow().code()).isEqualTo("MoveIntoItself");
    }

    @Test
    void undoAndRedoWalkTheEditsBackAndForth() {
        EditHistory h = EditHistory.of(TWO_JOBS);
        h = h.apply(new WorkflowEdit.Delete(Position.of(0))).orThrow().history();
        h = h.apply(InstructionTemplates.insert(Kind.SLEEP, h.current(), Position.of(0))).orThrow().history();
        assertThat(h.undoDescription()).contains("Insert Sleep");
        EditHistory undone = h.undo().undo();
        assertThat(undone.current()).isEqualTo(TWO_JOBS);
        assertThat(undone.canUndo()).isFalse();
        assertThat(undone.redo().redo().current()).isEqualTo(h.current());
        assertThat(undone.redo().apply(new WorkflowEdit.Delete(Position.of(0))).orThrow().history().canRedo()).isFalse();
    }

    @Test
    void validationNamesEachProblemWhereItIs() {
        Workflow w = WorkflowEdit.apply(TWO_JOBS, new WorkflowEdit.Insert(Position.of(0), new Instruction.Retry(Optional.empty()),
                java.util.Map.of())).orThrow().workflow();
        w = WorkflowEdit.apply(w, new WorkflowEdit.Insert(Position.of(0), Instruction.ExecuteNamed.of("missing"), java.util.Map.of()))
                .orThrow().workflow();
        assertThat(DesignValidation.validate(w)).extracting(Object::toString)
                .containsExactly("[0]: no job 'missing' is declared", "[1]: Retry only works inside a catch block");
    }

    @Test
    void everyPaletteKindHasATemplateThatValidatesInItsPlace() {
        for (Kind kind : InstructionTemplates.PALETTE) {
            Workflow w = WorkflowEdit.apply(TWO_JOBS, InstructionTemplates.insert(Kind.TRY, TWO_JOBS, Position.of(0))).orThrow().workflow();
            w = WorkflowEdit.apply(w, InstructionTemplates.insert(Kind.CYCLE, w, Position.of(0).enter(BranchId.tryBranch(0), 0)))
                    .orThrow().workflow();
            Position inCycle = Position.of(0).enter(BranchId.tryBranch(0), 0).enter(BranchId.CYCLE, 0);
            Position inCatch = Position.of(0).enter(BranchId.catchBranch(0), 0);
            Position at = kind == Kind.RETRY ? inCatch : kind == Kind.BREAK ? inCycle : Position.of(1);
            Workflow inserted = WorkflowEdit.apply(w, InstructionTemplates.insert(kind, w, at)).orThrow().workflow();
            assertThat(DesignValidation.validate(inserted)).as(kind.name()).isEmpty();
        }
    }

    @Test
    void aRunMovedIntoOneOfItsOwnBlocksIsRefusedAndPointsBetweenItsInstructionsMeanWhereItWas() {
        Workflow w = workflow("""
                {"path":"w","instructions":[{"TYPE":"If","predicate":"true","then":{"instructions":[]}},{"TYPE":"Sleep","duration":"1"},
                 {"TYPE":"Sleep","duration":"2"}]}""");
        WorkflowEdit.Run run = new WorkflowEdit.Run(io.jobwerk.engine.workflow.Position.of(0), 2);
        assertThat(EditHistory.of(w).apply(new WorkflowEdit.MoveRun(run,
                io.jobwerk.engine.workflow.Position.of(0).enter(io.jobwerk.engine.workflow.BranchId.THEN, 0))).isFail()).isTrue();
        assertThat(WorkflowEdit.afterRemoval(run, io.jobwerk.engine.workflow.Position.of(1))).contains(io.jobwerk.engine.workflow.Position.of(0));
        assertThat(WorkflowEdit.afterRemoval(run, io.jobwerk.engine.workflow.Position.of(3))).contains(io.jobwerk.engine.workflow.Position.of(1));
        assertThat(WorkflowEdit.Run.of(java.util.List.of(io.jobwerk.engine.workflow.Position.of(2), io.jobwerk.engine.workflow.Position.of(1))))
                .contains(new WorkflowEdit.Run(io.jobwerk.engine.workflow.Position.of(1), 2));
        assertThat(WorkflowEdit.Run.of(java.util.List.of(io.jobwerk.engine.workflow.Position.of(0), io.jobwerk.engine.workflow.Position.of(2)))).isEmpty();
    }
}
