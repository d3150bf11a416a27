package io.jobwerk.cockpit.live;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * The live order rows: an observable list whose {@link #update} of many rows is one change for its
 * listeners. A filtered and sorted view over it, a table and the counts then react once per update
 * instead of once per row (with an ordinary list, each row set was a change of its own that the
 * sorted list, the table's skin and every ViewModel handled separately).
 */
final class OrderRowList extends ModifiableObservableListBase<OrderRow> {

    private final ArrayList<OrderRow> rows = new ArrayList<>();

    /**
     * Sets rows at their indices, removes the rows at {@code removed} (indices before the sets are
     * applied, in any order) and appends {@code added}, as one change.
     */
    void update(List<Replacement> replaced, Collection<Integer> removed, List<OrderRow> added) {
        beginChange();
        try {
            for (Replacement r : replaced) {
                set(r.index(), r.row());
            }
            removed.stream().sorted(java.util.Comparator.reverseOrder()).forEach(i -> remove((int) i));
            addAll(added);
        } finally {
            endChange();
        }
    }

    record Replacement(int index, OrderRow row) {}

    @Override
    public OrderRow get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    protected void doAdd(int index, OrderRow element) {
        rows.add(index, element);
    }

    @Override
    protected OrderRow doSet(int index, OrderRow element) {
        return rows.set(index, element);
    }

    @Override
    protected OrderRow doRemove(int index) {
        return rows.remove(index);
    }
}
