package io.jobwerk.subagent.internal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.subagent.process.OutputSink;
import io.jobwerk.subagent.process.RunningProcess;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the steps of internal jobs ({@link InternalJob}, {@link AsyncInternalJob}) in this JVM.
 *
 * <p><b>Threads.</b> Steps run on one bounded pool of {@code threads} daemon threads (idle ones end
 * after a minute). A blocking job holds its thread for the whole step, so at most {@code threads}
 * blocking steps run at once; further steps wait in the pool's queue (their orders stay
 * {@code Processing}). An {@link AsyncInternalJob} holds a thread only while {@code start} runs.
 * Never a thread per step: 15,000 parallel steps must not mean 15,000 threads.
 *
 * <p><b>Instances.</b> One instance per {@link InternalLaunch#jobKey()}, created on the job's first
 * step (on a pool thread) and kept while the runner lives. A class that cannot be loaded or
 * instantiated fails each of its steps with a message naming the class and the reason.
 */
public final class InternalJobRunner implements AutoCloseable {

    /** Default size of the job thread pool. */
    public static final int DEFAULT_THREADS = 64;

    private final ThreadPoolExecutor executor;
    private final int chunkSize;
    private final ClassLoader classLoader;
    private final Map<String, Checked<Object>> jobs = new ConcurrentHashMap<>();

    /**
     * @param threads maximum steps running (blocking) at once
     * @param chunkSize maximum characters of one stdout/stderr chunk
     * @param classLoader loads the job classes
     */
    public InternalJobRunner(int threads, int chunkSize, ClassLoader classLoader) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.executor = RealScheduler.instance().pool("jobwerk-internal-job", threads);
        this.chunkSize = chunkSize;
        this.classLoader = classLoader;
    }

    /** A runner with {@link #DEFAULT_THREADS} threads, 8 Ki chunks and this class's class loader. */
    public static InternalJobRunner withDefaults() {
        return new InternalJobRunner(DEFAULT_THREADS, 8192, InternalJobRunner.class.getClassLoader());
    }

    /**
     * Starts a step; never throws. The outcome completes (never exceptionally) after all output of
     * the step has gone to {@code sink}. {@code pid()} of the result is -1.
     */
    public RunningProcess start(InternalLaunch launch, OutputSink sink) {
        Step step = new Step(launch, sink);
        step.task = executor.submit(step::run);
        return step;
    }

    /** Steps running or waiting for a thread. */
    public int activeCount() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    private Checked<Object> instance(InternalLaunch launch) {
        return jobs.computeIfAbsent(launch.jobKey(), k -> instantiate(launch.className(), launch.jobArguments()));
    }

    private Checked<Object> instantiate(String className, Map<String, Value> jobArguments) {
        String what = "InternalExecutable '" + className + "'";
        Class<?> cls;
        try {
            cls = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException e) {
            return Checked.fail(Problem.of("InternalJobProblem", what + ": class not found"));
        } catch (LinkageError e) {
            return Checked.fail(Problem.of("InternalJobProblem", what + ": class cannot be loaded: " + e));
        }
        if (!InternalJob.class.isAssignableFrom(cls) && !AsyncInternalJob.class.isAssignableFrom(cls)) {
            return Checked.fail(Problem.of("InternalJobProblem", what + " implements neither "
                    + InternalJob.class.getName() + " nor " + AsyncInternalJob.class.getName()));
        }
        try {
            Constructor<?> withArguments = constructor(cls, Map.class);
            if (withArguments != null) {
                return Checked.ok(withArguments.newInstance(jobArguments));
            }
            Constructor<?> noArguments = constructor(cls);
            if (noArguments != null) {
                return Checked.ok(noArguments.newInstance());
            }
            return Checked.fail(Problem.of("InternalJobProblem", what
                    + " has neither a public constructor taking the jobArguments Map nor a public no-argument constructor"));
        } catch (InvocationTargetException e) {
            return Checked.fail(Problem.of("InternalJobProblem", what + ": constructor failed: " + message(e.getCause())));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Checked.fail(Problem.of("InternalJobProblem", what + " cannot be instantiated: " + message(e)));
        }
    }

    private static Constructor<?> constructor(Class<?> cls, Class<?>... parameters) {
        try {
            return cls.getConstructor(parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String message(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getName();
    }

    private static Outcome.Failed failed(String message) {
        return new Outcome.Failed(Optional.of(message), Map.of());
    }

    /** One step; {@code started} decides a race between the pool starting it and a kill before that. */
    private final class Step implements RunningProcess {
        private final InternalLaunch launch;
        private final ChunkWriter out;
        private final ChunkWriter err;
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private final AtomicBoolean started = new AtomicBoolean();
        private volatile boolean killed;
        private volatile Future<?> task;
        private volatile CompletionStage<Outcome.Completed> asyncStage;

        Step(InternalLaunch launch, OutputSink sink) {
            this.launch = launch;
            this.out = new ChunkWriter(chunkSize, sink::stdout);
            this.err = new ChunkWriter(chunkSize, sink::stderr);
        }

        void run() {
            if (!started.compareAndSet(false, true)) {
                return; // killed before it started
            }
            Checked<Object> job = instance(launch);
            if (job.isFail()) {
                finish(failed(job.problemOption().orElseThrow().message()));
                return;
            }
            JobStep step = new JobStep(launch.orderId(), launch.arguments(), launch.jobArguments(),
                    new PrintWriter(out), new PrintWriter(err));
            try {
                if (job.orThrow() instanceof InternalJob blocking) {
                    finish(requireOutcome(blocking.run(step)));
                } else {
                    CompletionStage<Outcome.Completed> stage = ((AsyncInternalJob) job.orThrow()).start(step);
                    asyncStage = stage;
                    if (killed) {
                        cancelAsync();
                    }
                    stage.whenComplete((o, e) -> finish(e == null ? requireOutcome(o) : failed(message(e))));
                }
            } catch (Exception | LinkageError | AssertionError e) {
                finish(failed(message(e)));
            }
        }

        private Outcome.Completed requireOutcome(Outcome.Completed o) {
            return o != null ? o : failed("InternalExecutable '" + launch.className() + "' returned no outcome");
        }

        private void finish(Outcome.Completed completed) {
            out.flush();
            err.flush();
            outcome.complete(killed ? new Outcome.Killed(completed) : completed);
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        /** Interrupts a blocking step's thread; cancels an async step's future; a waiting step never starts. */
        @Override
        public void kill(boolean immediately) {
            killed = true;
            if (started.compareAndSet(false, true)) {
                task.cancel(false);
                outcome.complete(new Outcome.Killed(failed("Killed before it started")));
                return;
            }
            cancelAsync();
            Future<?> t = task;
            if (t != null) {
                t.cancel(true);
            }
        }

        private void cancelAsync() {
            if (asyncStage instanceof CompletableFuture<?> f) {
                f.cancel(true);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
