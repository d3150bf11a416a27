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
    private final ReadOnlyObjectWrapper<List<Position>> selection = new ReadOnlyObjectWrapper<>(List.of());
    private Optional<Position> anchor = Optional.empty(); // where a Shift-extended selection starts
    private final ObservableList<DesignProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper json = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jsonProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Workflow> saved = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding valid = Bindings.isEmpty(problems);
    private Optional<Clip> clipboard = Optional.empty();
    private Consumer<Workflow> onSave = w -> { };

    /** Copied instructions (consecutive, in order) with the named jobs they run, so they can be pasted into another workflow. */
    record Clip(List<Instruction> instructions, Map<JobName, WorkflowJob> jobs) {}

    public DesignerViewModel(Workflow workflow) {
        // selecting one instruction (a click, an edit's focus, a problem) makes it the whole selection
        selected.addListener((o, a, p) -> {
            if (p.isEmpty()) {
                selection.set(List.of());
                anchor = Optional.empty();
            } else if (!selection.get().contains(p.get())) {
                selection.set(List.of(p.get()));
                anchor = p;
            }
        });
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

    /**
     * Every selected instruction, in order; {@link #selectedProperty} is the one of them the property
     * pane shows (the last clicked). Several are selected by Shift-click (a range in one block) or
     * Ctrl-click (one more or one less); edits of several need them consecutive in one block.
     */
    public ReadOnlyObjectProperty<List<Position>> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** Selects from the anchor (the last plain selection) to this instruction, if both are in one block; else just this one. */
    public void extendSelectionTo(Position position) {
        Optional<Position> from = anchor.filter(a -> a.branchPath().equals(position.branchPath()));
        if (from.isEmpty()) {
            selected.set(Optional.of(position));
            return;
        }
        int lo = Math.min(from.get().nr(), position.nr());
        int hi = Math.max(from.get().nr(), position.nr());
        selection.set(new WorkflowEdit.Run(from.get().withNr(lo), hi - lo + 1).positions());
        selected.set(Optional.of(position));
    }

    /** Adds this instruction to the selection, or takes it out if it is in it. */
    public void toggleSelection(Position position) {
        List<Position> now = new java.util.ArrayList<>(selection.get());
        if (now.remove(position)) {
            selection.set(List.copyOf(now));
            selected.set(now.isEmpty() ? Optional.empty() : Optional.of(now.get(now.size() - 1)));
        } else {
            now.add(position);
            now.sort(null);
            selection.set(List.copyOf(now));
            selected.set(Optional.of(position));
        }
    }

    /**
     * Selects the instructions framed by a rubber band on the graph, instead of the selection or, with
     * {@code add}, besides it; the last framed one is shown in the property pane. Positions that are
     * no instruction (a block's implicit end) are left out.
     */
    public void selectFramed(List<Position> framed, boolean add) {
        Workflow w = workflow();
        List<Position> instructions = framed.stream()
                .filter(p -> w.instruction(p).toOptional().filter(i -> i.kind() != Instruction.Kind.IMPLICIT_END).isPresent())
                .sorted().toList();
        java.util.SortedSet<Position> now = new java.util.TreeSet<>(add ? selection.get() : List.of());
        now.addAll(instructions);
        if (now.isEmpty()) {
            selected.set(Optional.empty());
            return;
        }
        selection.set(List.copyOf(now));
        selected.set(Optional.of(instructions.isEmpty() ? now.last() : instructions.get(instructions.size() - 1)));
    }

    /** Selects the instruction after (or before) the selected one, in the order the graph shows them; the first one if none is. */
    public void selectNext(boolean forward) {
        List<Position> all = workflow().positions().stream()
                .filter(p -> workflow().instruction(p).orThrow().kind() != Instruction.Kind.IMPLICIT_END).toList();
        if (all.isEmpty()) {
            return;
        }
        int i = selected.get().map(all::indexOf).orElse(-1);
        int next = i < 0 ? (forward ? 0 : all.size() - 1) : Math.max(0, Math.min(all.size() - 1, i + (forward ? 1 : -1)));
        selected.set(Optional.of(all.get(next)));
    }

    /** Extends the selection by the instruction after (or before) the selected one in its block (Shift+arrow). */
    public void extendSelection(boolean forward) {
        selected.get().ifPresent(p -> {
            Position to = p.withNr(p.nr() + (forward ? 1 : -1));
            if (to.nr() >= 0 && workflow().instruction(to).toOptional().filter(i -> i.kind() != Instruction.Kind.IMPLICIT_END).isPresent()) {
                extendSelectionTo(to);
            }
        });
    }

    /** The selected instructions as a run, or a message why they are not one. */
    private Optional<WorkflowEdit.Run> selectedRun(String what) {
        if (selection.get().isEmpty()) {
            return Optional.empty();
        }
        Optional<WorkflowEdit.Run> run = WorkflowEdit.Run.of(selection.get());
        if (run.isEmpty()) {
            message.set("To " + what + " several instructions, select consecutive ones of one block (Shift-click)");
        }
        return run;
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
        select(switch (edit.kind()) {
            case INSERT, MOVE, REPLACE, DELETE, INSERT_RUN, MOVE_RUN, DELETE_RUN -> applied.orThrow().focus();
            // a job's or the JSON's change keeps the selection where the instruction is still there
            case PUT_JOB, REPLACE_WORKFLOW, RENAME_JOB -> before.filter(p -> workflow().instruction(p).toOptional()
                    .filter(i -> i.kind() != Instruction.Kind.IMPLICIT_END).isPresent());
        });
        int inserted = edit instanceof WorkflowEdit.InsertRun r ? r.instructions().size()
                : edit instanceof WorkflowEdit.MoveRun m ? m.run().count() : 1;
        applied.orThrow().focus().filter(f -> inserted > 1).ifPresent(f -> {
            selection.set(new WorkflowEdit.Run(f, inserted).positions()); // what was pasted or moved stays selected
            anchor = Optional.of(f);
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
            select(before);
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

    /** Moves the selected instructions (consecutive, in one block) to an insertion point, as one edit. */
    public boolean moveSelected(Position to) {
        return selectedRun("move").map(run -> run.count() == 1
                ? apply(new WorkflowEdit.Move(run.first(), to))
                : apply(new WorkflowEdit.MoveRun(run, to))).orElse(false);
    }

    /** Whether this instruction is one of several selected (a drag of it moves them all). */
    public boolean isInMultiSelection(Position position) {
        return selection.get().size() > 1 && selection.get().contains(position);
    }

    public void undo() {
        setHistory(history.get().undo());
        select(Optional.empty());
    }

    public void redo() {
        setHistory(history.get().redo());
        select(Optional.empty());
    }

    /** Makes this instruction (or none) the whole selection. */
    private void select(Optional<Position> position) {
        selection.set(position.map(List::of).orElse(List.of()));
        anchor = position;
        selected.set(position);
    }

    /** Deletes the selected instructions (consecutive, in one block) as one edit. */
    public void deleteSelected() {
        selectedRun("delete").ifPresent(run -> apply(run.count() == 1 ? new WorkflowEdit.Delete(run.first()) : new WorkflowEdit.DeleteRun(run)));
    }

    /** Copies the selected instructions (consecutive, in one block) with the jobs they run. */
    public boolean copySelected() {
        Optional<WorkflowEdit.Run> run = selectedRun("copy");
        run.ifPresent(r -> {
            List<Instruction> instructions = r.positions().stream().map(p -> workflow().instruction(p).orThrow()).toList();
            Map<JobName, WorkflowJob> jobs = new java.util.LinkedHashMap<>();
            instructions.forEach(i -> jobs.putAll(jobsOf(i)));
            clipboard = Optional.of(new Clip(instructions, jobs));
            message.set("Copied " + (instructions.size() == 1 ? InstructionTemplates.name(instructions.get(0).kind())
                    : instructions.size() + " instructions"));
        });
        return run.isPresent();
    }

    public void cutSelected() {
        if (copySelected()) {
            deleteSelected();
        }
    }

    public boolean canPaste() {
        return clipboard.isPresent();
    }

    /** Pastes the clipboard's instruction at an insertion point; its jobs are declared where missing. */
    public void paste(Position at) {
        clipboard.ifPresent(clip -> {
            Map<JobName, WorkflowJob> missing = new java.util.LinkedHashMap<>(clip.jobs());
            missing.keySet().removeIf(name -> hasJob(workflow(), name));
            apply(clip.instructions().size() == 1 ? new WorkflowEdit.Insert(at, clip.instructions().get(0), missing)
                    : new WorkflowEdit.InsertRun(at, clip.instructions(), missing));
        });
    }

    /** Pastes after the selected instructions, or at the end of the workflow. */
    public void pasteAfterSelection() {
        paste(afterSelection());
    }

    /** Inserts a new instruction of this kind after the selected instructions (or at the end of the workflow) and selects it. */
    public boolean insertAfterSelection(Instruction.Kind kind) {
        return insert(kind, afterSelection());
    }

    private Position afterSelection() {
        List<Position> s = selection.get();
        Optional<Position> last = s.isEmpty() ? selected.get() : Optional.of(s.get(s.size() - 1));
        return last.map(Position::increment).orElseGet(() -> Position.of((int) workflow().instructions().stream()
                .filter(i -> i.kind() != Instruction.Kind.IMPLICIT_END).count()));
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
