package io.jobwerk.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/** JSON lines in the engine's wire shape: {@code {"eventId":…,"Key":…,"TYPE":…,…}}. */
final class TestCodec implements JournalCodec<TestState> {
    static final TestCodec INSTANCE = new TestCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public byte[] encodeEvent(Stamped<? extends Event> stamped) {
        ObjectNode o = JSON.createObjectNode();
        o.put("eventId", stamped.eventId());
        stamped.keyedEvent().key().ifPresent(k -> o.put("Key", k));
        Event e = stamped.keyedEvent().event();
        o.put("TYPE", e.typeName());
        if (e instanceof TestEvent.Incremented inc) {
            o.put("by", inc.by()).put("txn", inc.txn()).put("part", inc.part()).put("parts", inc.parts());
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Checked<Stamped<? extends Event>> decodeEvent(byte[] bytes) {
        try {
            JsonNode o = JSON.readTree(bytes);
            String type = o.path("TYPE").asText();
            TestEvent e = switch (type) {
                case "Incremented" -> new TestEvent.Incremented(o.get("by").asLong(), o.get("txn").asText(),
                        o.get("part").asInt(), o.get("parts").asInt());
                case "Removed" -> new TestEvent.Removed();
                default -> null;
            };
            if (e == null) {
                return Checked.fail(Problem.of("JsonDecode", "Unknown TYPE " + type));
            }
            Optional<String> key = o.has("Key") ? Optional.of(o.get("Key").asText()) : Optional.empty();
            return Checked.ok(new Stamped<>(o.get("eventId").asLong(), Optional.empty(), new KeyedEvent<>(key, e)));
        } catch (Exception ex) {
            return Checked.fail(Problem.of("JsonDecode", ex.toString()));
        }
    }

    @Override
    public Iterable<Map.Entry<String, byte[]>> snapshotEntries(TestState state) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>(state.counters().size() + 1);
        entries.add(new AbstractMap.SimpleEntry<>("eventCount", Long.toString(state.eventCount()).getBytes(StandardCharsets.UTF_8)));
        state.counters().forEach((k, v) ->
                entries.add(new AbstractMap.SimpleEntry<>("counter/" + k, Long.toString(v).getBytes(StandardCharsets.UTF_8))));
        return entries;
    }

    @Override
    public Checked<TestState> fromSnapshot(Iterable<Map.Entry<String, byte[]>> entries) {
        PMap<String, Long> counters = HashTreePMap.empty();
        long eventCount = 0;
        for (Map.Entry<String, byte[]> e : entries) {
            long value = Long.parseLong(new String(e.getValue(), StandardCharsets.UTF_8));
            if (e.getKey().equals("eventCount")) {
                eventCount = value;
            } else if (e.getKey().startsWith("counter/")) {
                counters = counters.plus(e.getKey().substring("counter/".length()), value);
            } else {
                return Checked.fail(Problem.of("SnapshotDecode", "Unknown snapshot key " + e.getKey()));
            }
        }
        return Checked.ok(new TestState(counters, eventCount));
    }
}
