package io.jobwerk.cockpit.designer;

import io.jobwerk.cockpit.designer.model.DesignValidation;
import io.jobwerk.cockpit.designer.model.DesignValidation.DesignProblem;
import io.jobwerk.cockpit.designer.model.EditHistory;
import io.jobwerk.cockpit.designer.model.InstructionTemplates;
import io.jobwerk.cockpit.designer.model.WorkflowEdit;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The designer's state on the FX thread: the workflow with its undo/redo history, the selected
 * instruction, the problems found on every edit, the JSON text (kept in sync both ways), the
 * clipboard and whether the workflow differs from what was last saved. Edits arrive as
 * {@link WorkflowEdit}s; a refused one (a move into itself) is reported in {@link #messageProperty}.
 */
public final class DesignerViewModel {

    private final ReadOnlyObjectWrapper<EditHistory> history = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Optional<Position>> selected = new SimpleObjectProperty<>(Optional.empty());
    private final ObservableList<DesignProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper json = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jsonProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Workflow> saved = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding valid = Bindings.isEmpty(problems);
    private Optional<Clip> clipboard = Optional.empty();
    private Consumer<Workflow> onSave = w -> { };

    /** A copied instruction with the named jobs it runs, so it can be pasted into another workflow. */
    record Clip(Instruction instruction, Map<JobName, WorkflowJob> jobs) {}

    public DesignerViewModel(Workflow workflow) {
        open(workflow);
    }

    /** Starts over with this workflow (no undo history), as saved. */
    public void open(Workflow workflow) {
        saved.set(workflow);
        selected.set(Optional.empty());
        setHistory(EditHistory.of(workflow));
    }

    public void setOnSave(Consumer<Workflow> onSave) {
        this.onSave = onSave;
    }

    public ReadOnlyObjectProperty<EditHistory> historyProperty() {
        return history.getReadOnlyProperty();
    }

    public Workflow workflow() {
        return history.get().current();
    }

    public ObjectProperty<Optional<Position>> selectedProperty() {
        return selected;
    }

    public ObservableList<DesignProblem> problems() {
        return FXCollections.unmodifiableObservableList(problems);
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public ReadOnlyBooleanProperty changedProperty() {
        return changed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty jsonProperty() {
        return json.getReadOnlyProperty();
    }

    /** Why the JSON typed last was not taken ("" when it was). */
    public ReadOnlyStringProperty jsonProblemProperty() {
        return jsonProblem.getReadOnlyProperty();
    }

    /** The last edit refused, or a note like "Copied If". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public boolean apply(WorkflowEdit edit) {
        Checked<EditHistory.Applied> applied = history.get().apply(edit);
        if (applied.isFail()) {
            message.set(applied.problemOption().map(Problem::message).orElse(""));
            return false;
        }
        message.set("");
        Optional<Position> before = selected.get();
        setHistory(applied.orThrow().history());
        selected.set(switch (edit.kind()) {
            case INSERT, MOVE, REPLACE, DELETE -> applied.orThrow().focus();
            // a job's or the JSON's change keeps the selection where the instruction is still there
            case PUT_JOB, REPLACE_WORKFLOW, RENAME_JOB -> before.filter(p -> workflow().instruction(p).toOptional()
                    .filter(i -> i.kind() != Instruction.Kind.IMPLICIT_END).isPresent());
        });
        return true;
    }

    /**
     * Applies a property's edit without moving the selection: a field committed because the operator
     * clicked another instruction leaves that one selected.
     */
    public boolean applyProperty(WorkflowEdit edit) {
        Optional<Position> before = selected.get();
        boolean ok = apply(edit);
        if (ok) {
            selected.set(before);
        }
        return ok;
    }

    /**
     * Renames a job everywhere it is run, as one undoable edit; a name that is not a valid job name
     * or that another job has is refused with the reason in {@link #messageProperty}.
     */
    public boolean renameJob(JobName from, String newName) {
        Checked<JobName> to = JobName.checked(newName.strip());
        if (to.isFail()) {
            message.set("'" + newName.strip() + "' is not a job name: " + to.problemOption().map(Problem::message).orElse(""));
            return false;
        }
        return apply(new WorkflowEdit.RenameJob(from, to.orThrow()));
    }

    /** Inserts a new instruction of this kind (from the palette) at an insertion point and selects it. */
    public boolean insert(Instruction.Kind kind, Position at) {
        return apply(InstructionTemplates.insert(kind, workflow(), at));
    }

    public boolean move(Position from, Position to) {
        return apply(new WorkflowEdit.Move(from, to));
    }

    public void undo() {
        setHistory(history.get().undo());
        selected.set(Optional.empty());
    }

    public void redo() {
        setHistory(history.get().redo());
        selected.set(Optional.empty());
    }

    public void deleteSelected() {
        selected.get().ifPresent(p -> apply(new WorkflowEdit.Delete(p)));
    }

    public void copySelected() {
        selected.get().flatMap(p -> workflow().instruction(p).toOptional()).ifPresent(i -> {
            clipboard = Optional.of(new Clip(i, jobsOf(i)));
            message.set("Copied " + InstructionTemplates.name(i.kind()));
        });
    }

    public void cutSelected() {
        copySelected();
        deleteSelected();
    }

    public boolean canPaste() {
        return clipboard.isPresent();
    }

    /** Pastes the clipboard's instruction at an insertion point; its jobs are declared where missing. */
    public void paste(Position at) {
        clipboard.ifPresent(clip -> {
            Map<JobName, WorkflowJob> missing = new java.util.LinkedHashMap<>(clip.jobs());
            missing.keySet().removeIf(name -> hasJob(workflow(), name));
            apply(new WorkflowEdit.Insert(at, clip.instruction(), missing));
        });
    }

    /** Pastes after the selected instruction, or at the end of the workflow. */
    public void pasteAfterSelection() {
        paste(selected.get().map(Position::increment).orElse(Position.of(workflow().instructions().size())));
    }

    /** Takes the JSON the operator typed: applied as one edit when it decodes, else the problem is shown and nothing changes. */
    public boolean applyJson(String text) {
        Checked<Workflow> decoded = EngineJson.parse(text)
                .flatMap(node -> WorkflowJson.decode(node, Optional.of(workflow().id().versionId())));
        if (decoded.isFail()) {
            jsonProblem.set(decoded.problemOption().map(Problem::message).orElse(""));
            return false;
        }
        jsonProblem.set("");
        if (decoded.orThrow().equals(workflow())) {
            return true;
        }
        return apply(new WorkflowEdit.ReplaceWorkflow(decoded.orThrow()));
    }

    public void save() {
        onSave.accept(workflow());
        saved.set(workflow());
        changed.set(false);
    }

    private void setHistory(EditHistory h) {
        history.set(h);
        problems.setAll(DesignValidation.validate(h.current()));
        json.set(pretty(h.current()));
        changed.set(!h.current().equals(saved.get()));
    }

    private Map<JobName, WorkflowJob> jobsOf(Instruction instruction) {
        Map<JobName, WorkflowJob> jobs = new java.util.LinkedHashMap<>();
        Workflow w = workflow();
        for (Position p : w.positions()) {
            if (w.instruction(p).toOptional().filter(i -> i == instruction || containsInstance(instruction, w.instruction(p).orThrow())).isPresent()) {
                w.jobName(p).ifPresent(name -> w.job(p).toOptional().ifPresent(job -> jobs.put(name, job)));
            }
        }
        return jobs;
    }

    private static boolean containsInstance(Instruction outer, Instruction inner) {
        for (Instruction.Branch b : outer.branches()) {
            for (Instruction i : b.block().instructions()) {
                if (i == inner || containsInstance(i, inner)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasJob(Workflow workflow, JobName name) {
        return workflow.positions().stream().filter(p -> p.nr() == 0)
                .anyMatch(p -> workflow.block(p.branchPath()).map(b -> b.jobs().containsKey(name)).orElse(false));
    }

    static String pretty(Workflow workflow) {
        try {
            return EngineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(WorkflowJson.encode(workflow));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of our own encoding always writes
        }
    }

    static List<String> describe(List<DesignProblem> problems) {
        return problems.stream().map(DesignProblem::toString).toList();
    }
}
