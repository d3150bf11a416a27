package io.jobwerk.cockpit.designer.form;

import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The admission-time form: the period lines, "skip if not admitted on the order's day" (where the
 * owner has that field), the summary or the problem, and Apply (also Enter in a field), which hands
 * a valid form to {@code onApply}; an invalid one is not applied.
 */
public final class AdmissionTimeView extends VBox {

    public AdmissionTimeView(AdmissionTimeViewModel viewModel, boolean withSkip, Consumer<AdmissionTimeViewModel> onApply) {
        super(4);
        setId("admission-times");
        getStyleClass().add("time-form");
        Runnable apply = () -> {
            if (viewModel.scheme().isOk()) {
                onApply.accept(viewModel);
            }
        };
        getChildren().add(new PeriodRowsView(viewModel, "", apply));
        if (withSkip) {
            CheckBox skip = new CheckBox("Skip if not admitted on the order's day");
            skip.setId("admission-skip");
            skip.selectedProperty().bindBidirectional(viewModel.skipIfNoAdmissionForOrderDayProperty());
            getChildren().add(skip);
        }
        Label summary = new Label();
        summary.setId("admission-summary");
        summary.getStyleClass().add("form-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(viewModel.summaryProperty());
        Label problem = new Label();
        problem.setId("admission-problem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Button applyButton = new Button("Apply admission times");
        applyButton.setId("admission-apply");
        applyButton.disableProperty().bind(viewModel.problemProperty().isNotEmpty());
        applyButton.setOnAction(e -> apply.run());
        getChildren().addAll(summary, problem, new HBox(6, applyButton));
    }
}
