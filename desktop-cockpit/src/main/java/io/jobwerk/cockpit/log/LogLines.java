package io.jobwerk.cockpit.log;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

/**
 * An order's log as a list of lines for a virtualised view (a {@code ListView} asks only for the
 * lines it shows). The lines are kept in parallel arrays (text, kind, step), and a {@link LogLine}
 * is made only when asked for, so a 100 MB log costs its text and about 50 bytes a line. Append-only
 * but for the last line, which a live chunk without a newline leaves open for the next one to
 * continue. Changes are fired like any observable list's: use it on the UI thread.
 */
public final class LogLines extends ObservableListBase<LogLine> {

    private String[] texts = new String[1024];
    private byte[] kinds = new byte[1024];
    private int[] sectionOf = new int[1024];
    private int size;
    private boolean lastOpen; // the last line has no newline yet
    private int currentSection = -1;
    private final Map<String, Integer> sectionOfOrder = new HashMap<>();
    private final ObservableList<LogSection> sections = FXCollections.observableArrayList();
    private final ObservableList<LogSection> readOnlySections = FXCollections.unmodifiableObservableList(sections);
    private static final LineKind[] KINDS = LineKind.values();

    /** The steps in the order they started. */
    public ObservableList<LogSection> sections() {
        return readOnlySections;
    }

    @Override
    public LogLine get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        return new LogLine(index + 1, KINDS[kinds[index]], texts[index], sectionOf[index]);
    }

    @Override
    public int size() {
        return size;
    }

    /** The text of a line without making a {@link LogLine} (search). */
    public String text(int index) {
        return texts[index];
    }

    public LineKind kind(int index) {
        return KINDS[kinds[index]];
    }

    /** A view of the texts up to now for a search on another thread: those lines do not change but for an open last one. */
    public Snapshot snapshot() {
        return new Snapshot(texts, kinds, size);
    }

    public record Snapshot(String[] texts, byte[] kinds, int size) {
        public LineKind kind(int index) {
            return KINDS[kinds[index]];
        }
    }

    public void clear() {
        if (size == 0 && sections.isEmpty()) {
            return;
        }
        beginChange();
        // The removed lines are not kept; listeners get as many placeholders (a ListView needs only the count).
        nextRemove(0, java.util.Collections.nCopies(size, new LogLine(0, LineKind.STDOUT, "", -1)));
        texts = new String[1024];
        kinds = new byte[1024];
        sectionOf = new int[1024];
        size = 0;
        lastOpen = false;
        currentSection = -1;
        sectionOfOrder.clear();
        endChange();
        sections.clear();
    }

    /** Lines in the history's format ({@link LogFormat}); the text's last line counts as ended. */
    public void appendText(String text) {
        if (text.isEmpty()) {
            return;
        }
        beginChange();
        int from = size;
        lastOpen = false;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            LineKind kind = LogFormat.kindOf(line);
            add(kind == LineKind.STDERR ? line.substring(LogFormat.STDERR_MARK.length()) : line, kind, Optional.empty());
            start = end + 1;
        }
        nextAdd(from, size);
        endChange();
    }

    /**
     * A live piece of the log of {@code orderId} (a fork's child has its own id): a step line, or
     * a chunk of output that may end within a line (the next chunk of the same stream goes on with it).
     */
    public void appendLive(String orderId, LineKind kind, String chunk) {
        beginChange();
        int from = size;
        if (kind == LineKind.STEP_STARTED || kind == LineKind.STEP_ENDED) {
            lastOpen = false;
            add(chunk.endsWith("\n") ? chunk.substring(0, chunk.length() - 1) : chunk, kind, Optional.of(orderId));
        } else {
            int start = 0;
            if (lastOpen && KINDS[kinds[size - 1]] == kind && sectionOf[size - 1] == sectionFor(Optional.of(orderId))) {
                int nl = chunk.indexOf('\n');
                int end = nl < 0 ? chunk.length() : nl;
                LogLine before = get(size - 1);
                texts[size - 1] = texts[size - 1] + chunk.substring(0, end);
                nextSet(size - 1, before);
                lastOpen = nl < 0;
                start = nl < 0 ? chunk.length() : nl + 1;
            } else {
                lastOpen = false;
            }
            while (start < chunk.length()) {
                int nl = chunk.indexOf('\n', start);
                int end = nl < 0 ? chunk.length() : nl;
                add(chunk.substring(start, end), kind, Optional.of(orderId));
                lastOpen = nl < 0;
                start = end + 1;
            }
        }
        if (size > from) {
            nextAdd(from, size);
        }
        endChange();
    }

    private int sectionFor(Optional<String> orderId) {
        return orderId.map(id -> sectionOfOrder.getOrDefault(id, currentSection)).orElse(currentSection);
    }

    private void add(String text, LineKind kind, Optional<String> orderId) {
        if (size == texts.length) {
            int capacity = size * 2;
            texts = Arrays.copyOf(texts, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            sectionOf = Arrays.copyOf(sectionOf, capacity);
        }
        int section;
        if (kind == LineKind.STEP_STARTED) {
            LogSection opened = LogFormat.section(sections.size(), size, text);
            sections.add(opened);
            section = opened.index();
            currentSection = section;
            sectionOfOrder.put(orderId.orElse(opened.orderId()), section);
        } else {
            section = sectionFor(orderId);
            if (kind == LineKind.STEP_ENDED && section >= 0) {
                sections.set(section, sections.get(section).ended(LogFormat.outcome(text)));
            }
        }
        texts[size] = text;
        kinds[size] = (byte) kind.ordinal();
        sectionOf[size] = section;
        size++;
    }
}
