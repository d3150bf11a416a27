package io.jobwerk.cockpit.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.plan.DailyPlanViewModel;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.Permission;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class UserPermissionsTest {

    private static final UserPermissions VIEWER = UserPermissions.fromJson(EngineJson.parse("{\"user\":\"viewer\",\"permissions\":[\"ValidUser\"]}").orThrow());

    /** The Cockpit's actions and what the Controller's CommandPermissions asks of each. */
    @ParameterizedTest(name = "{0} needs {1}")
    @CsvSource({
            "CANCEL_ORDERS, ControlOrder", "SUSPEND_ORDERS, ControlOrder", "RESUME_ORDERS, ControlOrder", "RESUME_ORDER, ControlOrder",
            "ANSWER_ORDER_PROMPT, ControlOrder", "DELETE_ORDERS_WHEN_TERMINATED, ControlOrder", "CHANGE_ORDER, ControlOrder",
            "ADD_ORDER, ControlOrder", "CONTROL_WORKFLOW_PATH, ControlOrder", "CONTROL_WORKFLOW, ControlOrder",
            "CREATE_DAILY_PLAN, ControlOrder", "SUBMIT_DAILY_PLAN, ControlOrder", "CANCEL_DAILY_PLAN, ControlOrder", "DELETE_DAILY_PLAN, ControlOrder",
            "RESET_AGENT, Super", "NO_OPERATION, ValidUser",
    })
    void anActionIsRefusedExactlyWhenTheControllerWouldRefuseItsCommand(Command.Kind kind, Permission needed) {
        for (Permission granted : Permission.values()) {
            UserPermissions user = new UserPermissions("u", Optional.of(Set.of(granted)));
            boolean refused = !user.refusal(kind).isEmpty();
            assertThat(refused).as("%s with %s", kind, granted).isEqualTo(!needed.isGrantedBy(Set.of(granted)));
        }
    }

    @Test
    void theRefusalNamesWhatIsNeededAndWhatTheUserHas() {
        assertThat(VIEWER.refusal(Command.Kind.CANCEL_ORDERS)).isEqualTo("needs permission ControlOrder; user viewer has ValidUser");
        assertThat(new UserPermissions("op", Optional.of(Set.of(Permission.UpdateItem, Permission.ControlOrder))).refusal(Command.Kind.RESET_AGENT))
                .isEqualTo("needs permission Super; user op has ControlOrder, UpdateItem");
        assertThat(VIEWER.refusal(Command.Kind.NO_OPERATION)).isEmpty();
    }

    @Test
    void whileUnknownNothingIsRefusedTheControllerStillChecks() {
        assertThat(UserPermissions.unknown("u").refusal(Command.Kind.SHUT_DOWN)).isEmpty();
    }

    @Test
    void superMayAllAndUnknownPermissionNamesAreLeftOut() {
        UserPermissions admin = UserPermissions.fromJson(EngineJson.parse("{\"user\":\"admin\",\"permissions\":[\"Super\",\"FlyToTheMoon\"]}").orThrow());
        assertThat(admin.granted()).contains(Set.of(Permission.Super));
        for (Command.Kind kind : Command.Kind.values()) {
            assertThat(admin.refusal(kind)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DailyPlanViewModel.Action.class)
    void eachDailyPlanActionNeedsControlOrder(DailyPlanViewModel.Action action) {
        assertThat(VIEWER.refusal(action.kind())).isEqualTo("needs permission ControlOrder; user viewer has ValidUser");
    }
}
