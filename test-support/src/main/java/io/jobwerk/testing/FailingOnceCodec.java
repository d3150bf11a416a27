package io.jobwerk.testing;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.journal.JournalCodec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A journal codec that, once {@linkplain #arm armed}, fails to encode the next event of one class:
 * that persist fails and the journal stays usable, as when a disk is full for a moment. Everything
 * else is the wrapped codec's.
 *
 * @param <S> the journal's state
 */
public final class FailingOnceCodec<S> implements JournalCodec<S> {

    private final JournalCodec<S> codec;
    private final Class<? extends Event> failOn;
    private final AtomicBoolean armed;

    /** Not armed yet: see {@link #arm}. */
    public FailingOnceCodec(JournalCodec<S> codec, Class<? extends Event> failOn) {
        this(codec, failOn, false);
    }

    public FailingOnceCodec(JournalCodec<S> codec, Class<? extends Event> failOn, boolean armed) {
        this.codec = codec;
        this.failOn = failOn;
        this.armed = new AtomicBoolean(armed);
    }

    /** The next event of the class fails to encode. */
    public void arm() {
        armed.set(true);
    }

    /** Takes the failure back; whether it was still armed (no such event was encoded). */
    public boolean disarm() {
        return armed.getAndSet(false);
    }

    /** Whether the failure has not happened yet. */
    public boolean isArmed() {
        return armed.get();
    }

    @Override
    public byte[] encodeEvent(Stamped<? extends Event> stamped) {
        if (failOn.isInstance(stamped.keyedEvent().event()) && armed.compareAndSet(true, false)) {
            throw new IllegalStateException("test: this persist fails");
        }
        return codec.encodeEvent(stamped);
    }

    @Override
    public Checked<Stamped<? extends Event>> decodeEvent(byte[] bytes) {
        return codec.decodeEvent(bytes);
    }

    @Override
    public Iterable<Map.Entry<String, byte[]>> snapshotEntries(S state) {
        return codec.snapshotEntries(state);
    }

    @Override
    public Checked<S> fromSnapshot(Iterable<Map.Entry<String, byte[]>> entries) {
        return codec.fromSnapshot(entries);
    }
}
