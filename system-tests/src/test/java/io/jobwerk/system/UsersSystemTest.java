package io.jobwerk.system;

import io.jobwerk.testing.Ports;
import io.jobwerk.testing.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cli.JobwerkMain;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UsersFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Controller process started with {@code --users FILE} (and a {@code --user}): each user logs in,
 * a wrong password is 401, a missing permission a 403 problem; the admin's line comes from a
 * {@code jobwerk hash-password} process. A bad users file stops a server with one line.
 */
class UsersSystemTest {

    private static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final Map<String, String> PASSWORDS = Map.of(
            "admin", ADMIN_PASSWORD, "operator", "operator-pw", "deployer", "deployer-pw", "viewer", "viewer-pw", "root", "root-pw");
    private static final String PROMPT_WORKFLOW = "{\"TYPE\":\"AddVersion\",\"versionId\":\"%s\"}\n"
            + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"users/prompt\",\"versionId\":\"%<s\","
            + "\"instructions\":[{\"TYPE\":\"Prompt\",\"question\":\"'go on?'\"}]}}\n";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    private static ServerProcess controller;
    private static String uri;
    private static String adminLine;

    @BeforeAll
    static void start() throws Exception {
        Run hashed = jobwerkProcess(ADMIN_PASSWORD + "\n", "hash-password", "--user", "admin", "--permission", "Super");
        assertThat(hashed.exitCode()).as(hashed.err()).isZero();
        adminLine = hashed.out().strip();
        Path users = usersFile("users.conf", "# NAME = PASSWORD-HASH PERMISSION…",
                adminLine,
                line("operator", Permission.ControlOrder),
                line("deployer", Permission.UpdateItem),
                line("viewer"));
        int port = Ports.free();
        controller = ServerProcess.start("controller", dir.resolve("controller.log"), "controller",
                "--data", dir.resolve("controller").toString(), "--port", "" + port, "--no-fsync",
                "--users", users.toString(), "--user", "root:" + PASSWORDS.get("root"), "--agent-user", "controller:agent-pw");
        uri = "http://127.0.0.1:" + port;
        assertThat(send("admin", "POST", "/controller/api/item", PROMPT_WORKFLOW.formatted("v1")).statusCode()).isEqualTo(200);
        assertThat(send("admin", "POST", "/controller/api/order", "{\"id\":\"waiting\",\"workflowPath\":\"users/prompt\"}").statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void theLineOfHashPasswordVerifiesItsPassword() {
        assertThat(adminLine).matches("admin = pbkdf2-sha256:120000:\\S+ Super");
        PasswordHash hash = PasswordHash.parse(adminLine.split(" ")[2]).orThrow();
        assertThat(hash.matches(ADMIN_PASSWORD)).isTrue();
        assertThat(hash.matches(ADMIN_PASSWORD + "x")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "operator", "deployer", "viewer", "root"})
    void eachUserOfTheFileAndOfUserLogsIn(String user) throws Exception {
        HttpResponse<String> response = post("/controller/api/session", login(user, PASSWORDS.get(user)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("TYPE").asText()).isEqualTo("LoggedIn");
    }

    @Test
    void aWrongPasswordIs401() throws Exception {
        assertProblem(post("/controller/api/session", login("operator", "viewer-pw")), 401, "wrong password");
    }

    @Test
    void aViewerReadsEverything() throws Exception {
        for (String path : List.of("/controller/api", "/controller/api/snapshot", "/controller/api/order/waiting",
                "/controller/api/order/waiting/obstacles", "/controller/api/event?after=0&timeout=0")) {
            HttpResponse<String> response = send("viewer", "GET", path, null);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        }
        for (String command : List.of("status", "orders", "log waiting", "events")) {
            Run run = jobwerkInProcess((command + " --controller " + uri + " --user viewer:viewer-pw").split(" "));
            assertThat(run.exitCode()).as(command + ": " + run.err()).isZero();
        }
    }

    @Test
    void aViewerIsForbiddenToControlOrdersOrDeploy() throws Exception {
        assertProblem(send("viewer", "POST", "/controller/api/order", "{\"id\":\"by-viewer\",\"workflowPath\":\"users/prompt\"}"),
                403, "User 'viewer' lacks the permission ControlOrder");
        assertProblem(send("viewer", "POST", "/controller/api/command", "{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"waiting\"]}"),
                403, "CancelOrders: User 'viewer' lacks the permission ControlOrder");
        assertProblem(send("viewer", "POST", "/controller/api/item", PROMPT_WORKFLOW.formatted("by-viewer")),
                403, "User 'viewer' lacks the permission UpdateItem");
        assertProblem(send("viewer", "GET", "/metrics", null), 403, "User 'viewer' lacks the permission ReadMetrics");
        Run cancel = jobwerkInProcess("cancel", "waiting", "--controller", uri, "--user", "viewer:viewer-pw");
        assertThat(cancel.exitCode()).isEqualTo(1);
        assertThat(cancel.err()).isEqualTo("jobwerk cancel: CancelOrders: User 'viewer' lacks the permission ControlOrder (Forbidden)\n");
    }

    @Test
    void anOperatorAddsAndCancelsOrdersButNeitherDeploysNorShutsDown() throws Exception {
        HttpResponse<String> added = send("operator", "POST", "/controller/api/order",
                "{\"id\":\"by-operator\",\"workflowPath\":\"users/prompt\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> cancelled = send("operator", "POST", "/controller/api/command",
                "{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"by-operator\"]}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertProblem(send("operator", "POST", "/controller/api/item", PROMPT_WORKFLOW.formatted("by-operator")),
                403, "lacks the permission UpdateItem");
        // A Batch needs what each of its commands needs: nothing of it is carried out
        assertProblem(send("operator", "POST", "/controller/api/command",
                        "{\"TYPE\":\"Batch\",\"commands\":[{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"waiting\"]},{\"TYPE\":\"TakeSnapshot\"}]}"),
                403, "Batch: User 'operator' lacks the permission Super");
        HttpResponse<String> waiting = send("admin", "GET", "/controller/api/order/waiting", null);
        assertThat(json(waiting).path("state").path("TYPE").asText()).as(waiting.body()).isEqualTo("Prompting");
        assertThat(json(waiting).has("mark")).as(waiting.body()).isFalse();
        assertThat(controller.isAlive()).isTrue();
    }

    @Test
    void atTheStandaloneAgentOnlySuperUsersMayCommand() throws Exception {
        Path users = usersFile("standalone-users.conf", adminLine, line("deployer", Permission.UpdateItem));
        int port = Ports.free();
        try (ServerProcess standalone = ServerProcess.start("standalone", dir.resolve("standalone.log"), "standalone",
                "--data", dir.resolve("standalone").toString(), "--port", "" + port, "--no-fsync", "--users", users.toString())) {
            String agent = "http://127.0.0.1:" + (port + 1);
            assertProblem(sendTo(agent, "deployer", "POST", "/agent/api/command", "{\"TYPE\":\"Reset\"}"),
                    403, "User 'deployer' lacks the permission UpdateItem");
            assertThat(sendTo(agent, "deployer", "GET", "/agent/api", null).statusCode()).isEqualTo(200);
            assertThat(sendTo(agent, "admin", "POST", "/agent/api/command", "{\"TYPE\":\"NoOperation\"}").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aDeployerDeploysButAddsNoOrders() throws Exception {
        assertThat(send("deployer", "POST", "/controller/api/item", PROMPT_WORKFLOW.formatted("by-deployer")).statusCode()).isEqualTo(200);
        assertProblem(send("deployer", "POST", "/controller/api/order", "{\"id\":\"by-deployer\",\"workflowPath\":\"users/prompt\"}"),
                403, "lacks the permission ControlOrder");
    }

    @Test
    void aBadUsersFileStopsTheServerWithOneLineNamingFileAndLine() throws Exception {
        Path users = usersFile("bad-users.conf", "# users", adminLine, "operator = " + hash("operator-pw") + " Operator");
        Run run = jobwerkProcess("", "controller", "--data", dir.resolve("bad").toString(), "--port", "" + Ports.free(),
                "--users", users.toString(), "--agent-user", "controller:agent-pw");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("jobwerk controller: users file " + users + ", line 3: unknown permission 'Operator' (known: "
                + List.of(Permission.values()) + ")\n");
        assertThat(run.err()).doesNotContain("operator-pw");
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"controller", "agent", "subagent", "standalone", "demo"})
    void aUsersFileThatCannotBeReadIsOneLineAndExitCodeOne(String server) {
        Path missing = dir.resolve("no-such-users.conf");
        Run run = jobwerkInProcess(serverArgs(server, "--users", missing.toString()));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("jobwerk " + server + ": users file " + missing + ": no such file\n");
        assertThat(dir.resolve("unstarted")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"controller", "agent", "subagent", "standalone"})
    void withoutUserAndUsersAServerSaysSoInOneLine(String server) {
        Run run = jobwerkInProcess(serverArgs(server));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("jobwerk " + server + ": --user NAME:PASSWORD or --users FILE is required\n");
    }

    @Test
    void aUserGivenByUserAndInTheFileIsOneLineAndExitCodeOne() throws Exception {
        Path users = usersFile("twice.conf", line("viewer"));
        Run run = jobwerkInProcess("controller", "--data", dir.resolve("unstarted").toString(), "--users", users.toString(),
                "--user", "viewer:other-pw", "--agent-user", "controller:agent-pw");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("jobwerk controller: users file " + users + ": user 'viewer' is given by --user too\n");
    }

    @Test
    void standaloneRefusesAUserNamedLikeItsControllerAtTheAgent() {
        Run run = jobwerkInProcess(serverArgs("standalone", "--user", "controller:pw"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("jobwerk standalone: user 'controller' is reserved: "
                + "the standalone Controller logs in at its Agent with that name\n");
        assertThat(dir.resolve("unstarted")).doesNotExist();
    }

    // ---- helpers ----

    /** The arguments that start {@code server} on data that is never created, then {@code more}. */
    private static String[] serverArgs(String server, String... more) {
        List<String> args = new ArrayList<>(List.of(server, "--data", dir.resolve("unstarted").toString(), "--port", "" + Ports.free()));
        if (server.equals("controller")) {
            args.addAll(List.of("--agent-user", "controller:agent-pw"));
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String hash(String password) {
        return PasswordHash.hash(password, 1000).encoded();
    }

    private static String line(String user, Permission... permissions) {
        return UsersFile.line(user, PasswordHash.hash(PASSWORDS.get(user), 1000), List.of(permissions)).orThrow();
    }

    private static Path usersFile(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String login(String user, String password) {
        return "{\"TYPE\":\"Login\",\"userAndPassword\":{\"userId\":\"" + user + "\",\"password\":\"" + password + "\"}}";
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As {@code user} with HTTP Basic. */
    private static HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        return sendTo(uri, user, method, path, body);
    }

    private static HttpResponse<String> sendTo(String uri, String user, String method, String path, String body) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((user + ":" + PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", path.endsWith("/item") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return EngineJson.parse(response.body()).orThrow();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        assertThat(json(response).path("TYPE").asText()).isEqualTo("Problem");
        assertThat(json(response).path("message").asText()).contains(message);
    }

    private record Run(int exitCode, String out, String err) {}

    /** {@code jobwerk ARGS…} in this JVM: for commands that end (failures, clients). */
    private static Run jobwerkInProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = JobwerkMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code jobwerk ARGS…} as a child JVM with {@code stdin}, to its end. */
    private static Run jobwerkProcess(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.jobwerk.cli.JobwerkMain"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jobwerk " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Run(process.exitValue(), out.get(), err.get());
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
