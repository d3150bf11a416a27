package io.jobwerk.engine.motor;

import io.jobwerk.engine.path.AgentPath;
import java.util.Objects;

/**
 * Where an {@link OrderEventSource} runs, which decides the orders it may move and whether it emits
 * attach/detach events: {@link #STANDALONE} runs everything locally and never attaches; the
 * {@link #CONTROLLER} moves only detached orders and attaches orders to the Agent of their next job;
 * an {@link Agent} moves only orders attached to it and detaches them for what needs the Controller.
 */
public sealed interface Placement {

    Placement STANDALONE = new Standalone();
    Placement CONTROLLER = new Controller();

    static Placement agent(AgentPath agentPath) {
        return new Agent(agentPath);
    }

    record Standalone() implements Placement {}

    record Controller() implements Placement {}

    record Agent(AgentPath agentPath) implements Placement {
        public Agent {
            Objects.requireNonNull(agentPath, "agentPath");
        }
    }
}
