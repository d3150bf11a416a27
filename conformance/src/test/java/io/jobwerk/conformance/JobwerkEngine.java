package io.jobwerk.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.controller.Controller;
import io.jobwerk.controller.ControllerConf;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.json.OrderEventJson;
import io.jobwerk.engine.json.OrderJson;
import io.jobwerk.engine.json.PositionJson;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.shapes.Shape;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.signature.SignatureVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Jobwerk's real system in this JVM: a Controller and two Agent Directors ({@code AGENT} and
 * {@code AGENT2}, JS7's names in the recorder, each with its integrated Subagent {@code SUBAGENT} /
 * {@code SUBAGENT2}) on free loopback ports, real shell jobs, without fsync. The Controller's
 * committed order events are what is compared.
 */
final class JobwerkEngine implements EngineUnderTest {

    private static final String CONTROLLER_AT_AGENT = "controller";
    private static final String PASSWORD = "conformance-internal-password";

    private final Controller controller;
    private final List<AgentDirector> agents = new ArrayList<>();
    private final List<BiConsumer<String, JsonNode>> listeners = new CopyOnWriteArrayList<>();

    JobwerkEngine(Path data) throws Exception {
        UserAccount agentUser = new UserAccount(CONTROLLER_AT_AGENT, PasswordHash.parse("plain:" + PASSWORD).orThrow(),
                Set.of(Permission.UpdateItem));
        try {
            for (String[] a : new String[][] {{"AGENT", "SUBAGENT"}, {"AGENT2", "SUBAGENT2"}}) {
                agents.add(AgentDirector.start(new AgentConf(new AgentPath(a[0]), new SubagentId(a[1]), data.resolve(a[0]),
                        WebServerConf.loopback(0), new Users(List.of(agentUser)), "standalone", Duration.ofSeconds(15), false)));
            }
            UserAccount user = new UserAccount("test", PasswordHash.parse("plain:test-pass-1").orThrow(), Set.of(Permission.values()));
            controller = Controller.start(new ControllerConf("standalone", data.resolve("controller"), WebServerConf.loopback(0),
                    new Users(List.of(user)), CONTROLLER_AT_AGENT, PASSWORD, false, SignatureVerifier.acceptingUnsigned()));
        } catch (Exception | Error e) {
            agents.forEach(AgentDirector::close);
            throw e;
        }
        List<ItemOperation> register = new ArrayList<>();
        int i = 0;
        for (String[] a : new String[][] {{"AGENT", "SUBAGENT"}, {"AGENT2", "SUBAGENT2"}}) {
            register.add(new ItemOperation.AddOrChangeSimple(new Item.SubagentItem(new SubagentId(a[1]), new AgentPath(a[0]),
                    "http://127.0.0.1:" + agents.get(i++).port(), false)));
            register.add(new ItemOperation.AddOrChangeSimple(new Item.AgentRef(new AgentPath(a[0]), List.of(new SubagentId(a[1])),
                    Optional.empty(), false)));
        }
        controller.deploy(register).orThrow();
        controller.keeper().addListener((events, state) -> {
            for (Stamped<? extends Event> s : events) {
                if (s.keyedEvent().event() instanceof OrderEvent && s.keyedEvent().key().isPresent()) {
                    @SuppressWarnings("unchecked")
                    ObjectNode json = OrderEventJson.encodeStamped((Stamped<? extends OrderEvent>) s);
                    for (BiConsumer<String, JsonNode> l : listeners) {
                        l.accept(s.keyedEvent().key().get(), json);
                    }
                }
            }
        });
    }

    @Override
    public void subscribe(BiConsumer<String, JsonNode> listener) {
        listeners.add(listener);
    }

    @Override
    public void deploy(Shape shape) {
        StringBuilder ndjson = new StringBuilder("{\"TYPE\":\"AddVersion\",\"versionId\":\"" + shape.name() + "\"}\n");
        for (ObjectNode item : shape.simpleItems()) {
            ndjson.append("{\"TYPE\":\"AddOrChangeSimple\",\"item\":").append(EngineJson.print(item)).append("}\n");
        }
        for (ObjectNode workflow : shape.workflows()) {
            ObjectNode w = workflow.deepCopy();
            w.put("versionId", shape.name());
            ndjson.append("{\"TYPE\":\"AddOrChangeSimple\",\"item\":").append(EngineJson.print(w)).append("}\n");
        }
        List<ItemOperation> operations = ItemOperationJson.decodeNdjson(ndjson.toString()).orThrow();
        Checked<Boolean> deployed = controller.deploy(operations);
        if (deployed.isFail()) {
            throw new IllegalStateException("Deployment of " + shape.name() + " failed: " + deployed.problemOption().orElseThrow());
        }
    }

    @Override
    public Optional<String> addOrder(ObjectNode freshOrder) throws Exception {
        Checked<CommandResponse> r = CommandJson.decodeFreshOrder(freshOrder)
                .flatMap(o -> execute(new Command.AddOrder(o)));
        return r.problemOption().map(p -> "Problem: " + p.message());
    }

    @Override
    public String execute(ObjectNode command) {
        Checked<CommandResponse> r = CommandJson.decode(command).flatMap(this::execute);
        return r.isOk() ? responseType(r.orThrow()) : "Problem: " + r.problemOption().orElseThrow().message();
    }

    private static String responseType(CommandResponse response) {
        return CommandJson.encode(response).path("TYPE").asText("Accepted");
    }

    private Checked<CommandResponse> execute(Command command) {
        try {
            return controller.keeper().execute(command).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Checked.fail("CommandFailed", e.toString());
        }
    }

    @Override
    public Optional<JsonNode> position(String orderId) {
        return controller.keeper().state().order(new OrderId(orderId)).toOptional()
                .map(o -> PositionJson.encode(o.workflowPosition().position()));
    }

    @Override
    public List<JsonNode> orders() {
        List<JsonNode> list = new ArrayList<>();
        for (Order order : controller.keeper().state().orders().values()) {
            list.add(OrderJson.encode(order));
        }
        return list;
    }

    @Override
    public void close() {
        controller.close();
        agents.forEach(AgentDirector::close);
    }
}
