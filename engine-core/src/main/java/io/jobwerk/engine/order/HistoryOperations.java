package io.jobwerk.engine.order;

import java.util.ArrayList;
import java.util.List;

/** Applies {@link HistoryOperation}s to an order's historic outcomes. */
final class HistoryOperations {
    private HistoryOperations() {}

    static List<HistoricOutcome> apply(List<HistoricOutcome> history, List<HistoryOperation> operations) {
        List<HistoricOutcome> result = new ArrayList<>(history);
        for (HistoryOperation op : operations) {
            if (op instanceof HistoryOperation.Replace r) {
                int i = lastIndexAt(result, r.position());
                if (i >= 0) {
                    result.set(i, new HistoricOutcome(r.position(), r.outcome()));
                }
            } else if (op instanceof HistoryOperation.Insert ins) {
                int i = lastIndexAt(result, ins.before());
                result.add(i >= 0 ? i : result.size(), new HistoricOutcome(ins.position(), ins.outcome()));
            } else if (op instanceof HistoryOperation.Delete d) {
                int i = lastIndexAt(result, d.position());
                if (i >= 0) {
                    result.remove(i);
                }
            } else if (op instanceof HistoryOperation.Append a) {
                result.add(new HistoricOutcome(a.position(), a.outcome()));
            }
        }
        return result;
    }

    private static int lastIndexAt(List<HistoricOutcome> history, io.jobwerk.engine.workflow.Position position) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).position().equals(position)) {
                return i;
            }
        }
        return -1;
    }
}
