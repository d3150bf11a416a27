package io.jobwerk.cockpit.log;

import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.ui.Icons;
import java.io.File;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;

/**
 * The log viewer: a virtualised list of lines (a {@code ListView} with fixed-height cells, so only
 * the visible lines are laid out however long the log is), stdout and stderr in their colours, the
 * step lines as headings, the steps listed on the right to jump to, a search that highlights the
 * term, follow mode, copy (Ctrl+C) of selected lines and download.
 */
public final class LogView extends VBox {

    private static final double LINE_HEIGHT = 18;

    private final LogViewModel viewModel;
    private final ListView<LogLine> list;
    private final TextField searchField = new TextField();

    public LogView(LogViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("page");

        Label title = new Label();
        title.getStyleClass().add("page-title");
        title.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.orderIdProperty().get().isEmpty() ? "Log" : "Log of " + viewModel.orderIdProperty().get(), viewModel.orderIdProperty()));
        Label status = new Label();
        status.setId("logStatus");
        status.getStyleClass().add("muted");
        status.textProperty().bind(viewModel.statusProperty());
        HBox head = new HBox(12, title, status);
        head.setAlignment(Pos.BASELINE_LEFT);

        searchField.setId("logSearch");
        searchField.setPromptText("Search the log  (" + KeyBinding.FOCUS_FILTER.displayText() + ", Enter: next, Shift+Enter: previous)");
        searchField.setPrefWidth(420);
        searchField.textProperty().addListener((o, a, b) -> viewModel.search(b));
        searchField.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (e.isShiftDown()) {
                    viewModel.previousMatch();
                } else {
                    viewModel.nextMatch();
                }
                e.consume();
            }
        });
        Label matches = new Label();
        matches.setId("logMatches");
        matches.getStyleClass().add("muted");
        matches.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> viewModel.searchProperty().get().describe(), viewModel.searchProperty()));
        Button previous = iconButton("mdal-keyboard_arrow_up", "Previous match (" + KeyBinding.LOG_PREVIOUS_MATCH.displayText() + ")", viewModel::previousMatch);
        Button next = iconButton("mdal-keyboard_arrow_down", "Next match (" + KeyBinding.LOG_NEXT_MATCH.displayText() + ")", viewModel::nextMatch);
        ToggleButton follow = new ToggleButton("Follow", Icons.icon("mdoal-arrow_downward"));
        follow.setId("logFollow");
        follow.setTooltip(new Tooltip("Keep the newest line in view; scrolling up pauses it (" + KeyBinding.LOG_FOLLOW.displayText() + ")"));
        follow.selectedProperty().bindBidirectional(viewModel.followProperty());
        Button save = new Button("Download …", Icons.icon("mdomz-save_alt"));
        save.setId("logDownload");
        save.setTooltip(new Tooltip("Save the log to a file (" + KeyBinding.LOG_SAVE.displayText() + ")"));
        save.disableProperty().bind(viewModel.orderIdProperty().isEmpty());
        save.setOnAction(e -> download());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(8, searchField, previous, next, matches, spacer, follow, save);
        tools.getStyleClass().add("toolbar-row");

        list = new ListView<>(viewModel.lines());
        list.setId("logLines");
        list.getStyleClass().add("log-lines");
        list.setFixedCellSize(LINE_HEIGHT);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new LineCell());
        Label empty = new Label();
        empty.getStyleClass().add("empty");
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> viewModel.loadingProperty().get() ? "Reading the log …" : viewModel.orderIdProperty().get().isEmpty()
                        ? "No log open. Select an order (Orders, History) and press Log (" + KeyBinding.OPEN_LOG.displayText() + ")."
                        : "No output yet: the order has not run a job.", viewModel.loadingProperty(), viewModel.orderIdProperty()));
        list.setPlaceholder(empty);
        installScrollWatch();
        viewModel.scrollRequestProperty().addListener((o, a, request) -> {
            if (request.line() >= 0 && request.line() < list.getItems().size()) {
                scrollIntoView(request.line());
            }
        });
        viewModel.searchProperty().addListener((o, a, b) -> list.refresh());

        ListView<LogSection> sections = new ListView<>(viewModel.sections());
        sections.setId("logSections");
        sections.getStyleClass().add("log-sections");
        sections.setPlaceholder(new Label("No steps yet"));
        sections.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LogSection s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setText(null);
                    setGraphic(null);
                    setTooltip(null);
                } else {
                    String main = viewModel.orderIdProperty().get();
                    String child = s.orderId().startsWith(main + "|") ? s.orderId().substring(main.length()) + " " : "";
                    setText(s.job() + " · " + s.outcome().orElse("running") + "\n" + child + "at " + s.position());
                    setGraphic(Icons.icon(s.outcome().isEmpty() ? "mdmz-play_circle_outline" : s.failed() ? "mdoal-error_outline" : "mdoal-check_circle",
                            s.outcome().isEmpty() ? "state-running" : s.failed() ? "state-failed" : "state-finished"));
                    setTooltip(new Tooltip(s.title() + "\nstarted " + s.startedAt() + s.agent().map(a -> ", Agent " + a).orElse("")));
                }
            }
        });
        sections.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                viewModel.showSection(s);
            }
        });
        Label stepsTitle = new Label("Steps");
        stepsTitle.getStyleClass().add("section-title");
        VBox side = new VBox(6, stepsTitle, sections);
        VBox.setVgrow(sections, Priority.ALWAYS);
        side.setMinWidth(260);

        SplitPane split = new SplitPane(list, side);
        split.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(side, false);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(head, tools, split);

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (KeyBinding.FOCUS_FILTER.combination().match(e)) {
                searchField.requestFocus();
                searchField.selectAll();
            } else if (KeyBinding.LOG_NEXT_MATCH.combination().match(e)) {
                viewModel.nextMatch();
            } else if (KeyBinding.LOG_PREVIOUS_MATCH.combination().match(e)) {
                viewModel.previousMatch();
            } else if (KeyBinding.LOG_FOLLOW.combination().match(e)) {
                viewModel.followProperty().set(!viewModel.followProperty().get());
            } else if (KeyBinding.LOG_SAVE.combination().match(e)) {
                download();
            } else if (COPY.match(e) && e.getTarget() == list) {
                copySelection();
            } else {
                return;
            }
            e.consume();
        });
    }

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    /** Searches as if typed (tests, and the quick search handing a term over). */
    public void search(String term) {
        searchField.setText(term);
    }

    private void copySelection() {
        String text = list.getSelectionModel().getSelectedItems().stream().map(LogLine::asLogText).collect(Collectors.joining("\n"));
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void download() {
        if (viewModel.orderIdProperty().get().isEmpty()) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the log of " + viewModel.orderIdProperty().get());
        chooser.setInitialFileName(viewModel.suggestedFileName());
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            viewModel.save(file.toPath());
        }
    }

    /** Only the operator's own scrolling (wheel, keys, the scroll bar) may pause or resume following. */
    private void installScrollWatch() {
        Runnable check = () -> Platform.runLater(() -> viewModel.userScrolled(lastLineVisible()));
        list.addEventFilter(ScrollEvent.SCROLL, e -> check.run());
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> check.run());
        list.addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> check.run());
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END -> check.run();
                default -> { }
            }
        });
    }

    private boolean lastLineVisible() {
        VirtualFlow<?> flow = flow();
        if (flow == null || list.getItems().isEmpty()) {
            return true;
        }
        var last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= list.getItems().size() - 1;
    }

    private VirtualFlow<?> flow() {
        return list.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    }

    private void scrollIntoView(int line) {
        VirtualFlow<?> flow = flow();
        if (flow != null) {
            if (line == list.getItems().size() - 1) {
                flow.scrollTo(line); // to the very end: the last line at the bottom
            } else {
                int visible = (int) Math.max(1, list.getHeight() / LINE_HEIGHT);
                list.scrollTo(Math.max(0, line - visible / 3)); // a match or a step a third down, with its context above
            }
        } else {
            list.scrollTo(line);
        }
        if (!viewModel.followProperty().get()) {
            list.getSelectionModel().clearAndSelect(line);
        }
    }

    private static Button iconButton(String icon, String tooltip, Runnable action) {
        Button b = new Button(null, Icons.icon(icon));
        b.setTooltip(new Tooltip(tooltip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A line: its number, then its text, the search term highlighted. */
    private final class LineCell extends ListCell<LogLine> {
        private final Label number = new Label();
        private final TextFlow flow = new TextFlow();
        private final HBox box = new HBox(number, flow);

        LineCell() {
            number.getStyleClass().add("line-number");
            box.setAlignment(Pos.CENTER_LEFT);
            setText(null);
        }

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("log-stdout", "log-stderr", "log-step", "log-step-end", "step-failed", "current-match");
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            getStyleClass().add(line.kind().styleClass());
            if (line.kind() == LineKind.STEP_ENDED && !line.text().contains("ended: Succeeded")) {
                getStyleClass().add("step-failed");
            }
            LogViewModel.SearchResult search = viewModel.searchProperty().get();
            if (search.current() >= 0 && search.lines()[search.current()] == line.number() - 1) {
                getStyleClass().add("current-match");
            }
            number.setText(Integer.toString(line.number()));
            flow.getChildren().setAll(segments(line.text(), search.term()));
            setGraphic(box);
        }

        private java.util.List<javafx.scene.Node> segments(String text, String term) {
            String shown = text.length() > 2000 ? text.substring(0, 2000) + " …" : text; // a cell lays out what fits; the download has it all
            int[] at = LogSearch.occurrences(shown, term);
            java.util.List<javafx.scene.Node> nodes = new java.util.ArrayList<>();
            int from = 0;
            for (int start : at) {
                if (start > from) {
                    nodes.add(text(shown.substring(from, start)));
                }
                Label hit = new Label(shown.substring(start, start + term.length()));
                hit.getStyleClass().add("highlight"); // a Label: it has a background and sits on the line's baseline
                nodes.add(hit);
                from = start + term.length();
            }
            if (from < shown.length() || nodes.isEmpty()) {
                nodes.add(text(shown.substring(from)));
            }
            return nodes;
        }

        private Text text(String s) {
            Text t = new Text(s);
            t.getStyleClass().add("line-text");
            return t;
        }
    }
}
