package io.jobwerk.journal;

/**
 * One framed record of a segment file: an event's id and its codec payload.
 *
 * @param continues true when the next record belongs to the same transaction (the same persist call);
 *                  recovery keeps a transaction whole or drops it whole
 */
record LogRecord(long eventId, boolean continues, byte[] payload) {
}
