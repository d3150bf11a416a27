package io.jobwerk.cockpit.connection;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.ItemOperation;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Changes items at the Controller ({@code POST …/controller/api/item}, the operations as one
 * change), e.g. a Subagent enabled or disabled; completes with the Controller's problem, never
 * exceptionally.
 */
@FunctionalInterface
public interface ItemSender {

    CompletableFuture<Checked<Boolean>> send(List<ItemOperation> operations);

    /** For a ViewModel without a Controller to change items at: each change is refused, saying so. */
    static ItemSender none() {
        return operations -> CompletableFuture.completedFuture(
                Checked.fail(io.jobwerk.engine.base.Problem.of("NoItemChanges", "This view cannot change items")));
    }
}
