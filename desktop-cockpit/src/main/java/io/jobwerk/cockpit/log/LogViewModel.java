package io.jobwerk.cockpit.log;

import io.jobwerk.cockpit.connection.OrderOutput;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

/**
 * The log of one order (with its fork children), read from the history and then followed live:
 * what the history held up to its event is shown first, then every step line and output chunk of
 * a later event, so no line is lost or doubled. Follow mode keeps the last line in view and pauses
 * when the operator scrolls up ({@link #userScrolled}); the search finds lines off the UI thread
 * and highlights the term; {@link #save} writes the log to a file in the history's format.
 */
public final class LogViewModel {

    /** Asks the view to bring a line into view; {@code seq} makes two requests for the same line differ. */
    public record ScrollRequest(int line, long seq) {}

    /** The lines holding the search term, ascending, and which of them is the current one (-1: none yet). */
    public record SearchResult(String term, int[] lines, int current) {
        public static final SearchResult NONE = new SearchResult("", new int[0], -1);

        public String describe() {
            if (term.isEmpty()) {
                return "";
            }
            return lines.length == 0 ? "no match" : (current < 0 ? "" : (current + 1) + " of ") + lines.length + (lines.length == 1 ? " line" : " lines");
        }
    }

    private final LiveModel live;
    private final LogSource source;
    private final UiThread ui;
    private final Executor background;
    private final LogLines lines = new LogLines();
    private final ReadOnlyStringWrapper orderId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No log open: choose an order (Orders, History) and press Log.");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<ScrollRequest> scrollRequest = new ReadOnlyObjectWrapper<>(new ScrollRequest(-1, 0));
    private final ReadOnlyObjectWrapper<SearchResult> search = new ReadOnlyObjectWrapper<>(SearchResult.NONE);
    private final List<OrderOutput> pending = new ArrayList<>();
    private long generation;
    private long afterEventId = Long.MAX_VALUE; // live output of events after this one is appended
    private Optional<String> focusPosition = Optional.empty();
    private long searchGeneration;

    public LogViewModel(LiveModel live, LogSource source, UiThread ui, Executor background) {
        this.live = live;
        this.source = source;
        this.ui = ui;
        this.background = background;
        live.addOutputListener(this::onOutput);
        follow.addListener((o, was, now) -> {
            if (now) {
                scrollToEnd();
            }
        });
    }

    public ObservableList<LogLine> lines() {
        return lines;
    }

    public ObservableList<LogSection> sections() {
        return lines.sections();
    }

    public ReadOnlyStringProperty orderIdProperty() {
        return orderId.getReadOnlyProperty();
    }

    /** e.g. {@code 1,234 lines · live} or why the log could not be read. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Keep the last line in view; the operator turns it off and on (also by scrolling). */
    public BooleanProperty followProperty() {
        return follow;
    }

