package io.jobwerk.cockpit.designer.bench;

import io.jobwerk.cockpit.designer.DesignerView;
import io.jobwerk.cockpit.designer.DesignerViewModel;
import io.jobwerk.cockpit.designer.LargeWorkflows;
import io.jobwerk.cockpit.designer.model.WorkflowEdit;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Edits and selection changes in the real designer, drawn (headless, Monocle): from the action on
 * the FX thread to the end of the first layout pulse after its graph is drawn, i.e. the frame that
 * shows it; and how long the FX thread was busy with the action itself. Each case runs 20 times to
 * warm up, then 30 measured: an insertion in the middle of a workflow of N instructions and its undo
 * (the selection goes from a Sleep to nothing); a property edit of the selected job (its label set
 * and cleared: the selection keeps its kind); selecting another job; selecting instructions of
 * changing kinds (job, If, Fork, Try). {@code bench/designer/draw.sh 200}
 */
public final class DesignerDrawBench {
    private static final AtomicLong frameAt = new AtomicLong();

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        for (String arg : args.length == 0 ? new String[] {"200"} : args) {
            Workflow w = LargeWorkflows.of(Integer.parseInt(arg));
            DesignerView[] view = new DesignerView[1];
            run(() -> {
                view[0] = new DesignerView(new DesignerViewModel(w));
                Scene scene = new Scene(view[0], 1440, 900);
                Theme.LIGHT.apply(scene);
                scene.addPostLayoutPulseListener(() -> frameAt.set(System.nanoTime()));
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
            });
            DesignerViewModel vm = view[0].viewModel();
            int middle = w.instructions().size() / 2;
            int groups = w.instructions().size() / 4; // each group: job, If, Fork, Try
            System.out.printf("%d instructions:%n", LargeWorkflows.size(w));
            measure("insert and undo", view[0], i -> {
                if ((i & 1) == 0) {
                    vm.insert(Instruction.Kind.SLEEP, Position.of(middle));
                } else {
                    vm.undo();
                }
            });
            Position job = Position.of(4 * (groups / 2));
            run(() -> vm.selectedProperty().set(Optional.of(job)));
            measure("edit the selected job's label", view[0], i -> vm.applyProperty(new WorkflowEdit.Replace(job,
                    new Instruction.ExecuteNamed((i & 1) == 0 ? Optional.of(new Label("edited")) : Optional.empty(),
                    new JobName("job"), Map.of()))));
            measure("select another job", view[0], i -> vm.selectedProperty().set(Optional.of(Position.of(4 * (i & 7)))));
            measure("select another kind", view[0], i -> vm.selectedProperty().set(Optional.of(Position.of(i & 7))));
        }
        Platform.exit();
    }

    private static void measure(String what, DesignerView view, IntConsumer action) throws Exception {
        long[] toFrame = new long[30];
        long[] onFx = new long[30];
        long[] drawing = new long[30];
        for (int i = -20; i < toFrame.length; i++) {
            int n = i + 20;
            long[] at = new long[2];
            run(() -> {
                at[0] = System.nanoTime();
                action.accept(n);
                at[1] = System.nanoTime();
            });
            while (Boolean.TRUE.equals(call(() -> view.layoutPendingProperty().get()))) {
                Thread.sleep(1);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (frameAt.get() < at[1] && System.nanoTime() < deadline) {
                Thread.sleep(1); // the frame that shows it
            }
            Thread.sleep(20); // and a quiet moment before the next action
            if (i >= 0) {
                toFrame[i] = frameAt.get() - at[0];
                onFx[i] = at[1] - at[0];
                drawing[i] = call(view::lastDrawNanos);
            }
        }
        Arrays.sort(toFrame);
        Arrays.sort(onFx);
        Arrays.sort(drawing);
        System.out.printf("  %s: to frame median %.0f ms, p90 %.0f ms, max %.0f ms; the action on the FX thread median %.1f ms,"
                        + " max %.1f ms; last drawing median %.1f ms%n",
                what, toFrame[15] / 1e6, toFrame[27] / 1e6, toFrame[29] / 1e6, onFx[15] / 1e6, onFx[29] / 1e6, drawing[15] / 1e6);
    }

    private static void run(Runnable r) throws Exception {
        call(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T call(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
