package io.jobwerk.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.http.server.WebServerConf;
import io.undertow.server.RoutingHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionRouteTest {

    private WebServer server;
    private String base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Users users = new Users(List.of(
                new UserAccount("operator", PasswordHash.parse("plain:op").orThrow(), Set.of(Permission.UpdateItem, Permission.ControlOrder)),
                new UserAccount("viewer", PasswordHash.parse("plain:look").orThrow(), Set.of(Permission.ValidUser))));
        Authentication auth = new Authentication(users, new Sessions(Duration.ofHours(1), Clock.systemUTC()), Duration.ofMillis(10));
        RoutingHandler routes = new RoutingHandler();
        routes.post("/controller/api/session", auth.sessionRoute());
        new SessionRoute().addTo(routes, auth);
        server = WebServer.start(new WebServerConf("127.0.0.1", 0, 1024), routes);
        base = "http://127.0.0.1:" + server.port() + "/controller/api/session";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheCallersNameAndGrantedPermissionsInTheirOrder() throws Exception {
        HttpResponse<String> response = get("operator", "op");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"user\":\"operator\",\"permissions\":[\"ControlOrder\",\"UpdateItem\"]}");
        assertThat(get("viewer", "look").body()).isEqualTo("{\"user\":\"viewer\",\"permissions\":[\"ValidUser\"]}");
    }

    @Test
    void withoutALoginIsUnauthenticatedAndLoginStaysAPost() throws Exception {
        assertThat(get(null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofString(
                "{\"TYPE\":\"Login\",\"userAndPassword\":{\"userId\":\"viewer\",\"password\":\"look\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("\"TYPE\":\"LoggedIn\"");
    }
}
