package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The segment file format. A file is {@link #MAGIC}, then framed records; the first record is the
 * {@link JournalHeader}, the others are events. A frame is
 * {@code int payloadLength, int crc32c, long eventId, byte flags, payload}; the CRC covers eventId,
 * flags and payload, so a torn or garbage tail is detected and never decoded.
 */
final class LogFormat {
    static final byte[] MAGIC = "JOBWERK-JOURNAL\n".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME_HEADER = 4 + 4 + 8 + 1;
    static final int MAX_PAYLOAD = 64 << 20;
    private static final byte CONTINUES = 1;

    private LogFormat() {
    }

    /** CRC32C over eventId (big-endian), flags and payload; {@code scratch} holds 9 bytes. */
    static int crc(CRC32C crc, byte[] scratch, long eventId, byte flags, byte[] payload) {
        for (int i = 7; i >= 0; i--) {
            scratch[7 - i] = (byte) (eventId >>> (i * 8));
        }
        scratch[8] = flags;
        crc.reset();
        crc.update(scratch, 0, 9);
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }

    /** Appends framed records to a growing buffer; one per writer thread. */
    static final class FrameBuffer {
        private final CRC32C crc = new CRC32C();
        private final byte[] idAndFlags = new byte[9];
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16);

        void clear() {
            buf.clear();
        }

        int size() {
            return buf.position();
        }

        void putMagic() {
            ensure(MAGIC.length);
            buf.put(MAGIC);
        }

        void put(long eventId, boolean continues, byte[] payload) {
            ensure(FRAME_HEADER + payload.length);
            byte flags = continues ? CONTINUES : 0;
            int crcValue = crc(crc, idAndFlags, eventId, flags, payload);
            buf.putInt(payload.length).putInt(crcValue).putLong(eventId).put(flags).put(payload);
        }

        /** The buffered bytes, flipped for writing; call {@link #clear()} afterwards. */
        ByteBuffer flip() {
            return buf.flip();
        }

        private void ensure(int more) {
            if (buf.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }
    }

    /**
     * Reads one segment file sequentially. {@link #next()} returns {@code null} at the end, and
     * {@link #tornReason()} then says whether the end was clean or where the valid part stops.
     */
    static final class Reader implements Closeable {
        private final Path file;
        private final DataInputStream in;
        private final CRC32C crc = new CRC32C();
        private final byte[] idAndFlags = new byte[9];
        private long position;
        private String tornReason;

        Reader(Path file) throws IOException {
            this.file = file;
            InputStream raw = Files.newInputStream(file);
            this.in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        }

        /**
         * The header, or a problem naming the file. A file too short to hold magic and header is
         * reported with code {@code JournalHeaderTorn} (a crash while starting the segment).
         */
        Checked<JournalHeader> readHeader() throws IOException {
            byte[] magic = new byte[MAGIC.length];
            int n = in.readNBytes(magic, 0, magic.length);
            if (n < magic.length && Arrays.equals(magic, 0, n, MAGIC, 0, n)) {
                return Checked.fail("JournalHeaderTorn", "Journal file " + file + " ends inside its header");
            }
            if (!Arrays.equals(magic, MAGIC)) {
                return JournalHeader.fail(file, "it does not start with the Jobwerk journal magic");
            }
            position = MAGIC.length;
            LogRecord header = next();
            if (header == null) {
                return tornReason != null && tornReason.startsWith("end")
                        ? Checked.fail("JournalHeaderTorn", "Journal file " + file + " ends inside its header")
                        : JournalHeader.fail(file, "its header record is damaged (" + tornReason + ")");
            }
            return JournalHeader.fromJson(header.payload(), file);
        }

        /** The next complete, CRC-valid record, or null at the end of the valid part. */
        LogRecord next() throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                // readInt may have consumed 1-3 bytes: still a torn frame unless nothing was left
                tornReason = in.available() == 0 && atCleanEnd() ? null : "end of file inside a frame header";
                return null;
            }
            if (length < 0 || length > MAX_PAYLOAD) {
                tornReason = "implausible record length " + length + " at byte " + position;
                return null;
            }
            try {
                int expectedCrc = in.readInt();
                long eventId = in.readLong();
                byte flags = in.readByte();
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (crc(crc, idAndFlags, eventId, flags, payload) != expectedCrc) {
                    tornReason = "CRC mismatch at byte " + position;
                    return null;
                }
                position += FRAME_HEADER + length;
                return new LogRecord(eventId, (flags & CONTINUES) != 0, payload);
            } catch (EOFException e) {
                tornReason = "end of file inside the record at byte " + position;
                return null;
            }
        }

        private boolean atCleanEnd() throws IOException {
            return Files.size(file) == position;
        }

        /** Byte offset just after the last record returned. */
        long position() {
            return position;
        }

        /** Null after a clean end, else why the valid part stops. */
        String tornReason() {
            return tornReason;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
