package io.jobwerk.cockpit.connections;

import io.jobwerk.cockpit.live.LiveModel;

/** A connection the operator opened: its live model (state, counts) and the means to retry or end it. */
public interface OpenConnection extends AutoCloseable {

    LiveModel live();

    /** Tries again now rather than after the back-off. */
    void retryNow();

    @Override
    void close();
}
