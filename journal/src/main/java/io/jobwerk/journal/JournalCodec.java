package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.util.Map;

/**
 * Turns events and the state into bytes for the journal; the journal itself treats them as opaque.
 * The servers plug in the engine's JSON codec; {@link JournalDump} prints payloads as NDJSON lines,
 * so event payloads should be single-line UTF-8 JSON.
 *
 * <p>Implementations must be thread-safe: events are encoded on the journal's writer thread and
 * decoded by readers, snapshots are written on the checkpoint thread.
 *
 * @param <S> the state
 */
public interface JournalCodec<S> {

    /** The event with its id (and timestamp, if any) as bytes; must not fail for an event the state accepted. */
    byte[] encodeEvent(Stamped<? extends Event> stamped);

    /** Inverse of {@link #encodeEvent}; a problem for bytes it does not understand. */
    Checked<Stamped<? extends Event>> decodeEvent(byte[] bytes);

    /**
     * The state as key/value entries for the MapDB checkpoint, e.g. one entry per order. Keys must
     * be unique. The checkpoint may be taken on another thread while the journal moves on, so
     * {@code S} should be immutable.
     */
    Iterable<Map.Entry<String, byte[]>> snapshotEntries(S state);

    /**
     * About how many entries {@link #snapshotEntries} would give for {@code state}, if that is cheap
     * to know (it is asked per written batch): a checkpoint costs in proportion to it, so a small
     * state is checkpointed after fewer events (see {@link Checkpointer}). Negative: unknown, then
     * only {@link JournalConf#checkpointEvents()} and the interval count.
     */
    default long snapshotSize(S state) {
        return -1;
    }

    /** Rebuilds the state from the entries of {@link #snapshotEntries}, given in any order. */
    Checked<S> fromSnapshot(Iterable<Map.Entry<String, byte[]>> entries);
}
