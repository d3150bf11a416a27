package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.runtime.signature.DeploymentSigner;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends items of the workspace to a Controller ({@code POST /controller/api/item}, one deployment: an
 * {@code AddVersion} under a fresh version id and one operation per item, workflows signed when a key is
 * given, as {@code jobwerk deploy --sign-with}), removes them again (revoke: {@code RemoveVersioned} for a
 * workflow, {@code DeleteSimple} for other items) and reads what a Controller holds (its snapshot,
 * rebuilt into an {@link EngineState} by the core). Blocking: call it off the UI thread. The Controller
 * decides all or nothing; its problem comes back as it is.
 */
public final class Deployer {
    private Deployer() {}

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A version id from the clock, as {@code jobwerk deploy} makes them: {@code 20261207T121502.123Z}. */
    public static VersionId freshVersionId(Instant now) {
        return new VersionId(VERSION.format(now));
    }

    /** What the Controller holds now. */
    public static Checked<EngineState> controllerState(ConnectionConf target) {
        try (EngineClient client = client(target)) {
            return client.getNdjson("/snapshot").flatMap(EngineStateJson::fromSnapshotObjects);
        }
    }

    /** The deployment's operations: the items (validated drafts) under {@code version}. */
    public static Checked<List<ItemOperation>> operations(List<ItemFileJson.Decoded> drafts, VersionId version,
                                                          Optional<DeploymentSigner> signer) {
        List<ItemOperation> operations = new ArrayList<>();
        operations.add(new ItemOperation.AddVersion(version));
        for (ItemFileJson.Decoded d : drafts) {
            ObjectNode json = d.json().deepCopy();
            if (d.type().equals("Workflow")) {
                json.put("versionId", version.string());
            }
            Checked<ItemOperation.Deployable> deployable = ItemJson.decodeDeployable(json);
            if (deployable.isFail()) {
                return Checked.fail(deployable.problemOption().orElseThrow().withPrefix(d.typedName()));
            }
            operations.add(new ItemOperation.AddOrChangeSimple(deployable.orThrow()));
        }
        return signer.isPresent() ? signer.get().sign(operations) : Checked.ok(operations);
    }

    public static Checked<VersionId> deploy(ConnectionConf target, List<ItemFileJson.Decoded> drafts, VersionId version,
                                            Optional<DeploymentSigner> signer) {
        if (drafts.isEmpty()) {
            return Checked.fail(Problem.of("NothingToDeploy", "No item chosen to deploy"));
        }
        return operations(drafts, version, signer).flatMap(ops -> post(target, ops)).map(ok -> version);
    }

    /** Removes the items from the Controller (refused there while orders or other items still use them). */
    public static Checked<Boolean> revoke(ConnectionConf target, List<ItemFileJson.Decoded> drafts) {
        if (drafts.isEmpty()) {
            return Checked.fail(Problem.of("NothingToRevoke", "No item chosen to revoke"));
        }
        return post(target, drafts.stream().map(DeployedState::revocation).toList());
    }

    private static Checked<Boolean> post(ConnectionConf target, List<ItemOperation> operations) {
        try (EngineClient client = client(target)) {
            return client.postNdjson("/item", ItemOperationJson.encodeNdjson(operations))
                    .map(ok -> true)
                    .mapProblem(p -> p.withPrefix("Controller " + target.name()));
        }
    }

    private static EngineClient client(ConnectionConf target) {
        return new EngineClient(target.apiUri(), target.userId(), target.password());
    }
}
