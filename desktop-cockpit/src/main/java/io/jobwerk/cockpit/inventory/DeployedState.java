package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.WorkflowJson;
import io.jobwerk.engine.state.EngineState;
import java.util.Optional;

/**
 * An item of the workspace compared with what a Controller holds: not deployed there, deployed as it
 * is (the draft and the Controller's item encode to the same JSON, workflows without their version
 * id), or deployed but changed since (the draft differs). Pure.
 */
public enum DeployedState {
    NOT_DEPLOYED("new", "not on the Controller"),
    DEPLOYED("deployed", "as on the Controller"),
    CHANGED("changed", "draft differs from the Controller's");

    private final String label;
    private final String description;

    DeployedState(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public static DeployedState of(ItemFileJson.Decoded draft, EngineState controller) {
        return deployedJson(draft, controller)
                .map(deployed -> deployed.equals(draftJson(draft)) ? DEPLOYED : CHANGED)
                .orElse(NOT_DEPLOYED);
    }

    /** The draft as the engine encodes it (a workflow without its version id): what the diff shows. */
    public static ObjectNode draftJson(ItemFileJson.Decoded draft) {
        return canonical(ItemJson.encode(draft.deployable()));
    }

    /** The Controller's item of the draft's type and name, encoded alike; empty when it has none. */
    public static Optional<ObjectNode> deployedJson(ItemFileJson.Decoded draft, EngineState controller) {
        if (draft.deployable() instanceof ItemOperation.Deployable.UnsignedWorkflow w) {
            var deployed = controller.currentWorkflow(w.workflow().path());
            return deployed.isOk() ? Optional.of(canonical(WorkflowJson.encodeItem(deployed.orThrow()))) : Optional.empty();
        }
        Item item = ((ItemOperation.Deployable.SimpleItem) draft.deployable()).item();
        return controller.item(item.key()).map(i -> canonical(ItemJson.encode(i)));
    }

    /** The operation that removes the draft's item from a Controller. */
    static ItemOperation revocation(ItemFileJson.Decoded draft) {
        if (draft.deployable() instanceof ItemOperation.Deployable.UnsignedWorkflow w) {
            return new ItemOperation.RemoveVersioned(w.workflow().path());
        }
        return new ItemOperation.DeleteSimple(((ItemOperation.Deployable.SimpleItem) draft.deployable()).item().key());
    }

    private static ObjectNode canonical(ObjectNode json) {
        ObjectNode copy = json.deepCopy();
        copy.remove("versionId");
        return copy;
    }
}
