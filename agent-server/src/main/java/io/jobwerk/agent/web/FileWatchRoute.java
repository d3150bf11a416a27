package io.jobwerk.agent.web;

import io.jobwerk.agent.filewatch.FileWatcher;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Clock;

/**
 * {@code POST /agent/api/fileWatch} with a {@code FileWatch} item: one scan of its directory,
 * {@code {"directory":"/abs","files":["stable-name",…]}} (Jobwerk's own; the Controller polls it).
 */
public final class FileWatchRoute {

    private final FileWatcher fileWatcher;
    private final Clock clock;

    public FileWatchRoute(FileWatcher fileWatcher, Clock clock) {
        this.fileWatcher = fileWatcher;
        this.clock = clock;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.post("/agent/api/fileWatch", auth.require(Permission.UpdateItem, (ex, user) -> fileWatch(ex)));
    }

    private void fileWatch(HttpServerExchange exchange) {
        Checked<FileWatcher.Scan> scan = Exchanges.readJson(exchange).flatMap(ItemJson::decode)
                .flatMap(item -> item instanceof Item.FileWatch w ? Checked.ok(w)
                        : Checked.<Item.FileWatch>fail(Problem.of("BadRequest", "Expected a FileWatch item")))
                .flatMap(w -> fileWatcher.scan(w, clock.instant()));
        Exchanges.respond(exchange, scan, sc -> {
            var o = EngineJson.MAPPER.createObjectNode();
            o.put("directory", sc.directory());
            var a = o.putArray("files");
            sc.files().forEach(a::add);
            return o;
        });
    }
}
