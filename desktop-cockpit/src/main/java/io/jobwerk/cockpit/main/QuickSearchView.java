package io.jobwerk.cockpit.main;

import io.jobwerk.cockpit.ui.Icons;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;

/** The Ctrl+K box: type, pick a workflow or an order with the arrows and Enter (or a click); Escape closes. */
public final class QuickSearchView extends VBox {

    private final TextField query = new TextField();

    public QuickSearchView(QuickSearchViewModel viewModel, Runnable close) {
        setSpacing(6);
        getStyleClass().add("quick-search");
        setStyle("-fx-padding: 12; -fx-background-color: -color-bg-default; -fx-border-color: -color-border-default; -fx-border-radius: 8; -fx-background-radius: 8;");
        setMaxSize(560, 420);
        query.setId("quickSearch");
        query.setPromptText("Find a workflow or an order …");
        query.textProperty().bindBidirectional(viewModel.queryProperty());
        ListView<SearchHit> hits = new ListView<>(viewModel.hits());
        hits.setId("quickSearchHits");
        hits.setPlaceholder(new Label("Type part of a workflow path or an order id."));
        hits.setPrefHeight(340);
        hits.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(SearchHit hit, boolean empty) {
                super.updateItem(hit, empty);
                if (empty || hit == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(hit.name() + "    " + hit.detail());
                    setGraphic(Icons.icon(hit.kind() == SearchHit.Kind.WORKFLOW ? "mdoal-account_tree" : "mdoal-list_alt"));
                }
            }
        });
        Runnable openSelected = () -> {
            SearchHit hit = hits.getSelectionModel().getSelectedItem();
            if (hit == null && !hits.getItems().isEmpty()) {
                hit = hits.getItems().get(0);
            }
            if (hit != null) {
                close.run();
                viewModel.open(hit);
            }
        };
        query.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !hits.getItems().isEmpty()) {
                hits.requestFocus();
                hits.getSelectionModel().selectFirst();
            } else if (e.getCode() == KeyCode.ENTER) {
                openSelected.run();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close.run();
            }
        });
        hits.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openSelected.run();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                close.run();
            }
        });
        hits.setOnMouseClicked(e -> openSelected.run());
        getChildren().addAll(query, hits);
    }

    public void focus() {
        query.requestFocus();
        query.selectAll();
    }
}
