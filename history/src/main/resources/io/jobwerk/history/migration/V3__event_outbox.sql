-- Order events waiting to be published to a message broker (only written when a broker is configured).
-- The history writes each row in the transaction that stores the event; the publisher deletes the rows
-- the broker acknowledged, so what is left is exactly what is still to be published, in event id order.

CREATE TABLE event_outbox (
    event_id   BIGINT PRIMARY KEY,
    order_id   VARCHAR(2000) NOT NULL,
    event_type VARCHAR(100) NOT NULL,
    message    TEXT NOT NULL
);
