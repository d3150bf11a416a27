package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.layout.VBox;
import javafx.util.converter.DefaultStringConverter;

/**
 * The workflow's named jobs, each with how often it runs. Double-click a name to rename it (Enter
 * renames it in every Execute instruction, one undoable edit; a taken name is refused and named below
 * the list); selecting a job selects its first Execute on the graph.
 */
final class JobListPane extends VBox {

    private final DesignerViewModel viewModel;
    private final ListView<String> list = new ListView<>();

    JobListPane(DesignerViewModel viewModel) {
        super(4);
        this.viewModel = viewModel;
        setId("jobList");
        list.setId("jobNames");
        list.setEditable(true);
        list.setCellFactory(l -> new TextFieldListCell<>(new DefaultStringConverter()) {
            @Override
            public void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                if (!empty && name != null && !isEditing()) {
                    int uses = runs(viewModel.workflow(), new JobName(name)).size();
                    setText(name + "   (" + (uses == 1 ? "1 Execute" : uses + " Executes") + ")");
                }
            }
        });
        list.setPlaceholder(new Label("No named jobs yet: drag a Job from the palette."));
        list.setOnEditCommit(e -> {
            String from = list.getItems().get(e.getIndex());
            if (!viewModel.renameJob(new JobName(from), e.getNewValue())) {
                refresh(); // the old name stays; the message says why
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, name) -> {
            if (name != null && list.getEditingIndex() < 0) {
                runs(viewModel.workflow(), new JobName(name)).stream().findFirst()
                        .ifPresent(p -> viewModel.selectedProperty().set(Optional.of(p)));
            }
        });
        Label hint = new Label("Double-click a job to rename it everywhere it runs.");
        hint.getStyleClass().add("hint");
        Label problem = new Label();
        problem.setId("jobListMessage");
        problem.getStyleClass().add("field-problem");
        problem.textProperty().bind(viewModel.messageProperty());
        viewModel.historyProperty().addListener((o, a, b) -> refresh());
        refresh();
        getChildren().addAll(list, hint, problem);
    }

    private void refresh() {
        TreeSet<String> names = new TreeSet<>();
        Workflow w = viewModel.workflow();
        for (Position p : w.positions()) {
            if (p.nr() == 0) {
                w.block(p.branchPath()).ifPresent(b -> b.jobs().keySet().forEach(n -> names.add(n.string())));
            }
        }
        list.getItems().setAll(names);
    }

    static List<Position> runs(Workflow workflow, JobName name) {
        List<Position> runs = new ArrayList<>();
        for (Position p : workflow.positions()) {
            workflow.instruction(p).toOptional()
                    .filter(i -> i instanceof Instruction.ExecuteNamed e && e.jobName().equals(name))
                    .ifPresent(i -> runs.add(p));
        }
        return runs;
    }
}
