package io.jobwerk.cockpit.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import org.junit.jupiter.api.Test;

class JobRenameViewModelTest {

    @Test
    void renameIsOneEditNamedInTheUndoMenu() {
        DesignerViewModel vm = new DesignerViewModel(DesignerViewModelTest.TWO_JOBS);

        assertThat(vm.renameJob(new JobName("a"), " extract ")).isTrue();

        assertThat(vm.workflow().jobName(Position.of(0))).contains(new JobName("extract"));
        assertThat(vm.historyProperty().get().undoDescription()).contains("Rename job a to extract");
        vm.undo();
        assertThat(vm.workflow().jobName(Position.of(0))).contains(new JobName("a"));
    }

    @Test
    void collisionAndInvalidNamesAreRefusedWithTheReason() {
        DesignerViewModel vm = new DesignerViewModel(DesignerViewModelTest.TWO_JOBS);

        assertThat(vm.renameJob(new JobName("a"), "b")).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("A job named 'b' exists already: choose another name for 'a'");
        assertThat(vm.renameJob(new JobName("a"), "has space")).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("'has space' is not a job name");
        assertThat(vm.workflow()).isEqualTo(DesignerViewModelTest.TWO_JOBS);
    }
}
