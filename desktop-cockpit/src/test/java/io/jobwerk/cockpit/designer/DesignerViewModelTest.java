package io.jobwerk.cockpit.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DesignerViewModelTest {

    static Workflow workflow(String json) {
        return WorkflowJson.decode(EngineJson.parse(json).orThrow(), Optional.of(new VersionId("1"))).orThrow();
    }

    static final Workflow TWO_JOBS = workflow("""
            {"path":"w","instructions":[{"TYPE":"Execute.Named","jobName":"a"},{"TYPE":"Execute.Named","jobName":"b"}],
             "jobs":{"a":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo a"}},
                     "b":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo b"}}}}""");

    @Test
    void anEditSelectsWhatItInsertedAndMarksTheWorkflowChangedUntilSaved() {
        DesignerViewModel vm = new DesignerViewModel(TWO_JOBS);
        List<Workflow> saved = new ArrayList<>();
        vm.setOnSave(saved::add);
        assertThat(vm.changedProperty().get()).isFalse();
        vm.insert(Instruction.Kind.IF, Position.of(1));
        assertThat(vm.selectedProperty().get()).contains(Position.of(1));
        assertThat(vm.changedProperty().get()).isTrue();
        assertThat(vm.validProperty().get()).isTrue();
        vm.save();
        assertThat(saved).containsExactly(vm.workflow());
        assertThat(vm.changedProperty().get()).isFalse();
        vm.undo();
        assertThat(vm.changedProperty().get()).isTrue();
        assertThat(vm.selectedProperty().get()).isEmpty();
    }

    @Test
    void theJsonFollowsEveryEditAndAnEditedJsonBecomesOneUndoableEdit() {
        DesignerViewModel vm = new DesignerViewModel(TWO_JOBS);
        vm.insert(Instruction.Kind.SLEEP, Position.of(0));
        assertThat(vm.jsonProperty().get()).contains("\"TYPE\" : \"Sleep\"");
        assertThat(vm.applyJson(vm.jsonProperty().get().replace("\"duration\" : \"60\"", "\"duration\" : \"5\""))).isTrue();
        assertThat(((Instruction.Sleep) vm.workflow().instruction(Position.of(0)).orThrow()).duration().source()).isEqualTo("5");
        assertThat(vm.historyProperty().get().undoDescription()).contains("Edit JSON");

        Workflow before = vm.workflow();
        assertThat(vm.applyJson("{\"path\":\"w\",\"instructions\":[{\"TYPE\":\"Sleep\",\"duration\":\"1 +\"}]}")).isFalse();
        assertThat(vm.jsonProblemProperty().get()).isNotEmpty();
        assertThat(vm.workflow()).isEqualTo(before);
    }

    @Test
    void changingAJobOrAPropertyKeepsTheSelection() {
        DesignerViewModel vm = new DesignerViewModel(TWO_JOBS);
        vm.selectedProperty().set(Optional.of(Position.of(1)));
        vm.apply(new io.jobwerk.cockpit.designer.model.WorkflowEdit.PutJob(new JobName("b"),
                vm.workflow().jobs().get(new JobName("a"))));
        assertThat(vm.selectedProperty().get()).contains(Position.of(1));
        vm.applyProperty(new io.jobwerk.cockpit.designer.model.WorkflowEdit.Replace(Position.of(0), Instruction.ExecuteNamed.of("b")));
        assertThat(vm.selectedProperty().get()).contains(Position.of(1));
    }

    @Test
    void aValidationProblemShowsAndGoesWithTheEdit() {
        DesignerViewModel vm = new DesignerViewModel(TWO_JOBS);
        vm.insert(Instruction.Kind.RETRY, Position.of(0));
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.problems()).extracting(Object::toString).containsExactly("[0]: Retry only works inside a catch block");
        vm.deleteSelected();
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void aCopiedJobIsPastedWithItsJobIntoAnotherWorkflow() {
        DesignerViewModel vm = new DesignerViewModel(TWO_JOBS);
        vm.insert(Instruction.Kind.TRY, Position.of(2));
        vm.move(Position.of(1), Position.of(2).enter(BranchId.tryBranch(0), 0));
        vm.selectedProperty().set(Optional.of(Position.of(1)));
        vm.copySelected();
        vm.open(workflow("{\"path\":\"other\",\"instructions\":[]}"));
        vm.paste(Position.of(0));
        assertThat(vm.workflow().instruction(Position.of(0).enter(BranchId.tryBranch(0), 0)).orThrow())
                .isEqualTo(Instruction.ExecuteNamed.of("b"));
        assertThat(vm.workflow().jobs()).containsOnlyKeys(new JobName("b"));
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void aSimulationShowsItsPathStepByStep() {
        DesignerViewModel vm = new DesignerViewModel(TWO_JOBS);
        SimulationViewModel sim = new SimulationViewModel(vm::workflow);
        sim.outcomes().put("b", "fail:4");
        sim.run(true);
        assertThat(sim.path().visited()).isEmpty();
        sim.next();
        sim.next();
        assertThat(sim.path().current()).contains(Position.of(0));
        sim.run(false);
        assertThat(sim.summaryProperty().get()).isEqualTo("Failed: failed at [1] after 0:00:00 (virtual), 8 events");
        assertThat(sim.path().visited()).containsExactly(Position.of(0), Position.of(1));
        sim.outcomes().put("b", "explode");
        sim.run(false);
        assertThat(sim.summaryProperty().get()).startsWith("Job b: Job outcome 'explode'");
    }

    @Test
    void aFramedSetOfInstructionsReplacesOrJoinsTheSelection() {
        DesignerViewModel vm = new DesignerViewModel(FOUR_JOBS);
        vm.selectedProperty().set(Optional.of(Position.of(3)));

        vm.selectFramed(List.of(Position.of(2), Position.of(1), Position.of(4)), false); // [4] is the implicit end

        assertThat(vm.selectionProperty().get()).containsExactly(Position.of(1), Position.of(2));
        assertThat(vm.selectedProperty().get()).contains(Position.of(2));

        vm.selectFramed(List.of(Position.of(0)), true);
        assertThat(vm.selectionProperty().get()).containsExactly(Position.of(0), Position.of(1), Position.of(2));

        vm.selectFramed(List.of(), false);
        assertThat(vm.selectionProperty().get()).isEmpty();
        assertThat(vm.selectedProperty().get()).isEmpty();
    }

    static final Workflow FOUR_JOBS = workflow("""
            {"path":"w","instructions":[{"TYPE":"Execute.Named","jobName":"a"},{"TYPE":"Execute.Named","jobName":"b"},
                                        {"TYPE":"Execute.Named","jobName":"c"},{"TYPE":"Execute.Named","jobName":"d"}],
             "jobs":{"a":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo a"}},
                     "b":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo b"}},
                     "c":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo c"}},
                     "d":{"agentPath":"agent","executable":{"TYPE":"ShellScriptExecutable","script":"echo d"}}}}""");

    private static List<String> jobs(DesignerViewModel vm) {
        return vm.workflow().instructions().stream().filter(i -> i.kind() == Instruction.Kind.EXECUTE_NAMED)
                .map(i -> ((Instruction.ExecuteNamed) i).jobName().string()).toList();
    }

    @Test
    void shiftSelectsARangeAndDeletingItIsOneUndoableEdit() {
        DesignerViewModel vm = new DesignerViewModel(FOUR_JOBS);
        vm.selectedProperty().set(Optional.of(Position.of(1)));
        vm.extendSelectionTo(Position.of(2));
        assertThat(vm.selectionProperty().get()).containsExactly(Position.of(1), Position.of(2));
        vm.deleteSelected();
        assertThat(jobs(vm)).containsExactly("a", "d");
        assertThat(vm.historyProperty().get().undoDescription()).contains("Delete [1]…2");
        vm.undo();
        assertThat(jobs(vm)).containsExactly("a", "b", "c", "d");
        vm.redo();
        assertThat(jobs(vm)).containsExactly("a", "d");
    }

    @Test
    void cutAndPasteOfARunMovesItAndSelectsWhatWasPasted() {
        DesignerViewModel vm = new DesignerViewModel(FOUR_JOBS);
        vm.selectedProperty().set(Optional.of(Position.of(0)));
        vm.extendSelection(true);
        vm.cutSelected();
        assertThat(jobs(vm)).containsExactly("c", "d");
        vm.selectedProperty().set(Optional.of(Position.of(1)));
        vm.pasteAfterSelection();
        assertThat(jobs(vm)).containsExactly("c", "d", "a", "b");
        assertThat(vm.selectionProperty().get()).containsExactly(Position.of(2), Position.of(3));
        vm.undo();
        vm.undo();
        assertThat(jobs(vm)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void copyAndPasteOfARunIntoABlockBringsItsJobs() {
        DesignerViewModel vm = new DesignerViewModel(FOUR_JOBS);
        vm.selectedProperty().set(Optional.of(Position.of(2)));
        vm.extendSelectionTo(Position.of(3));
        vm.copySelected();
        vm.insert(Instruction.Kind.IF, Position.of(0));
        vm.paste(Position.of(0).enter(BranchId.THEN, 0));
        assertThat(vm.workflow().instruction(Position.of(0).enter(BranchId.THEN, 1)).orThrow().kind()).isEqualTo(Instruction.Kind.EXECUTE_NAMED);
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.historyProperty().get().undoDescription()).contains("Insert 2 instructions");
    }

    @Test
    void aSelectionMovesAsOneEditAndBack() {
        DesignerViewModel vm = new DesignerViewModel(FOUR_JOBS);
        vm.selectedProperty().set(Optional.of(Position.of(0)));
        vm.extendSelectionTo(Position.of(1));
        assertThat(vm.moveSelected(Position.of(4))).isTrue();
        assertThat(jobs(vm)).containsExactly("c", "d", "a", "b");
        assertThat(vm.selectionProperty().get()).containsExactly(Position.of(2), Position.of(3));
        vm.undo();
        assertThat(jobs(vm)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void ctrlClickAddsAndRemovesAndAGapRefusesTheEditWithAReason() {
        DesignerViewModel vm = new DesignerViewModel(FOUR_JOBS);
        vm.selectedProperty().set(Optional.of(Position.of(0)));
        vm.toggleSelection(Position.of(2));
        assertThat(vm.selectionProperty().get()).containsExactly(Position.of(0), Position.of(2));
        vm.deleteSelected();
        assertThat(jobs(vm)).containsExactly("a", "b", "c", "d");
        assertThat(vm.messageProperty().get()).contains("consecutive");
        vm.toggleSelection(Position.of(1));
        vm.deleteSelected();
        assertThat(jobs(vm)).containsExactly("d");
        vm.undo();
        assertThat(jobs(vm)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void arrowsWalkTheInstructionsAndInsertGoesAfterTheSelection() {
        DesignerViewModel vm = new DesignerViewModel(FOUR_JOBS);
        vm.selectNext(true);
        vm.selectNext(true);
        assertThat(vm.selectedProperty().get()).contains(Position.of(1));
        vm.selectNext(false);
        assertThat(vm.selectedProperty().get()).contains(Position.of(0));
        vm.insertAfterSelection(Instruction.Kind.SLEEP);
        assertThat(vm.workflow().instruction(Position.of(1)).orThrow().kind()).isEqualTo(Instruction.Kind.SLEEP);
        assertThat(vm.selectedProperty().get()).contains(Position.of(1));
    }
}
