package io.jobwerk.cockpit.designer.bench;

import io.jobwerk.cockpit.designer.DesignerView;
import io.jobwerk.cockpit.designer.DesignerViewModel;
import io.jobwerk.cockpit.designer.LargeWorkflows;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * An edit in the real designer, drawn (headless, Monocle): from the edit on the FX thread to the end
 * of the first layout pulse after its graph is drawn, i.e. the frame that shows it; and how long the
 * FX thread was busy drawing (the layout itself runs in the background). Alternates an insertion
 * in the middle of a workflow of N instructions with its undo: 20 to warm up, 30 measured.
 * {@code bench/designer/draw.sh 200}
 */
public final class DesignerDrawBench {
    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        for (String arg : args.length == 0 ? new String[] {"200"} : args) {
            Workflow w = LargeWorkflows.of(Integer.parseInt(arg));
            DesignerView[] view = new DesignerView[1];
            AtomicLong frameAt = new AtomicLong();
            CountDownLatch shown = new CountDownLatch(1);
            Platform.runLater(() -> {
                view[0] = new DesignerView(new DesignerViewModel(w));
                Scene scene = new Scene(view[0], 1440, 900);
                Theme.LIGHT.apply(scene);
                scene.addPostLayoutPulseListener(() -> frameAt.set(System.nanoTime()));
                Stage stage = new Stage();
                stage.setScene(scene);
                stage.show();
                shown.countDown();
            });
            shown.await();
            long[] toFrame = new long[30];
            long[] drawing = new long[30];
            long[] pulse = new long[30];
            long[] editing = new long[30];
            long[] waiting = new long[30];
            for (int i = -20; i < toFrame.length; i++) {
                boolean insert = (i & 1) == 0;
                long[] editAt = new long[2];
                run(() -> {
                    editAt[0] = System.nanoTime();
                    if (insert) {
                        view[0].viewModel().insert(Instruction.Kind.SLEEP, Position.of(w.instructions().size() / 2));
                    } else {
                        view[0].viewModel().undo();
                    }
                    editAt[1] = System.nanoTime();
                });
                while (Boolean.TRUE.equals(call(() -> view[0].layoutPendingProperty().get()))) {
                    Thread.sleep(1);
                }
                long drawnAt = call(() -> System.nanoTime()); // a runLater after the drawing: the pulse (CSS, layout) has been requested
                run(() -> { });
                Thread.sleep(40); // let the next pulse run
                if (i >= 0) {
                    toFrame[i] = frameAt.get() - editAt[0];
                    drawing[i] = call(() -> view[0].lastDrawNanos());
                    pulse[i] = Math.max(0, frameAt.get() - drawnAt);
                    editing[i] = editAt[1] - editAt[0];
                    waiting[i] = call(() -> view[0].lastLayoutNanos() - view[0].lastDrawNanos()) - editing[i];
                }
            }
            Arrays.sort(toFrame);
            Arrays.sort(drawing);
            Arrays.sort(pulse);
            Arrays.sort(editing);
            Arrays.sort(waiting);
            System.out.printf("%d instructions: edit → frame median %.0f ms, p90 %.0f ms, max %.0f ms;"
                            + " medians of its parts: the edit on the FX thread %.1f ms, then layout in the background and waiting for the FX thread"
                            + " %.1f ms, drawing on the FX thread %.1f ms (max %.1f), the pulse after it (CSS, layout) %.0f ms%n",
                    LargeWorkflows.size(w), toFrame[15] / 1e6, toFrame[27] / 1e6, toFrame[29] / 1e6,
                    editing[15] / 1e6, waiting[15] / 1e6, drawing[15] / 1e6, drawing[29] / 1e6, pulse[15] / 1e6);
        }
        Platform.exit();
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
