package io.jobwerk.history;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The history service: reads the Controller's committed events in order, stores order and task
 * history and job logs ({@link HistoryStore}), then releases the stored events in the journal, so
 * the journal stays bounded however many orders run.
 *
 * <p><b>Exactly once.</b> Each run of events is stored in one transaction with the id of its last
 * event; after any stop (also {@code kill -9}) the service goes on after the stored id. When the
 * database fails, the run is rolled back, the service reloads what it follows from the database
 * and tries again, waiting 0.1 s, then twice as long up to 5 s; the journal keeps the events
 * meanwhile (they are released only once stored).
 *
 * <p><b>Threads.</b> One ingesting thread and one cleanup queue, both from the given
 * {@link Scheduler} (its clock, too), never the Controller's keeper thread.
 */
public final class HistoryService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HistoryService.class.getName());
    private static final int BATCH_EVENTS = 5_000;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final HistoryConf conf;
    private final HistoryDatabase database;
    private final HistoryStore store;
    private final HistoryQueries queries;
    private final HistoryEventSource events;
    private final Function<WorkflowId, Optional<Workflow>> fallbackWorkflow;
    private final Scheduler scheduler;
    private final Thread ingesting;
    private final TaskQueue cleanup;
    private final Object storedLock = new Object();
    private long storedEventId = -1; // guarded by storedLock; -1 until the database was read
    private volatile boolean closed;
    private volatile Optional<String> problem = Optional.empty();

    private HistoryService(HistoryConf conf, HistoryEventSource events, Function<WorkflowId, Optional<Workflow>> fallbackWorkflow, Scheduler scheduler) {
        this.conf = conf;
        this.database = HistoryDatabase.open(conf);
        this.store = new HistoryStore(database);
        this.queries = new HistoryQueries(database);
        this.events = events;
        this.fallbackWorkflow = fallbackWorkflow;
        this.scheduler = scheduler;
        this.ingesting = scheduler.newThread("history-ingest", this::ingest);
        this.cleanup = scheduler.queue("history-cleanup");
    }

    /**
     * Starts the service. It does not wait for the database: until it answers, the service retries,
     * and the queries fail.
     *
     * @param fallbackWorkflow a workflow version the events did not show (deployed before the history
     *                         started), e.g. from the Controller's state
     */
    public static HistoryService start(HistoryConf conf, HistoryEventSource events,
                                       Function<WorkflowId, Optional<Workflow>> fallbackWorkflow, Scheduler scheduler) {
        HistoryService service = open(conf, events, fallbackWorkflow, scheduler);
        service.start();
        return service;
    }

    /**
     * As {@link #start}, but the service does nothing until {@link #start()}: a server opens it while
     * wiring (its routes and the daily plan need it) and starts it once it serves, so that the
     * history's catch-up after a restart does not delay the first answer. Until then it is like a
     * service whose database does not answer yet: {@link #storedEventId()} is -1.
     */
    public static HistoryService open(HistoryConf conf, HistoryEventSource events,
                                      Function<WorkflowId, Optional<Workflow>> fallbackWorkflow, Scheduler scheduler) {
        return new HistoryService(conf, events, fallbackWorkflow, scheduler);
    }

    /** Starts ingesting (and the cleanup) of a service from {@link #open}; once only. */
    public void start() {
        ingesting.start();
        if (!conf.retention().isZero() && !conf.retention().isNegative()) {
            cleanup.scheduleWithFixedDelay(conf.cleanupInterval(), conf.cleanupInterval(), this::cleanUp);
        }
    }

    HistoryDatabase database() {
        return database;
    }

    public HistoryQueries queries() {
        return queries;
    }

    public HistoryConf conf() {
        return conf;
    }

    /** The id of the last event stored; -1 while the database has not been read. */
    public long storedEventId() {
        synchronized (storedLock) {
            return storedEventId;
        }
    }

    /** Why the history lags, while the database fails. */
    public Optional<String> problem() {
        return problem;
    }

    /** Waits until the events up to {@code eventId} are stored, at most {@code timeout}; whether they are. */
    public boolean awaitStored(long eventId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (storedLock) {
            while (storedEventId < eventId && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(storedLock, left);
            }
            return storedEventId >= eventId;
        }
    }

    /**
     * Waits until the history holds every event committed when called, at most {@code timeout}, so a
     * query right after an order ended sees it; whether it does.
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return awaitStored(events.lastEventId(), timeout);
    }

    /** Deletes the entries of orders that ended longer ago than the retention; returns how many orders. */
    public int cleanUpNow() throws java.sql.SQLException {
        return store.deleteEndedBefore(scheduler.clock().millis() - conf.retention().toMillis());
    }

    private void cleanUp() {
        try {
            int deleted = cleanUpNow();
            if (deleted > 0) {
                LOG.info("History cleanup deleted " + deleted + " orders that ended more than " + conf.retention() + " ago");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "History cleanup failed, it runs again in " + conf.cleanupInterval() + ": " + e);
        }
    }

    private void ingest() {
        long backoff = FIRST_BACKOFF_MILLIS;
        HistoryProjection projection = null;
        long position = 0;
        while (!closed) {
            try {
                if (projection == null) {
                    database.migrate();
                    HistoryStore.Resumption resumption = store.load(events.journalId(), fallbackWorkflow);
                    projection = resumption.projection();
                    position = resumption.lastEventId();
                    stored(position);
                    if (problem.isPresent()) {
                        LOG.info("The history database " + conf.displayUrl() + " answers again, the history catches up after event " + position);
                        problem = Optional.empty();
                    }
                }
                Checked<List<Stamped<? extends Event>>> read = events.await(position, BATCH_EVENTS, POLL);
                if (read.isFail()) {
                    position = skipTorn(position, read.problemOption().orElseThrow().message());
                    continue;
                }
                List<Stamped<? extends Event>> stamped = read.orThrow();
                if (stamped.isEmpty()) {
                    continue;
                }
                HistoryBatch batch = new HistoryBatch(conf.eventOutbox());
                for (Stamped<? extends Event> s : stamped) {
                    projection.apply(s, batch);
                }
                store.write(batch);
                position = batch.lastEventId;
                stored(position);
                events.release(position);
                backoff = FIRST_BACKOFF_MILLIS;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                if (problem.isEmpty()) {
                    LOG.log(Level.WARNING, "The history cannot be stored in " + conf.displayUrl() + ", retrying (the journal keeps the events): " + e);
                }
                problem = Optional.of(e.toString());
                projection = null; // what it had applied may not be stored: reload
                try {
                    scheduler.sleep(Duration.ofMillis(backoff));
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** The events after {@code position} are gone (released by someone else): go on after the oldest kept. */
    private long skipTorn(long position, String message) {
        long oldest = events.oldestKeptAfterEventId();
        if (oldest <= position) {
            throw new IllegalStateException(message);
        }
        LOG.warning("The history misses the events after " + position + " up to " + oldest + ", which the journal no longer keeps: " + message);
        return oldest;
    }

    private void stored(long eventId) {
        synchronized (storedLock) {
            storedEventId = eventId;
            storedLock.notifyAll();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (storedLock) {
            storedLock.notifyAll();
        }
        cleanup.close();
        ingesting.interrupt();
        try {
            ingesting.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
    }
}
