package io.jobwerk.cockpit.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's connection profiles in {@code connections.json} of the {@link ConfigDirectory}:
 * {@code {"connections":[{"name":…,"controller":…,"user":…}],"open":["prod",…]}} — name, URL and user, never a
 * password (there is no field for one), and the names of the connections open when it was last
 * saved, which the Cockpit opens again at start. A save writes a new file and moves it over the old one, so a
 * crash leaves the old or the new list, never half of one. A missing file is an empty list.
 */
public final class ProfileStore {

    public static final String FILE_NAME = "connections.json";

    private final Path file;

    public ProfileStore(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    public Checked<List<ConnectionProfile>> load() {
        if (!Files.exists(file)) {
            return Checked.ok(List.of());
        }
        try {
            Checked<JsonNode> json = EngineJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            return json.flatMap(this::decode);
        } catch (IOException e) {
            return Checked.fail(Problem.of("ConnectionsFile", "Cannot read " + file + ": " + e.getMessage()));
        }
    }

    /**
     * The names of the connections that were open at the last save; none when the file is missing,
     * unreadable or older than this list (a start that opens nothing is the safe side).
     */
    public Set<String> loadOpen() {
        if (!Files.exists(file)) {
            return Set.of();
        }
        try {
            Checked<JsonNode> json = EngineJson.parse(Files.readString(file, StandardCharsets.UTF_8));
            Set<String> open = new LinkedHashSet<>();
            json.toOptional().ifPresent(j -> j.path("open").forEach(name -> open.add(name.asText())));
            return Collections.unmodifiableSet(open);
        } catch (IOException e) {
            return Set.of();
        }
    }

    private Checked<List<ConnectionProfile>> decode(JsonNode json) {
        List<ConnectionProfile> profiles = new ArrayList<>();
        for (JsonNode entry : json.path("connections")) {
            Checked<ConnectionProfile> profile = ConnectionProfile.checked(entry.path("name").asText(""),
                    entry.path("controller").asText(""), entry.path("user").asText(""));
            if (profile.isFail()) {
                return Checked.fail(profile.problemOption().orElseThrow().withPrefix(file + ", connection " + (profiles.size() + 1)));
            }
            profiles.add(profile.orThrow());
        }
        return Checked.ok(List.copyOf(profiles));
    }

    public Checked<Path> save(List<ConnectionProfile> profiles) {
        return save(profiles, Set.of());
    }

    /** Saves the profiles and which of them are open (names of profiles in the list). */
    public Checked<Path> save(List<ConnectionProfile> profiles, Set<String> open) {
        ObjectNode root = EngineJson.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("connections");
        for (ConnectionProfile p : profiles) {
            list.addObject().put("name", p.name()).put("controller", p.controllerUri()).put("user", p.userId());
        }
        ArrayNode openNames = root.putArray("open");
        profiles.stream().map(ConnectionProfile::name).filter(open::contains).forEach(openNames::add);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
            Files.writeString(temporary, EngineJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return Checked.ok(file);
        } catch (IOException e) {
            return Checked.fail(Problem.of("ConnectionsFile", "Cannot write " + file + ": " + e.getMessage()));
        }
    }
}
