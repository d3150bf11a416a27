package io.jobwerk.cockpit.designer.form;

import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.engine.time.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Cycle schedule form: per scheme its admission periods and its repeat (the chosen kind's fields
 * only), the problem or a preview of the next starts for an order entering now (read from
 * {@code now}, in {@code zone}), and Apply, which hands a valid schedule to {@code onApply}.
 */
public final class CycleScheduleView extends VBox {
    private static final int PREVIEW_COUNT = 5;
    private static final DateTimeFormatter PREVIEW_TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss", java.util.Locale.ENGLISH);

    private final CycleScheduleViewModel viewModel;
    private final VBox schemes = new VBox(8);
    private final Label preview = new Label();
    private final Supplier<Instant> now;
    private final ZoneId zone;
    private final boolean onlyOnePeriod;
    private final Runnable apply;

    public CycleScheduleView(CycleScheduleViewModel viewModel, Supplier<Instant> now, ZoneId zone, boolean onlyOnePeriod,
                             Consumer<Schedule> onApply) {
        super(6);
        this.viewModel = viewModel;
        this.now = now;
        this.zone = zone;
        this.onlyOnePeriod = onlyOnePeriod;
        setId("cycle-schedule");
        getStyleClass().add("time-form");
        apply = () -> viewModel.schedule().toOptional().ifPresent(onApply);
        Button add = new Button("Add scheme", Icons.icon("mdal-add"));
        add.setId("add-scheme");
        add.setOnAction(e -> viewModel.addScheme());
        viewModel.schemes().addListener((ListChangeListener<CycleSchemeForm>) c -> {
            rebuild();
            check();
        });
        preview.setId("cycle-preview");
        preview.getStyleClass().add("form-summary");
        preview.setWrapText(true);
        Label problem = new Label();
        problem.setId("cycle-problem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Button applyButton = new Button("Apply schedule");
        applyButton.setId("cycle-apply");
        applyButton.disableProperty().bind(viewModel.problemProperty().isNotEmpty());
        applyButton.setOnAction(e -> apply.run());
        rebuild();
        check();
        getChildren().addAll(schemes, add, problem, preview, new HBox(6, applyButton));
    }

    private void rebuild() {
        schemes.getChildren().clear();
        for (int i = 0; i < viewModel.schemes().size(); i++) {
            schemes.getChildren().add(schemeBox(viewModel.schemes().get(i), i + 1));
        }
    }

    private VBox schemeBox(CycleSchemeForm scheme, int number) {
        String id = "scheme-" + number + "-";
        Label title = new Label("Scheme " + number + ": admitted");
        title.getStyleClass().add("field-label");
        Button remove = new Button(null, Icons.icon("mdal-close"));
        remove.setId(id + "remove");
        remove.setOnAction(e -> viewModel.schemes().remove(scheme));
        ComboBox<RepeatKind> repeat = new ComboBox<>();
        repeat.getItems().setAll(RepeatKind.values());
        repeat.valueProperty().bindBidirectional(scheme.repeatProperty());
        repeat.setId(id + "repeat");
        GridPane fields = new GridPane();
        fields.setHgap(6);
        fields.setVgap(4);
        Runnable showFields = () -> {
            fields.getChildren().clear();
            switch (scheme.repeatProperty().get()) {
                case PERIODIC -> {
                    fields.addRow(0, new Label("Every"), field(id + "period", scheme.periodProperty(), "1h"));
                    fields.addRow(1, new Label("At offsets"), field(id + "offsets", scheme.offsetsProperty(), "0m, 30m"));
                }
                case TICKING -> fields.addRow(0, new Label("Every"), field(id + "interval", scheme.intervalProperty(), "15m"));
                case CONTINUOUS -> {
                    fields.addRow(0, new Label("Pause"), field(id + "pause", scheme.pauseProperty(), "0s"));
                    fields.addRow(1, new Label("At most"), field(id + "limit", scheme.limitProperty(), "no limit"));
                }
            }
        };
        scheme.repeatProperty().addListener((o, a, b) -> showFields.run());
        showFields.run();
        for (Observable o : List.<Observable>of(scheme.repeatProperty(), scheme.periodProperty(), scheme.offsetsProperty(),
                scheme.intervalProperty(), scheme.pauseProperty(), scheme.limitProperty(), scheme.admission().rows())) {
            o.addListener(x -> check());
        }
        VBox box = new VBox(4, new HBox(6, title, remove), new PeriodRowsView(scheme.admission(), id, apply), new HBox(6, new Label("Repeat"), repeat), fields);
        box.getStyleClass().add("cycle-scheme");
        return box;
    }

    private TextField field(String id, javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(property);
        field.setPromptText(prompt);
        field.setPrefColumnCount(10);
        field.setId(id);
        field.setOnAction(e -> apply.run());
        return field;
    }

    private void check() {
        preview.setText(viewModel.schedule().toOptional().map(this::previewText).orElse(""));
    }

    private String previewText(Schedule schedule) {
        List<Instant> starts = CycleScheduleViewModel.preview(schedule, now.get(), zone, onlyOnePeriod, PREVIEW_COUNT);
        if (starts.isEmpty()) {
            return "An order entering now would not cycle: no admission period ahead.";
        }
        StringBuilder b = new StringBuilder("An order entering now (" + zone.getId() + ") would start cycles at:");
        starts.forEach(s -> b.append("\n  ").append(PREVIEW_TIME.format(s.atZone(zone))));
        if (starts.size() < PREVIEW_COUNT) {
            b.append("\nthen the Cycle ends.");
        }
        return b.toString();
    }
}
