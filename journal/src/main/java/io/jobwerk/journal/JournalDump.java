package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line inspector: prints the events of a journal directory as NDJSON, one payload per
 * line, oldest first ({@code jobwerk journal dump DIR [--after EVENTID]}). Needs no codec: event
 * payloads are JSON already. Only whole transactions are printed, as recovery would see them;
 * segment headers and a torn tail are reported on stderr. Read-only.
 *
 * <p>Exit codes: 0 done (also after a torn tail), 1 unreadable journal, 2 usage.
 */
public final class JournalDump {
    private JournalDump() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the dump with {@code args} = {@code DIR [--after EVENTID]}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--after"))) {
            err.println("usage: JournalDump DIR [--after EVENTID]");
            return 2;
        }
        long after = args.length == 3 ? Long.parseLong(args[2]) : -1;
        try {
            return dump(Path.of(args[0]), after, out, err);
        } catch (IOException e) {
            err.println("Journal " + args[0] + " cannot be read: " + e);
            return 1;
        }
    }

    static int dump(Path dir, long after, OutputStream out, PrintStream err) throws IOException {
        if (!Files.isDirectory(dir)) {
            err.println("Journal directory " + dir + " does not exist");
            return 1;
        }
        List<Segment> segments = Segment.list(dir);
        OutputStream o = new BufferedOutputStream(out, 1 << 16);
        for (Segment seg : segments) {
            try (LogFormat.Reader reader = new LogFormat.Reader(seg.path())) {
                Checked<JournalHeader> header = reader.readHeader();
                if (header.isFail()) {
                    o.flush();
                    err.println(header.problemOption().orElseThrow().message());
                    return 1;
                }
                err.println(seg.path().getFileName() + ": " + new String(header.orThrow().toJson(), StandardCharsets.UTF_8));
                List<LogRecord> transaction = new ArrayList<>();
                for (LogRecord rec = reader.next(); rec != null; rec = reader.next()) {
                    transaction.add(rec);
                    if (!rec.continues()) {
                        for (LogRecord r : transaction) {
                            if (r.eventId() > after) {
                                o.write(r.payload());
                                o.write('\n');
                            }
                        }
                        transaction.clear();
                    }
                }
                if (reader.tornReason() != null || !transaction.isEmpty()) {
                    o.flush();
                    err.println(seg.path() + ": torn tail after byte " + reader.position() + " ("
                            + (reader.tornReason() != null ? reader.tornReason() : "transaction not completed")
                            + "), not printed; recovery truncates it");
                }
            }
        }
        o.flush();
        return 0;
    }
}
