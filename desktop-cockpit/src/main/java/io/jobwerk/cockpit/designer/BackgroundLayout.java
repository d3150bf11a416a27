package io.jobwerk.cockpit.designer;

import io.jobwerk.cockpit.graph.BlockLayout;
import io.jobwerk.cockpit.graph.GraphLayout;
import io.jobwerk.cockpit.graph.WorkflowGraph;
import io.jobwerk.cockpit.graph.WorkflowGraphBuilder;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.scheduler.RealScheduler;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Builds and lays out the designer's graph off the FX thread; the newest request wins: a request
 * overtaken before it starts is skipped, and a result overtaken before it arrives is dropped, so a
 * burst of edits (holding Ctrl+Z) costs one layout per edit at most and shows only the last.
 */
final class BackgroundLayout {

    /** One thread for all designers: layouts are short, and one at a time keeps the other core free. */
    private static final ExecutorService SHARED = RealScheduler.instance().pool("designer-layout", 1);

    /** A laid-out graph ready to draw, with when it was asked for (to measure edit → frame). */
    record Laid(Workflow workflow, WorkflowGraph graph, GraphLayout.Laid layout, long requestedNanos) {}

    private final Executor executor;
    private final UiThread ui;
    private final Consumer<Laid> apply;
    private final AtomicLong newest = new AtomicLong();

    BackgroundLayout(Executor executor, UiThread ui, Consumer<Laid> apply) {
        this.executor = executor;
        this.ui = ui;
        this.apply = apply;
    }

    static BackgroundLayout shared(Consumer<Laid> apply) {
        return new BackgroundLayout(SHARED, UiThread.fx(), apply);
    }

    /** Lays this workflow out; {@code apply} gets it on the UI thread unless a newer request came first. */
    void request(Workflow workflow) {
        long generation = newest.incrementAndGet();
        long requested = System.nanoTime();
        executor.execute(() -> {
            if (generation != newest.get()) {
                return;
            }
            Laid laid;
            try {
                laid = layout(workflow, requested);
            } catch (RuntimeException e) { // a bug, not a user's mistake: said, and the previous drawing stays
                java.util.logging.Logger.getLogger(BackgroundLayout.class.getName()).log(java.util.logging.Level.SEVERE, "The designer's graph could not be laid out", e);
                return;
            }
            ui.execute(() -> {
                if (generation == newest.get()) {
                    apply.accept(laid);
                }
            });
        });
    }

    /** Builds and lays out the graph on the calling thread. */
    static Laid layout(Workflow workflow, long requestedNanos) {
        WorkflowGraph graph = WorkflowGraphBuilder.forEditing(workflow);
        return new Laid(workflow, graph, BlockLayout.layoutOrElk(graph, io.jobwerk.cockpit.graph.NodeSizes::of), requestedNanos);
    }
}
