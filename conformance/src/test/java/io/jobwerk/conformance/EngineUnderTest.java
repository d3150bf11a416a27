package io.jobwerk.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.shapes.Shape;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * An engine a {@link ShapeRun} drives: JS7 over HTTP ({@code Js7Engine}) or Jobwerk in this JVM
 * ({@code JobwerkEngine}). Everything is spoken in the JS7 engine JSON format.
 */
interface EngineUnderTest extends AutoCloseable {

    /** Exact string renames that make this engine's names JS7's (its Agent and Subagent names); both engines use JS7's names today. */
    default Map<String, String> renames() {
        return Map.of();
    }

    /** Tells {@code listener} every Controller order event from now on: (OrderId, event JSON with TYPE). */
    void subscribe(BiConsumer<String, JsonNode> listener);

    /** Deploys the shape's workflows (under version {@code shape.name()}) and simple items. */
    void deploy(Shape shape) throws Exception;

    /** Adds a FreshOrder; empty when accepted, else the problem. */
    Optional<String> addOrder(ObjectNode freshOrder) throws Exception;

    /** Executes a Controller command; {@code "Accepted"} (or the response's TYPE) or {@code "Problem: …"}. */
    String execute(ObjectNode command) throws Exception;

    /** The order's current position, as a JSON array. */
    Optional<JsonNode> position(String orderId) throws Exception;

    /** Every order the Controller has, as JS7's snapshot writes it. */
    List<JsonNode> orders() throws Exception;

    @Override
    void close();
}
