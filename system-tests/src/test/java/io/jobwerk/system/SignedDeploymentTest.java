package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cli.JobwerkMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Controller started with {@code --trusted-keys} (real processes): {@code jobwerk deploy} refuses to
 * get an unsigned workflow in, a workflow signed with {@code --sign-with} by a trusted key is deployed
 * and runs, one signed by a key the Controller does not trust is refused. Keys are made with keytool.
 */
class SignedDeploymentTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static TestSystem system;
    static Path workflowFile;

    @BeforeAll
    static void start() throws Exception {
        Path trusted = Files.createDirectories(dir.resolve("trusted-x509-keys"));
        keytool("-genkeypair", "-alias", "deployer", "-keyalg", "EC", "-dname", "CN=Deployer, O=Jobwerk", "-validity", "30",
                "-keystore", dir.resolve("deployer.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        Files.writeString(trusted.resolve("deployer.pem"),
                keytool("-exportcert", "-rfc", "-alias", "deployer", "-keystore", dir.resolve("deployer.p12").toString(), "-storepass", PASSWORD));
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-dname", "CN=Stranger", "-validity", "30",
                "-keystore", dir.resolve("stranger.p12").toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        system = TestSystem.separate(dir, List.of("--trusted-keys", trusted.toString()));
        workflowFile = dir.resolve("hello.workflow.json");
        Files.writeString(workflowFile, """
                {"instructions":[{"TYPE":"Execute.Anonymous","job":{"agentPath":"AGENT",
                  "executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho signed and sound\\n"}}}]}
                """);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void unsignedWorkflowIsRefusedNamingIt() {
        Result r = jobwerk("deploy", workflowFile.toString());
        assertThat(r.exitCode).as(r.err).isNotZero();
        assertThat(r.err).contains("UnsignedItemRefused").contains("Workflow hello").contains("not signed");
    }

    @Test
    void workflowSignedByATrustedKeyIsDeployedAndRuns() {
        Result r = jobwerk("deploy", workflowFile.toString(), "--sign-with", dir.resolve("deployer.p12").toString(),
                "--key-password", PASSWORD, "--version-id", "signed-1");
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.out).contains("Deployed Workflow hello (version signed-1)");
        system.addOrder("hello", "signed-order");
        system.events().awaitEvent("signed-order", "OrderFinished", Duration.ofSeconds(60));
        assertThat(system.events().ofOrder("signed-order").stream()
                .filter(e -> e.path("TYPE").asText().equals("OrderStdoutWritten")).map(e -> e.path("chunk").asText()))
                .anySatisfy(chunk -> assertThat(chunk).contains("signed and sound"));
    }

    @Test
    void workflowSignedByAnUntrustedKeyIsRefused() {
        Result r = jobwerk("deploy", workflowFile.toString(), "--sign-with", dir.resolve("stranger.p12").toString(),
                "--key-password", PASSWORD);
        assertThat(r.exitCode).isNotZero();
        assertThat(r.err).contains("SignerNotTrusted").contains("CN=Stranger");
    }

    @Test
    void wrongKeyStorePasswordIsAClearError() {
        Result r = jobwerk("deploy", workflowFile.toString(), "--sign-with", dir.resolve("deployer.p12").toString(),
                "--key-password", "wrong");
        assertThat(r.exitCode).isNotZero();
        assertThat(r.err).contains("cannot be read").contains("deployer.p12");
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result jobwerk(String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.addAll(List.of("--controller", system.controllerUri(), "--user", TestSystem.USER + ":" + TestSystem.PASSWORD));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = JobwerkMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(list.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static String keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        return output;
    }
}
