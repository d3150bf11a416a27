package io.jobwerk.cli;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.runtime.signature.DeploymentSigner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobwerk deploy FILE|DIR…}: deploys item files as one deployment under a fresh version id. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy workflows and other items from JSON files (JS7 engine format) in one deployment.",
                "A directory is read recursively (*.json). TYPE and path may be left out when the file name says them:",
                "NAME.workflow.json, NAME.lock.json, NAME.jobresource.json, NAME.fileordersource.json, NAME.noticeboard.json …"})
public final class DeployCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Item files or directories.")
    List<Path> paths;

    @Option(names = "--version-id", paramLabel = "ID", description = "Version id of the workflows (default: from the clock).")
    String versionId;

    @Option(names = "--sign-with", paramLabel = "KEYSTORE.p12",
            description = "Sign the workflows with the X.509 key of this PKCS#12 key store (for a Controller started with --trusted-keys).")
    Path keyStore;

    @Option(names = "--key-alias", paramLabel = "ALIAS", description = "Key of the key store to sign with (default: its first key).")
    String keyAlias;

    @Option(names = "--key-password", paramLabel = "PASSWORD", defaultValue = "${env:JOBWERK_KEY_PASSWORD}",
            description = "Password of the key store (default: environment variable JOBWERK_KEY_PASSWORD).")
    String keyPassword;

    @Override
    public Integer call() {
        Checked<ItemFiles.Deployment> deployment = (versionId == null ? Checked.ok(ItemFiles.freshVersionId(Instant.now()))
                : VersionId.checked(versionId)).flatMap(v -> ItemFiles.read(paths, v));
        if (deployment.isFail()) {
            return controller.problem(deployment.problemOption().orElseThrow());
        }
        ItemFiles.Deployment d = deployment.orThrow();
        Checked<List<ItemOperation>> operations = keyStore == null ? Checked.ok(d.operations())
                : DeploymentSigner.load(keyStore, keyPassword == null ? new char[0] : keyPassword.toCharArray(), Optional.ofNullable(keyAlias))
                        .flatMap(signer -> signer.sign(d.operations()));
        if (operations.isFail()) {
            return controller.problem(operations.problemOption().orElseThrow());
        }
        try (EngineClient client = controller.client()) {
            var response = client.postNdjson("/item", ItemOperationJson.encodeNdjson(operations.orThrow()));
            if (response.isFail()) {
                return controller.problem(response.problemOption().orElseThrow());
            }
        }
        for (ItemFiles.Entry e : d.entries()) {
            controller.out().println("Deployed " + e.type() + " " + e.name()
                    + (e.type().equals("Workflow") ? " (version " + d.versionId().string() + ")" : "") + "  from " + e.file());
        }
        controller.out().flush();
        return 0;
    }
}
