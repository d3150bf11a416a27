package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.runtime.signature.DeploymentSigner;
import io.jobwerk.runtime.signature.X509SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations a deployment sends: unsigned, or signed with a PKCS#12 key (made by keytool) that the Controller's verifier accepts. */
class DeployerTest {

    @TempDir
    Path dir;

    final List<ItemFileJson.Decoded> drafts = List.of(
            DeployedStateTest.draft("etl.workflow.json", WorkspaceCheckTest.workflow("[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}]")),
            DeployedStateTest.draft("db.lock.json", "{\"limit\":1}"));

    @Test
    void unsignedTheWorkflowsGetTheDeploymentsVersion() {
        List<ItemOperation> ops = Deployer.operations(drafts, new VersionId("v7"), Optional.empty()).orThrow();
        assertThat(ops.get(0)).isEqualTo(new ItemOperation.AddVersion(new VersionId("v7")));
        var workflow = (ItemOperation.Deployable.UnsignedWorkflow) ((ItemOperation.AddOrChangeSimple) ops.get(1)).deployable();
        assertThat(workflow.workflow().id().versionId().string()).isEqualTo("v7");
        assertThat(ops.get(2)).isInstanceOf(ItemOperation.AddOrChangeSimple.class);
        assertThat(DeployedState.revocation(drafts.get(0))).isEqualTo(new ItemOperation.RemoveVersioned(workflow.workflow().path()));
        assertThat(DeployedState.revocation(drafts.get(1))).isEqualTo(new ItemOperation.DeleteSimple("Lock:db"));
    }

    @Test
    void signedTheControllersVerifierAcceptsTheWorkflow() throws Exception {
        keytool("-genkeypair", "-alias", "deployer", "-keyalg", "EC", "-dname", "CN=Deployer, O=Jobwerk", "-validity", "30",
                "-keystore", dir.resolve("deployer.p12").toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        Path trusted = Files.createDirectories(dir.resolve("trusted"));
        Files.writeString(trusted.resolve("deployer.pem"), keytool("-exportcert", "-rfc", "-alias", "deployer",
                "-keystore", dir.resolve("deployer.p12").toString(), "-storepass", "changeit"));
        DeploymentSigner signer = DeploymentSigner.load(dir.resolve("deployer.p12"), "changeit".toCharArray(), Optional.empty()).orThrow();

        List<ItemOperation> ops = Deployer.operations(drafts, new VersionId("v8"), Optional.of(signer)).orThrow();
        var signed = (ItemOperation.AddOrChangeSigned) ops.get(1);
        assertThat(X509SignatureVerifier.load(trusted).orThrow().verify(signed.signedString()).isOk()).isTrue();
        assertThat(ops.get(2)).isInstanceOf(ItemOperation.AddOrChangeSimple.class);
    }

    private static String keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
