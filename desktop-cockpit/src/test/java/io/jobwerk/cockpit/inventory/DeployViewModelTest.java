package io.jobwerk.cockpit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class DeployViewModelTest {

    private final DeployViewModel deploy = new DeployViewModel(
            new InventoryViewModel(new SimpleObjectProperty<EngineState>(), UiThread.direct(), Runnable::run,
                    Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC)),
            UiThread.direct(), Runnable::run, Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    private static UserPermissions user(String name, Permission... granted) {
        return new UserPermissions(name, Optional.of(Set.of(granted)));
    }

    @Test
    void deployAndRevokeNeedUpdateItemAtEveryChosenController() {
        DeployViewModel.Target a = deploy.addTarget(new ConnectionConf("a", "http://127.0.0.1:1", "viewer", "p"), true);
        assertThat(deploy.refusalProperty().get()).isEmpty();
        deploy.permit("a", user("viewer", Permission.ControlOrder));
        assertThat(deploy.refusalProperty().get()).isEqualTo("needs permission UpdateItem; user viewer has ControlOrder");
        deploy.deploy();
        assertThat(deploy.messageProperty().get()).isEqualTo("Nothing sent: needs permission UpdateItem; user viewer has ControlOrder");

        deploy.addTarget(new ConnectionConf("b", "http://127.0.0.1:2", "deployer", "p"), true);
        deploy.permit("b", user("deployer", Permission.UpdateItem));
        assertThat(deploy.refusalProperty().get()).isEqualTo("a: needs permission UpdateItem; user viewer has ControlOrder");
        a.chosen().set(false);
        assertThat(deploy.refusalProperty().get()).isEmpty();
        deploy.permit("b", user("deployer", Permission.Super));
        assertThat(deploy.refusalProperty().get()).isEmpty();
    }
}
