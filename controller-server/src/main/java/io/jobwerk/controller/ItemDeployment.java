package io.jobwerk.controller;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.runtime.signature.SignatureVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Deploys item operations, all or nothing: signed workflows are verified with the Controller's
 * trusted keys, and with signatures required an unsigned workflow is refused.
 */
final class ItemDeployment {

    private final EngineKeeper keeper;
    private final SignatureVerifier signatures;

    ItemDeployment(EngineKeeper keeper, SignatureVerifier signatures) {
        this.keeper = keeper;
        this.signatures = signatures;
    }

    Checked<Boolean> deploy(List<ItemOperation> operations) {
        Optional<Problem> unsigned = unsignedRefused(operations);
        if (unsigned.isPresent()) {
            return Checked.fail(unsigned.get());
        }
        try {
            return keeper.transact(state -> ItemOperationExecutor.execute(state, operations,
                            signed -> signatures.verify(signed).flatMap(ItemJson::decodeSignedWorkflow))
                    .map(events -> Decision.of(events, Boolean.TRUE)))
                    .get(ControllerCommandExecutor.COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return Checked.fail(Problem.of("ServiceUnavailable", "Deployment did not complete: " + e));
        }
    }

    /** With signatures required, an unsigned workflow is refused, naming it and its place in the request. */
    private Optional<Problem> unsignedRefused(List<ItemOperation> operations) {
        if (signatures.acceptsUnsigned()) {
            return Optional.empty();
        }
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) instanceof ItemOperation.AddOrChangeSimple simple
                    && simple.deployable() instanceof ItemOperation.Deployable.UnsignedWorkflow workflow) {
                return Optional.of(Problem.of("UnsignedItemRefused", "Workflow " + workflow.workflow().id().path()
                        + " (operation " + (i + 1) + ") is not signed: this Controller accepts only workflows signed by a trusted key",
                        Map.of("operation", Integer.toString(i + 1))));
            }
        }
        return Optional.empty();
    }
}
