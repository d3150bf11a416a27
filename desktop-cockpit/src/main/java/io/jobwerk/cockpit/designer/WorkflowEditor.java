package io.jobwerk.cockpit.designer;

import io.jobwerk.engine.workflow.Workflow;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.scene.Node;

/**
 * The designer as the inventory uses it: {@link #open} a workflow (the engine's value, as the JSON
 * codec decoded it from its file), watch {@link #changedProperty} and {@link #validProperty}, and get
 * the edited value back through {@link #setOnSave} (Save or Ctrl+S) — the inventory writes the file
 * and deploys; the designer does no I/O.
 */
public final class WorkflowEditor {

    private final DesignerViewModel viewModel;
    private final DesignerView view;
    private Optional<Path> file = Optional.empty();
    private BiConsumer<Optional<Path>, Workflow> onSave = (f, w) -> { };

    public WorkflowEditor(Workflow workflow) {
        viewModel = new DesignerViewModel(workflow);
        viewModel.setOnSave(w -> onSave.accept(file, w));
        view = new DesignerView(viewModel);
    }

    /** Edits this workflow from now on (no undo history), as saved; {@code file} is handed back on save. */
    public void open(Path file, Workflow workflow) {
        this.file = Optional.of(file);
        viewModel.open(workflow);
    }

    public Node node() {
        return view;
    }

    public DesignerView view() {
        return view;
    }

    /** The workflow as edited now. */
    public Workflow workflow() {
        return viewModel.workflow();
    }

    /** Whether the workflow differs from what was opened or last saved. */
    public ReadOnlyBooleanProperty changedProperty() {
        return viewModel.changedProperty();
    }

    /** Whether the workflow has no problem (so it may be deployed). */
    public BooleanBinding validProperty() {
        return viewModel.validProperty();
    }

    /** Called with the file given to {@link #open} (if any) and the edited workflow when the operator saves. */
    public void setOnSave(BiConsumer<Optional<Path>, Workflow> onSave) {
        this.onSave = onSave;
    }
}
