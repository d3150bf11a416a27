package io.jobwerk.history;

import io.jobwerk.history.broker.EventPublisher;
import io.jobwerk.history.broker.OrderEventMessage;
import io.jobwerk.scheduler.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes the Controller's order events to a message broker, at least once and in event order
 * (so in order per order), going on after any restart where it stopped.
 *
 * <p>It publishes from the history's outbox ({@link EventOutbox}): the history writes each order
 * event's message in the transaction that stores the event, so the journal may release events as
 * soon as the history stored them, and the publisher needs no state of its own beyond the outbox.
 * A run of messages is deleted from the outbox once the broker acknowledged all of it; a failure or
 * a stop in between publishes the run again (the publisher drops what the broker holds already, as
 * far as it can tell). While the broker is unreachable the outbox grows; the service retries after
 * 0.1 s, doubling up to 5 s.
 *
 * <p>One thread, made in {@link #start}, never the Controller's keeper thread. Needs a history
 * started with {@link HistoryConf#eventOutbox()}.
 */
public final class EventBrokerService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventBrokerService.class.getName());
    private static final int BATCH_MESSAGES = 1_000;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final HistoryService history;
    private final EventOutbox outbox;
    private final EventPublisher publisher;
    private final Thread thread;
    private volatile long publishedEventId;
    private volatile boolean closed;
    private volatile Optional<String> problem = Optional.empty();

    private final Scheduler scheduler;

    private EventBrokerService(HistoryService history, EventPublisher publisher, Scheduler scheduler) {
        if (!history.conf().eventOutbox()) {
            throw new IllegalArgumentException("The history does not write the event outbox (HistoryConf.eventOutbox)");
        }
        this.history = history;
        this.outbox = new EventOutbox(history.database());
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.thread = scheduler.newThread("event-broker", this::run);
    }

    /**
     * Starts publishing on a thread of {@code scheduler}; it does not wait for the broker. The service
     * owns {@code publisher} and closes it.
     */
    public static EventBrokerService start(HistoryService history, EventPublisher publisher, Scheduler scheduler) {
        EventBrokerService service = new EventBrokerService(history, publisher, scheduler);
        service.thread.start();
        return service;
    }

    /** The id of the last event the broker acknowledged since the start; 0 before. */
    public long publishedEventId() {
        return publishedEventId;
    }

    /** Why publishing lags, while the broker or the database fails. */
    public Optional<String> problem() {
        return problem;
    }

    /** How many messages wait in the outbox. */
    public long pendingCount() throws java.sql.SQLException {
        return outbox.pendingCount();
    }

    private void run() {
        long backoff = FIRST_BACKOFF_MILLIS;
        long position = 0;
        while (!closed) {
            try {
                long stored = history.storedEventId();
                if (stored < 0) { // the history has not migrated and read its database yet
                    history.awaitStored(0, POLL);
                    continue;
                }
                List<OrderEventMessage> messages = outbox.read(position, BATCH_MESSAGES);
                if (messages.isEmpty()) {
                    history.awaitStored(stored + 1, POLL);
                    continue;
                }
                publisher.publish(messages);
                long last = messages.get(messages.size() - 1).eventId();
                outbox.deleteUpTo(last);
                position = last;
                if (problem.isPresent()) {
                    LOG.info("Publishing order events to " + publisher.describe() + " again, up to event " + last);
                    problem = Optional.empty();
                }
                publishedEventId = last;
                backoff = FIRST_BACKOFF_MILLIS;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                if (problem.isEmpty()) {
                    LOG.log(Level.WARNING, "Order events cannot be published to " + publisher.describe()
                            + ", retrying (they wait in the history's outbox): " + e);
                }
                problem = Optional.of(e.toString());
                try {
                    scheduler.sleep(java.time.Duration.ofMillis(backoff));
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Stops publishing (what is not acknowledged stays in the outbox) and closes the publisher. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
    }
}
