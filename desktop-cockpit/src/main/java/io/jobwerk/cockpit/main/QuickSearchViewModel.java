package io.jobwerk.cockpit.main;

import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.WorkflowRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Ctrl+K: finds workflows and orders whose name contains the query (workflows first), and opens the chosen one. */
public final class QuickSearchViewModel {

    static final int MAX_HITS = 50;

    private final LiveModel live;
    private final Navigator navigator;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<SearchHit> hits = FXCollections.observableArrayList();

    public QuickSearchViewModel(LiveModel live, Navigator navigator) {
        this.live = live;
        this.navigator = navigator;
        query.addListener((o, a, b) -> search());
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<SearchHit> hits() {
        return FXCollections.unmodifiableObservableList(hits);
    }

    public void open(SearchHit hit) {
        switch (hit.kind()) {
            case WORKFLOW -> navigator.showWorkflow(hit.name());
            case ORDER -> navigator.showOrder(hit.name());
        }
    }

    private void search() {
        String q = query.get() == null ? "" : query.get().trim().toLowerCase(Locale.ROOT);
        List<SearchHit> found = new ArrayList<>();
        if (!q.isEmpty()) {
            for (WorkflowRow w : live.workflows()) {
                if (found.size() < MAX_HITS && w.path().toLowerCase(Locale.ROOT).contains(q)) {
                    found.add(new SearchHit(SearchHit.Kind.WORKFLOW, w.path(), "workflow · " + w.total() + " orders"));
                }
            }
            live.orders().stream().filter(o -> o.orderId().toLowerCase(Locale.ROOT).contains(q))
                    .sorted(java.util.Comparator.comparing(OrderRow::orderId))
                    .limit(Math.max(0, MAX_HITS - found.size()))
                    .forEach(o -> found.add(new SearchHit(SearchHit.Kind.ORDER, o.orderId(),
                            "order · " + o.group().label() + " · " + o.workflowPath())));
        }
        hits.setAll(found);
    }
}
