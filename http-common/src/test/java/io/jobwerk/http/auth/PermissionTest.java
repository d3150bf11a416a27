package io.jobwerk.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void superGrantsEveryPermission() {
        for (Permission p : Permission.values()) {
            assertThat(p.isGrantedBy(Set.of(Permission.Super))).as(p.name()).isTrue();
        }
    }

    @Test
    void anyPermissionGrantsValidUserAndNoOther() {
        assertThat(Permission.ValidUser.isGrantedBy(Set.of(Permission.ReadMetrics))).isTrue();
        assertThat(Permission.ValidUser.isGrantedBy(Set.of())).isFalse();
        assertThat(Permission.ControlOrder.isGrantedBy(Set.of(Permission.UpdateItem))).isFalse();
        assertThat(Permission.UpdateItem.isGrantedBy(Set.of(Permission.ControlOrder))).isFalse();
        assertThat(Permission.AgentDirector.isGrantedBy(Set.of(Permission.UpdateItem, Permission.ControlOrder))).isFalse();
    }
}
