package io.jobwerk.subagent.internal;

import java.io.Writer;
import java.util.function.Consumer;

/** Collects text and hands it on in chunks: on {@link #flush}, when {@code chunkSize} is reached, and on close. */
final class ChunkWriter extends Writer {

    private final int chunkSize;
    private final Consumer<String> sink;
    private final StringBuilder buffer = new StringBuilder(); // guarded by lock

    ChunkWriter(int chunkSize, Consumer<String> sink) {
        this.chunkSize = chunkSize;
        this.sink = sink;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        synchronized (lock) {
            while (length > 0) {
                int n = Math.min(length, chunkSize - buffer.length());
                buffer.append(chars, offset, n);
                offset += n;
                length -= n;
                if (buffer.length() >= chunkSize) {
                    flush();
                }
            }
        }
    }

    @Override
    public void flush() {
        synchronized (lock) {
            if (buffer.length() > 0) {
                sink.accept(buffer.toString());
                buffer.setLength(0);
            }
        }
    }

    @Override
    public void close() {
        flush();
    }
}
