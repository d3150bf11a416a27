package io.jobwerk.history.broker;

import java.util.List;

/**
 * Publishes order events to a message broker; {@link NatsEventPublisher} is the NATS JetStream one.
 * Called by one thread, the {@code EventBrokerService}'s.
 *
 * <p>The contract: {@link #publish} returns only when the broker has durably stored every message
 * given, and throws otherwise. Messages are stored in the order given. The service calls again with
 * the same messages after a failure or a restart, so an implementation drops (or lets the broker
 * drop) a message whose {@code eventId} it has stored already, as far as it can tell.
 */
public interface EventPublisher extends AutoCloseable {

    /** Publishes {@code messages}, in order; returns when the broker has stored them all. */
    void publish(List<OrderEventMessage> messages) throws Exception;

    /** Where it publishes to, for log lines (no credentials). */
    String describe();

    @Override
    void close();
}
