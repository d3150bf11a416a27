package io.jobwerk.agent.filewatch;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.path.FileWatchPath;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The Agent's side of {@code FileWatch} items: scans the watch's directory ({@code directoryExpr},
 * evaluated without order variables) for regular files whose name matches {@code pattern} (a Java
 * regular expression over the whole name; all files without one) and reports those whose size and
 * modification time have not changed for the watch's {@code delay}. Polling: each {@link #scan} is one
 * look at the directory, remembering per watch when each file last changed. Thread-safe.
 */
public final class FileWatcher {

    /** The directory (absolute) and the stable matching file names. */
    public record Scan(String directory, Set<String> files) {}

    private record Seen(long size, long modified, Instant since) {}

    private final Map<FileWatchPath, Map<String, Seen>> seen = new ConcurrentHashMap<>();

    public Checked<Scan> scan(Item.FileWatch watch, Instant now) {
        Checked<Value> value = watch.directoryExpr().evaluate(Scope.EMPTY);
        if (value.isFail()) {
            return Checked.fail(value.problemOption().orElseThrow().withPrefix("FileWatch '" + watch.path() + "' directoryExpr"));
        }
        if (!(value.orThrow() instanceof Value.StringValue s)) {
            return Checked.fail(Problem.of("FileWatchProblem", "FileWatch '" + watch.path() + "': directoryExpr must give a string"));
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(watch.pattern().orElse(".*"));
        } catch (PatternSyntaxException e) {
            return Checked.fail(Problem.of("FileWatchProblem", "FileWatch '" + watch.path() + "': bad pattern: " + e.getDescription()));
        }
        Path dir = Path.of(s.string()).toAbsolutePath().normalize();
        Map<String, Seen> before = seen.getOrDefault(watch.path(), Map.of());
        Map<String, Seen> now_ = new HashMap<>();
        Set<String> stable = new TreeSet<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : (Iterable<Path>) list::iterator) {
                String name = file.getFileName().toString();
                if (!pattern.matcher(name).matches()) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException e) {
                    continue; // vanished while listing
                }
                if (!attributes.isRegularFile()) {
                    continue;
                }
                Seen last = before.get(name);
                long modified = attributes.lastModifiedTime().toMillis();
                Seen current = last != null && last.size() == attributes.size() && last.modified() == modified
                        ? last : new Seen(attributes.size(), modified, now);
                now_.put(name, current);
                if (!current.since().plus(watch.delay()).isAfter(now)) {
                    stable.add(name);
                }
            }
        } catch (IOException e) {
            return Checked.fail(Problem.of("FileWatchProblem", "FileWatch '" + watch.path() + "': directory " + dir + " cannot be read: " + e));
        }
        seen.put(watch.path(), now_);
        return Checked.ok(new Scan(dir.toString(), stable));
    }
}
