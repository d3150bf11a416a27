package io.jobwerk.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalCodec;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The journal's codec for the engine: events and snapshot objects as single-line JS7 JSON. */
public final class EngineJournalCodec implements JournalCodec<EngineState> {

    /**
     * An event of {@code journal} (written with this codec) as a line of its event stream: the
     * journal's bytes as written while the event is in its memory, the same JSON encoded anew otherwise.
     */
    public static Function<Stamped<? extends Event>, String> eventLines(Journal<EngineState> journal) {
        return stamped -> journal.encodedEvent(stamped.eventId())
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseGet(() -> encode(stamped));
    }

    private static String encode(Stamped<? extends Event> stamped) {
        return EngineJson.print(EventJson.encodeStamped(stamped));
    }

    @Override
    public byte[] encodeEvent(Stamped<? extends Event> stamped) {
        return EngineJson.printBytes(EventJson.encodeStamped(stamped));
    }

    @Override
    public Checked<Stamped<? extends Event>> decodeEvent(byte[] bytes) {
        return EngineJson.parse(bytes).flatMap(EventJson::decodeStamped).map(s -> s);
    }

    @Override
    public Iterable<Map.Entry<String, byte[]>> snapshotEntries(EngineState state) {
        List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode object : EngineStateJson.snapshotObjects(state)) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(snapshotKey(i++), EngineJson.printBytes(object)));
        }
        return entries;
    }

    @Override
    public long snapshotSize(EngineState state) {
        return (long) state.items().size() + state.workflows().size() + state.orders().size();
    }

    /** Nine digits, so keys sort as the entries were written; without String.format, which is slow per entry. */
    static String snapshotKey(int i) {
        String digits = Integer.toString(i);
        return "000000000".substring(Math.min(9, digits.length())) + digits;
    }

    @Override
    public Checked<EngineState> fromSnapshot(Iterable<Map.Entry<String, byte[]>> entries) {
        List<Map.Entry<String, byte[]>> list = new ArrayList<>();
        entries.forEach(list::add);
        return EngineStateJson.fromSnapshotEntries(list);
    }
}