    public ReadOnlyObjectProperty<ScrollRequest> scrollRequestProperty() {
        return scrollRequest.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SearchResult> searchProperty() {
        return search.getReadOnlyProperty();
    }

    /** Opens the log of an order: the history's part now, live output as it comes. */
    public void open(String id) {
        open(id, Optional.empty());
    }

    /** Opens the log of a task: its order's log, scrolled to the step at {@code position} (e.g. {@code [1,"fork+a",0]}) of {@code taskOrderId}. */
    public void openTask(String mainOrderId, String taskOrderId, String position) {
        open(mainOrderId, Optional.of(taskOrderId + " " + position));
    }

    private void open(String id, Optional<String> focus) {
        long gen = ++generation;
        orderId.set(id);
        focusPosition = focus;
        lines.clear();
        pending.clear();
        afterEventId = Long.MAX_VALUE;
        search.set(new SearchResult(search.get().term(), new int[0], -1));
        follow.set(focus.isEmpty());
        loading.set(true);
        status.set("Reading the log of " + id + " from the history …");
        source.read(id).thenAccept(answer -> ui.execute(() -> {
            if (gen == generation) {
                loaded(id, answer);
            }
        }));
    }

    private void loaded(String id, Checked<LogSource.HistoryLog> answer) {
        loading.set(false);
        if (answer.isFail()) {
            Problem problem = answer.problemOption().orElseThrow();
            afterEventId = 0; // follow what comes live anyway
            pending.forEach(this::append);
            pending.clear();
            status.set(problem.code().equals("UnknownOrder")
                    ? "The history holds no order " + id + " (yet): showing its live output only."
                    : "The log of " + id + " cannot be read: " + problem.message());
            describe();
            return;
        }
        LogSource.HistoryLog log = answer.orThrow();
        lines.appendText(log.text());
        afterEventId = log.eventId();
        pending.forEach(this::append);
        pending.clear();
        describe();
        searchAgain();
        focusPosition.ifPresentOrElse(this::scrollToSection, this::scrollToEnd);
    }

    private void scrollToSection(String orderAndPosition) {
        for (LogSection s : lines.sections()) {
            if ((s.orderId() + " " + s.position()).equals(orderAndPosition)) {
                request(s.firstLine());
                return;
            }
        }
    }

    /** Jumps to a step's first line (the steps list). */
    public void showSection(LogSection section) {
        follow.set(false);
        request(section.firstLine());
    }

    private void onOutput(List<OrderOutput> outputs) {
        String id = orderId.get();
        if (id.isEmpty()) {
            return;
        }
        int before = lines.size();
        for (OrderOutput out : outputs) {
            String of = out.orderId().string();
            if (of.equals(id) || of.startsWith(id + "|")) {
                if (loading.get()) {
                    pending.add(out);
                } else {
                    append(out);
                }
            }
        }
        if (lines.size() != before || !loading.get()) {
            extendSearch(before);
            describe();
            if (follow.get() && lines.size() != before) {
                scrollToEnd();
            }
        }
    }

    private void append(OrderOutput out) {
        if (out.eventId() <= afterEventId) {
            return; // the history's text holds it
        }
        LineKind kind = switch (out.kind()) {
            case STDOUT -> LineKind.STDOUT;
            case STDERR -> LineKind.STDERR;
            case STEP_STARTED -> LineKind.STEP_STARTED;
            case STEP_ENDED -> LineKind.STEP_ENDED;
        };
        lines.appendLive(out.orderId().string(), kind, out.chunk());
    }

    private void describe() {
        String id = orderId.get();
        String state = live.row(id).map(r -> r.group() == StateGroup.FINISHED || r.group() == StateGroup.FAILED ? r.state() : "live").orElse("ended");
        status.set(String.format("%,d %s · %d %s · %s", lines.size(), lines.size() == 1 ? "line" : "lines",
                lines.sections().size(), lines.sections().size() == 1 ? "step" : "steps", state));
    }

    /** The operator scrolled: following goes on only while the last line is in view. */
    public void userScrolled(boolean lastLineVisible) {
        follow.set(lastLineVisible);
    }

    private void scrollToEnd() {
        if (lines.size() > 0) {
            request(lines.size() - 1);
        }
    }

    private void request(int line) {
        scrollRequest.set(new ScrollRequest(line, scrollRequest.get().seq() + 1));
    }

    /** Searches the log for {@code term} (ignoring case); an empty term clears the search. */
    public void search(String term) {
        long gen = ++searchGeneration;
        if (term.isEmpty()) {
            search.set(SearchResult.NONE);
            return;
        }
        LogLines.Snapshot snapshot = lines.snapshot();
        long logGeneration = generation;
        CompletableFuture.supplyAsync(() -> LogSearch.find(snapshot, term, 0), background).thenAccept(found -> ui.execute(() -> {
            if (gen == searchGeneration && logGeneration == generation) {
                search.set(new SearchResult(term, found, -1));
                extendSearch(snapshot.size());
                if (search.get().lines().length > 0) {
                    nextMatch();
                }
            }
        }));
    }

    private void searchAgain() {
        if (!search.get().term().isEmpty()) {
            search(search.get().term());
        }
    }

    private void extendSearch(int from) {
        SearchResult s = search.get();
        if (s.term().isEmpty() || from >= lines.size()) {
            return;
        }
        int[] more = LogSearch.find(lines.snapshot(), s.term(), from);
        if (more.length > 0) {
            int[] all = Arrays.copyOf(s.lines(), s.lines().length + more.length);
            System.arraycopy(more, 0, all, s.lines().length, more.length);
            search.set(new SearchResult(s.term(), all, s.current()));
        }
    }

    public void nextMatch() {
        moveMatch(1);
    }

    public void previousMatch() {
        moveMatch(-1);
    }

    private void moveMatch(int step) {
        SearchResult s = search.get();
        if (s.lines().length == 0) {
            return;
        }
        int next = s.current() < 0 ? (step > 0 ? 0 : s.lines().length - 1) : Math.floorMod(s.current() + step, s.lines().length);
        search.set(new SearchResult(s.term(), s.lines(), next));
        follow.set(false);
        request(s.lines()[next]);
    }

    /** Writes the log as the history gives it (stderr lines marked) to {@code file}; completes on the UI thread's side with the file or the problem. */
    public CompletableFuture<Checked<Path>> save(Path file) {
        LogLines.Snapshot snapshot = lines.snapshot();
        CompletableFuture<Checked<Path>> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> write(snapshot, file), background).thenAccept(result -> ui.execute(() -> {
            status.set(result.isOk() ? String.format("Saved %,d lines to %s", snapshot.size(), file)
                    : "Not saved: " + result.problemOption().orElseThrow().message());
            done.complete(result);
        }));
        return done;
    }

    private static Checked<Path> write(LogLines.Snapshot snapshot, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < snapshot.size(); i++) {
                if (snapshot.kind(i) == LineKind.STDERR) {
                    out.write(LogFormat.STDERR_MARK);
                }
                out.write(snapshot.texts()[i]);
                out.write('\n');
            }
            return Checked.ok(file);
        } catch (IOException e) {
            return Checked.fail(Problem.of("LogNotSaved", file + ": " + e.getMessage()));
        }
    }

    /** The name a download of this log is offered under, e.g. {@code etl-2026-12-07-1.log}. */
    public String suggestedFileName() {
        return orderId.get().replaceAll("[^A-Za-z0-9._-]", "_") + ".log";
    }
}
