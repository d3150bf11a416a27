package io.jobwerk.cockpit.designer.form;

import io.jobwerk.cockpit.ui.Icons;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The lines of admission periods as controls: kind, days, begin, duration and a remove button per
 * line, and "Add period". Controls are bound both ways to the {@link PeriodRow}s; Enter in a field
 * runs {@code onEnter} (the form's apply). Control ids carry the line number ({@code period-1-begin}).
 */
final class PeriodRowsView extends VBox {

    private final AdmissionTimeViewModel viewModel;
    private final String idPrefix;
    private final Runnable onEnter;
    private final GridPane grid = new GridPane();

    PeriodRowsView(AdmissionTimeViewModel viewModel, String idPrefix, Runnable onEnter) {
        super(4);
        this.viewModel = viewModel;
        this.idPrefix = idPrefix;
        this.onEnter = onEnter;
        grid.setHgap(4);
        grid.setVgap(4);
        grid.getStyleClass().add("period-rows");
        Button add = new Button("Add period", Icons.icon("mdal-add"));
        add.setId(idPrefix + "add-period");
        add.setOnAction(e -> viewModel.addRow());
        viewModel.rows().addListener((ListChangeListener<PeriodRow>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved()) {
                    rebuild();
                    return;
                }
            }
        });
        rebuild();
        getChildren().addAll(grid, add);
    }

    private void rebuild() {
        grid.getChildren().clear();
        if (!viewModel.rows().isEmpty()) {
            grid.addRow(0, header("Kind"), header("Days"), header("Begin"), header("Duration"));
        }
        for (int i = 0; i < viewModel.rows().size(); i++) {
            PeriodRow row = viewModel.rows().get(i);
            String id = idPrefix + "period-" + (i + 1) + "-";
            ComboBox<PeriodKind> kind = new ComboBox<>();
            kind.getItems().setAll(PeriodKind.values());
            kind.valueProperty().bindBidirectional(row.kindProperty());
            kind.setId(id + "kind");
            kind.setPrefWidth(118);
            kind.setMinWidth(118);
            TextField days = field(id + "days", row.daysProperty(), 70);
            days.promptTextProperty().bind(row.kindProperty().map(PeriodKind::daysHint));
            days.disableProperty().bind(row.kindProperty().isEqualTo(PeriodKind.DAILY));
            days.setTooltip(new Tooltip("Weekdays: Mon–Fri or Mon, Wed · days of month: 1, 15 or 1–5 · before month end: 1 = last day"
                    + " · nth weekday: 2nd Thu, 1st Mon · nth last weekday: last Fri, 2nd last Mon · dates: 2026-12-24, 2026-12-31"));
            TextField begin = field(id + "begin", row.beginProperty(), 66);
            begin.setPromptText("08:00");
            TextField duration = field(id + "duration", row.durationProperty(), 60);
            duration.setPromptText("1h30m");
            Button remove = new Button(null, Icons.icon("mdal-close"));
            remove.getStyleClass().add("flat");
            remove.setId(id + "remove");
            remove.setTooltip(new Tooltip("Remove this period"));
            remove.setOnAction(e -> viewModel.rows().remove(row));
            grid.addRow(i + 1, kind, days, begin, duration, remove);
        }
    }

    private TextField field(String id, javafx.beans.property.StringProperty property, double width) {
        TextField field = new TextField();
        field.textProperty().bindBidirectional(property);
        field.setPrefColumnCount(1);
        field.setPrefWidth(width);
        field.setMinWidth(width);
        field.setId(id);
        field.setOnAction(e -> onEnter.run());
        return field;
    }

    private static Label header(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        return label;
    }
}
