package io.jobwerk.cockpit.allcontrollers;

import io.jobwerk.cockpit.live.OrderRow;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

/**
 * The order rows of several Controllers as one list: each Controller's rows one after the other,
 * no copy. A Controller's update is passed on as one change with its indices moved by the rows
 * before it, so a filtered and sorted view over this list places only the rows that changed, as
 * over one Controller's list. Lives on the UI thread, as the live models do.
 */
final class MergedRows extends ObservableListBase<OrderRow> {

    private final List<Part> parts = new ArrayList<>();

    private record Part(ControllerSource source, ListChangeListener<OrderRow> listener) {
        ObservableList<OrderRow> rows() {
            return source.live().orders();
        }
    }

    void add(ControllerSource source) {
        int offset = size();
        Part part = new Part(source, new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends OrderRow> c) {
                changed(source, c);
            }
        });
        parts.add(part);
        part.rows().addListener(part.listener());
        if (!part.rows().isEmpty()) {
            beginChange();
            nextAdd(offset, offset + part.rows().size());
            endChange();
        }
    }

    void remove(ControllerSource source) {
        int offset = 0;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part.source() == source) {
                part.rows().removeListener(part.listener());
                parts.remove(i);
                if (!part.rows().isEmpty()) {
                    beginChange();
                    nextRemove(offset, new ArrayList<>(part.rows()));
                    endChange();
                }
                return;
            }
            offset += part.rows().size();
        }
    }

    /** The Controller whose rows hold {@code index}. */
    ControllerSource sourceAt(int index) {
        int offset = 0;
        for (Part part : parts) {
            int size = part.rows().size();
            if (index < offset + size) {
                return part.source();
            }
            offset += size;
        }
        throw new IndexOutOfBoundsException(index);
    }

    private void changed(ControllerSource source, ListChangeListener.Change<? extends OrderRow> c) {
        int offset = offsetOf(source);
        beginChange();
        try {
            while (c.next()) {
                if (c.wasPermutated()) {
                    int[] permutation = new int[offset + c.getTo()];
                    for (int i = 0; i < permutation.length; i++) {
                        permutation[i] = i < offset + c.getFrom() ? i : offset + c.getPermutation(i - offset);
                    }
                    nextPermutation(offset + c.getFrom(), offset + c.getTo(), permutation);
                } else if (c.wasUpdated()) {
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        nextUpdate(offset + i);
                    }
                } else {
                    if (c.wasRemoved()) {
                        nextRemove(offset + c.getFrom(), new ArrayList<OrderRow>(c.getRemoved()));
                    }
                    if (c.wasAdded()) {
                        nextAdd(offset + c.getFrom(), offset + c.getTo());
                    }
                }
            }
        } finally {
            endChange();
        }
    }

    private int offsetOf(ControllerSource source) {
        int offset = 0;
        for (Part part : parts) {
            if (part.source() == source) {
                return offset;
            }
            offset += part.rows().size();
        }
        throw new IllegalStateException("not merged: " + source.name());
    }

    @Override
    public OrderRow get(int index) {
        int offset = 0;
        for (Part part : parts) {
            int size = part.rows().size();
            if (index < offset + size) {
                return part.rows().get(index - offset);
            }
            offset += size;
        }
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public int size() {
        int size = 0;
        for (Part part : parts) {
            size += part.rows().size();
        }
        return size;
    }
}
