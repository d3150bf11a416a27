package io.jobwerk.cockpit.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.client.EngineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** Answers reads at once from a function of path and query, and records what was asked (ViewModel tests). */
public final class FakeReads implements ControllerReads {

    public record Asked(String path, Map<String, String> query) {}

    private final BiFunction<String, Map<String, String>, String> answers;
    public final List<Asked> asked = new ArrayList<>();

    public FakeReads(BiFunction<String, Map<String, String>, String> answers) {
        this.answers = answers;
    }

    @Override
    public CompletableFuture<Checked<JsonNode>> get(List<String> pathSegments, Map<String, String> query) {
        String path = String.join("/", pathSegments);
        asked.add(new Asked(path, Map.copyOf(query)));
        return CompletableFuture.completedFuture(EngineJson.parse(answers.apply(path, query)));
    }

    @Override
    public CompletableFuture<Checked<EngineClient.TextAnswer>> getText(List<String> pathSegments) {
        String path = String.join("/", pathSegments);
        asked.add(new Asked(path, Map.of()));
        return CompletableFuture.completedFuture(Checked.ok(new EngineClient.TextAnswer(answers.apply(path, Map.of()), Map.of())));
    }
}
