package io.jobwerk.cockpit.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.http.client.EngineClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads from the Controller beside the event stream (history, daily plan, logs), off the UI thread;
 * each completes with the answer or the problem, never exceptionally.
 */
public interface ControllerReads {

    /** {@code GET …/controller/api/SEGMENTS?QUERY} as JSON. */
    CompletableFuture<Checked<JsonNode>> get(List<String> pathSegments, Map<String, String> query);

    /** {@code GET …/controller/api/SEGMENTS} as text with its headers. */
    CompletableFuture<Checked<EngineClient.TextAnswer>> getText(List<String> pathSegments);
}
