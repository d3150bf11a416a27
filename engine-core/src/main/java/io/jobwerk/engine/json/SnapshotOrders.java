package io.jobwerk.engine.json;

import io.jobwerk.engine.base.ParallelRunner;
import io.jobwerk.engine.order.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orders among a checkpoint's entries decoded ahead of the fold into the state, in chunks that a
 * {@link ParallelRunner} may run at once: decoding an order needs nothing of the state (the fold checks
 * it against the workflows and the other orders), and orders are nearly all of a large checkpoint. An
 * entry that does not decode as an order is left to the fold, which decodes it again in its place and
 * so names its problem exactly as it would without this.
 */
final class SnapshotOrders {
    /** Entries per task: a few large tasks, so handing them over costs little against decoding them. */
    static final int CHUNK = 2000;

    private final Order[] decoded;

    private SnapshotOrders(Order[] decoded) {
        this.decoded = decoded;
    }

    /** The orders of the entries whose {@code kinds} say order, decoded by the tasks {@code runner} runs. */
    static SnapshotOrders decode(List<? extends Map.Entry<String, byte[]>> entries, SnapshotEntryKind[] kinds,
                                 ParallelRunner runner) {
        Order[] decoded = new Order[entries.size()];
        List<Runnable> tasks = new ArrayList<>();
        for (int from = 0; from < decoded.length; from += CHUNK) {
            int start = from;
            int end = Math.min(decoded.length, from + CHUNK);
            tasks.add(() -> {
                for (int i = start; i < end; i++) {
                    if (kinds[i] == SnapshotEntryKind.ORDER) {
                        decoded[i] = orderOrNull(entries.get(i).getValue());
                    }
                }
            });
        }
        runner.runAll(tasks); // each task writes its own slots; runAll's return makes them visible here
        return new SnapshotOrders(decoded);
    }

    /** The order decoded ahead from entry {@code index}, or null: the fold decodes that entry itself. */
    Order at(int index) {
        return decoded[index];
    }

    private static Order orderOrNull(byte[] json) {
        try {
            return EngineJson.parse(json)
                    .flatMap(tree -> JsonCursor.decode(tree,
                            c -> c.type().equals("Order") ? Optional.of(OrderJson.order(c)) : Optional.<Order>empty()))
                    .toOptional().flatMap(order -> order).orElse(null);
        } catch (RuntimeException e) {
            return null; // whatever it is, the fold meets it again in the entry's place
        }
    }
}
