package io.jobwerk.subagent.process;

import io.jobwerk.scheduler.RealScheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One thread that turns the output files of all running processes into chunks. A thread per pipe
 * does not scale to thousands of processes (measured: start rate collapses beyond a few thousand),
 * while files polled by one thread hold 15,000.
 *
 * <p>A file is looked at with a {@code stat} and opened only while it has unread bytes, so idle
 * processes hold no file descriptor (15,000 processes would need 30,000, beyond a usual
 * {@code ulimit -n}) and no buffers. A file that stays unchanged is looked at less often, up to
 * once a second; once written to, or when its process ends, it is read at once again.
 *
 * <p>A new tail wakes the thread only if it is idle (it looks at new tails on its next round, within
 * the poll interval), and a process's two tails are finished with one wake-up.
 */
final class OutputTailer implements AutoCloseable {

    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final int chunkSize;
    private final long pollNanos;
    private final ConcurrentLinkedQueue<Tail> added = new ConcurrentLinkedQueue<>();
    private final List<Tail> tails = new ArrayList<>(); // guarded by the tailer thread
    private final Thread thread;
    private volatile boolean idle; // parked for long, as there was nothing to follow
    private volatile boolean closed;

    OutputTailer(int chunkSize, Duration pollInterval) {
        this.chunkSize = chunkSize;
        this.pollNanos = pollInterval.toNanos();
        this.thread = RealScheduler.instance().newThread("jobwerk-output-tailer", this::run);
        thread.start();
    }

    /**
     * Follows {@code file} until {@link #finish} is called; then reads it to the end and runs
     * {@code done} on the tailer thread (so it must only hand work on, never block). The tail then
     * holds the last line written, for failOnErrWritten messages.
     */
    Tail follow(Path file, Consumer<String> chunks, Runnable done) {
        Tail tail = new Tail(file, chunks, done);
        added.add(tail);
        if (idle) {
            LockSupport.unpark(thread);
        }
        return tail;
    }

    /** The process of both tails has ended: deliver the rest of each, then run their {@code done}. */
    void finish(Tail out, Tail err) {
        out.finishing = true;
        err.finishing = true;
        LockSupport.unpark(thread);
    }

    final class Tail {
        private final Path file;
        private final java.io.File ioFile; // its length is the cheapest stat: no attributes object, no exception
        private final Consumer<String> chunks;
        private final Runnable done;
        // Allocated on the first output: most jobs' stderr (and many a stdout) stays empty.
        private CharsetDecoder decoder;
        private ByteBuffer bytes;
        private CharBuffer chars;
        private long position; // bytes of the file read so far
        private long idleNanos = pollNanos; // grows while the file stays unchanged
        private long nextPollNanos;
        private volatile boolean finishing;
        private boolean wroteAnything;
        private StringBuilder lastLine; // on the first output

        Tail(Path file, Consumer<String> chunks, Runnable done) {
            this.file = file;
            this.ioFile = file.toFile();
            this.chunks = chunks;
            this.done = done;
        }

        boolean wroteAnything() {
            return wroteAnything;
        }

        /** The last non-empty line written, at most 4096 characters (JS7's error line length). */
        String lastLine() {
            String s = lastLine == null ? "" : lastLine.toString().strip();
            return s.length() > 4096 ? s.substring(s.length() - 4096) : s;
        }

        /** Reads what is there (if it is time to look); returns true when the tail is complete. */
        boolean poll(long now) {
            boolean finish = finishing; // read before reading the file, so nothing written before exit is missed
            if (!finish && now - nextPollNanos < 0) {
                return false;
            }
            try {
                boolean grew = ioFile.length() > position;
                if (grew) {
                    readNewBytes();
                }
                idleNanos = grew ? pollNanos : Math.min(2 * idleNanos, MAX_IDLE_NANOS);
                nextPollNanos = now + idleNanos;
                if (finish) {
                    if (bytes != null) {
                        bytes.flip();
                        decode(true);
                        flushChars();
                    }
                    return true;
                }
            } catch (IOException e) {
                chunks.accept("[Jobwerk: cannot read output file " + file + ": " + e.getMessage() + "]\n");
                return true;
            }
            flushChars();
            return false;
        }

        private void readNewBytes() throws IOException {
            if (bytes == null) {
                decoder = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
                bytes = ByteBuffer.allocate(16 * 1024);
                chars = CharBuffer.allocate(chunkSize);
                lastLine = new StringBuilder();
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(position);
                while (channel.read(bytes) > 0) {
                    bytes.flip();
                    decode(false);
                    bytes.compact();
                }
                position = channel.position();
            }
        }

        private void decode(boolean endOfInput) {
            while (true) {
                var result = decoder.decode(bytes, chars, endOfInput);
                if (result.isOverflow()) {
                    flushChars();
                } else {
                    break;
                }
            }
            if (endOfInput) {
                decoder.flush(chars);
            }
        }

        private void flushChars() {
            if (chars != null && chars.position() > 0) {
                chars.flip();
                String chunk = chars.toString();
                chars.clear();
                wroteAnything = true;
                rememberLastLine(chunk);
                chunks.accept(chunk);
            }
        }

        private void rememberLastLine(String chunk) {
            String trimmed = chunk.strip();
            if (trimmed.isEmpty()) {
                return;
            }
            int nl = trimmed.lastIndexOf('\n');
            if (nl >= 0 || chunk.startsWith("\n")) {
                lastLine.setLength(0);
            }
            lastLine.append(nl >= 0 ? trimmed.substring(nl + 1) : trimmed);
            if (lastLine.length() > 8192) {
                lastLine.delete(0, lastLine.length() - 4096);
            }
        }
    }

    private void run() {
        while (!closed) {
            for (Tail t; (t = added.poll()) != null; ) {
                tails.add(t);
            }
            long now = System.nanoTime();
            tails.removeIf(t -> {
                boolean complete = t.poll(now);
                if (complete) {
                    t.done.run();
                }
                return complete;
            });
            if (tails.isEmpty()) {
                idle = true;
                if (added.isEmpty()) { // read after writing idle, as follow adds before reading it: no tail waits a long park
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
                idle = false;
            } else {
                LockSupport.parkNanos(pollNanos);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
