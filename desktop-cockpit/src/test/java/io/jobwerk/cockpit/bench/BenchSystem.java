package io.jobwerk.cockpit.bench;

import io.jobwerk.cli.Standalone;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.harness.JobwerkSystem;
import io.jobwerk.harness.Login;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Controller side of the Cockpit benchmark, in a JVM of its own (so the Cockpit's heap and
 * pulses are the Cockpit's): a real standalone Controller + Agent on an ephemeral loopback port
 * with ORDERS orders waiting at the first of many prompts. On stdin {@code go EVENTS_PER_SECOND SECONDS}
 * it answers prompts round-robin so the Controller emits that many events per second (each answer is
 * {@code OrderPromptAnswered}, {@code OrderMoved}, {@code OrderPrompted}: three events, at the
 * Controller, with the journal committing them as it does any command); {@code quit} ends it.
 * Prints {@code READY uri} and {@code DONE answers}.
 */
public final class BenchSystem {
    static final String USER = "bench";
    static final String PASSWORD = "bench-pass-1";
    private static final int PROMPTS = 60;

    public static void main(String[] args) throws Exception {
        int orders = Integer.parseInt(args[0]);
        Path data = Files.createTempDirectory("cockpit-bench");
        JobwerkSystem system = JobwerkSystem.in(data).standalone().user(Login.of(USER, PASSWORD)).start();
        Standalone standalone = system.standalone();
        StringBuilder instructions = new StringBuilder();
        for (int i = 0; i < PROMPTS; i++) {
            instructions.append(i == 0 ? "" : ",").append("{\"TYPE\":\"Prompt\",\"question\":\"'Step ").append(i).append("?'\"}");
        }
        String ndjson = "{\"TYPE\":\"AddVersion\",\"versionId\":\"1\"}\n"
                + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"bench/prompts\",\"versionId\":\"1\",\"instructions\":["
                + instructions + "]}}";
        standalone.controller().deploy(ItemOperationJson.decodeNdjson(ndjson).orThrow()).orThrow();
        for (int from = 0; from < orders; from += 1000) {
            List<io.jobwerk.engine.order.FreshOrder> batch = new ArrayList<>();
            for (int i = from; i < Math.min(orders, from + 1000); i++) {
                batch.add(CommandJson.decodeFreshOrder(EngineJson.MAPPER.createObjectNode().put("id", "bench-" + i)
                        .put("workflowPath", "bench/prompts")).orThrow());
            }
            execute(standalone, new Command.AddOrders(batch));
        }
        while (standalone.controller().keeper().state().orders().values().stream()
                .filter(o -> o.state().kind() == io.jobwerk.engine.order.OrderState.Kind.PROMPTING).count() < orders) {
            Thread.sleep(100);
        }
        System.out.println("READY " + standalone.controllerUri());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        int next = 0;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("go")) {
                int eventsPerSecond = Integer.parseInt(words[1]);
                int seconds = Integer.parseInt(words[2]);
                int answersPerTick = Math.max(1, eventsPerSecond / 3 / 10);
                long start = System.nanoTime();
                int answered = 0;
                for (int tick = 0; tick < seconds * 10; tick++) {
                    List<Command> answers = new ArrayList<>();
                    for (int i = 0; i < answersPerTick; i++) {
                        answers.add(new Command.AnswerOrderPrompt(new OrderId("bench-" + next)));
                        next = (next + 1) % orders;
                    }
                    standalone.controller().keeper().execute(new Command.Batch(answers));
                    answered += answers.size();
                    long due = start + (tick + 1) * 100_000_000L;
                    long sleep = due - System.nanoTime();
                    if (sleep > 0) {
                        TimeUnit.NANOSECONDS.sleep(sleep);
                    }
                }
                System.out.println("DONE " + answered + " answers in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                System.out.flush();
            } else if (words[0].equals("quit")) {
                break;
            }
        }
        system.close();
        System.exit(0);
    }

    private static void execute(Standalone standalone, Command command) throws Exception {
        standalone.controller().keeper().execute(command).get(120, TimeUnit.SECONDS).orThrow();
    }
}
