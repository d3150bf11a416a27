package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.ItemFileJson;
import io.jobwerk.engine.workflow.VersionId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployedStateTest {

    static final String DEPLOYED = String.join("\n",
            "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Lock\",\"path\":\"db\",\"limit\":1}}",
            "{\"TYPE\":\"AddVersion\",\"versionId\":\"v1\"}",
            "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"etl\",\"versionId\":\"v1\",\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}],"
                    + "\"jobs\":{\"j\":{\"agentPath\":\"agent\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"echo\"}}}}}");

    static ItemFileJson.Decoded draft(String file, String text) {
        return ItemFileJson.decode(file, text, new VersionId("draft")).orThrow();
    }

    @Test
    void sameItemIsDeployedWhateverTheFilesLayoutAndVersion() {
        var state = Items.withAgent(DEPLOYED);
        assertThat(DeployedState.of(draft("db.lock.json", "{\n  \"limit\" : 1\n}"), state)).isEqualTo(DeployedState.DEPLOYED);
        assertThat(DeployedState.of(draft("etl.workflow.json", "{\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"j\"}],"
                + "\"jobs\":{\"j\":{\"agentPath\":\"agent\",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":\"echo\"}}}}"), state))
                .isEqualTo(DeployedState.DEPLOYED);
    }

    @Test
    void aChangedDraftShowsItsDifference() {
        var state = Items.withAgent(DEPLOYED);
        var draft = draft("db.lock.json", "{\"limit\":3}");
        assertThat(DeployedState.of(draft, state)).isEqualTo(DeployedState.CHANGED);
        List<JsonDiff.Line> diff = JsonDiff.of(DeployedState.deployedJson(draft, state).orElseThrow(), DeployedState.draftJson(draft));
        assertThat(diff).extracting(JsonDiff.Line::marked).containsExactly(
                "  {", "    \"TYPE\" : \"Lock\",", "    \"path\" : \"db\",", "-   \"limit\" : 1", "+   \"limit\" : 3", "  }");
        assertThat(DeployedState.of(draft("other.lock.json", "{\"limit\":3}"), state)).isEqualTo(DeployedState.NOT_DEPLOYED);
    }

    @Test
    void aDiffAgainstNothingIsAllAdded() {
        var diff = JsonDiff.of(null, DeployedState.draftJson(draft("x.lock.json", "{\"limit\":1}")));
        assertThat(diff).allMatch(l -> l.kind() == JsonDiff.Kind.ADDED);
        assertThat(JsonDiff.changed(JsonDiff.of(DeployedState.draftJson(draft("x.lock.json", "{\"limit\":1}")),
                DeployedState.draftJson(draft("x.lock.json", "{ \"limit\": 1 }"))))).isFalse();
    }
}
