package io.jobwerk.controller.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.RoutingHandler;
import java.util.Arrays;

/**
 * {@code GET /controller/api/session}: who the caller is and what it may do,
 * {@code {"user":"operator","permissions":["ControlOrder"]}} — the permissions as granted, in
 * {@link Permission}'s order ({@code Super} implies all, any implies {@code ValidUser}), so a
 * client can disable what would be refused. Any valid user may ask; {@code POST} on the same path
 * stays the login and logout. Jobwerk's own: JS7 leaves this to JOC Cockpit.
 */
public final class SessionRoute {

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/controller/api/session", auth.require(Permission.ValidUser,
                (exchange, user) -> Exchanges.respondJson(exchange, 200, encode(user))));
    }

    static ObjectNode encode(UserAccount user) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("user", user.id());
        var permissions = o.putArray("permissions");
        Arrays.stream(Permission.values()).filter(user.permissions()::contains).forEach(p -> permissions.add(p.name()));
        return o;
    }
}
