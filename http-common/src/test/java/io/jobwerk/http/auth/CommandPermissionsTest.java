package io.jobwerk.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandPermissionsTest {

    private static final String CANCEL = "{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"A\"]}";
    private static final String SHUT_DOWN = "{\"TYPE\":\"ShutDown\"}";

    @ParameterizedTest(name = "{0} sends {1}: missing {2}")
    @CsvSource(delimiter = '|', value = {
            "ValidUser    | {\"TYPE\":\"NoOperation\"}                                        | ",
            "ValidUser    | " + CANCEL + "                                                    | ControlOrder",
            "ValidUser    | {\"TYPE\":\"ResumeOrders\",\"orderIds\":[\"A\"]}                  | ControlOrder",
            "UpdateItem   | " + CANCEL + "                                                    | ControlOrder",
            "ControlOrder | " + CANCEL + "                                                    | ",
            "ControlOrder | {\"TYPE\":\"ControlWorkflowPath\",\"workflowPath\":\"W\",\"suspend\":true} | ",
            "ControlOrder | " + SHUT_DOWN + "                                                 | Super",
            "ControlOrder | {\"TYPE\":\"ResetAgent\",\"agentPath\":\"A\"}                      | Super",
            "ControlOrder | {\"TYPE\":\"Batch\",\"commands\":[" + CANCEL + "]}                 | ",
            "ControlOrder | {\"TYPE\":\"Batch\",\"commands\":[" + CANCEL + "," + SHUT_DOWN + "]} | Super",
            "Super        | {\"TYPE\":\"Batch\",\"commands\":[" + CANCEL + "," + SHUT_DOWN + "]} | ",
    })
    void aCommandNeedsItsPermissionAndABatchThoseOfAllItsCommands(Permission granted, String json, Permission missing) {
        Command command = CommandJson.decode(EngineJson.parse(json).orThrow()).orThrow();
        UserAccount user = new UserAccount("u", PasswordHash.parse("plain:p").orThrow(), Set.of(granted));
        assertThat(CommandPermissions.missing(user, command)).isEqualTo(Optional.ofNullable(missing));
    }
}
