package io.jobwerk.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record on stderr: time, level, logger, message (and the trace of a throwable). */
final class Logging {
    private Logging() {}

    // JUL holds loggers weakly: without these references the levels below are lost at the next GC.
    private static final Logger[] QUIET = {Logger.getLogger("org.xnio"), Logger.getLogger("io.undertow"), Logger.getLogger("org.jboss")};

    static void configure() {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String name = r.getLoggerName() == null ? "" : r.getLoggerName().substring(r.getLoggerName().lastIndexOf('.') + 1);
                StringBuilder sb = new StringBuilder().append(r.getInstant()).append(' ').append(r.getLevel()).append(' ')
                        .append(name).append(": ").append(formatMessage(r)).append('\n');
                if (r.getThrown() != null) {
                    var w = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                    sb.append(w);
                }
                return sb.toString();
            }
        });
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        for (Logger l : QUIET) {
            l.setLevel(Level.WARNING);
        }
    }
}
