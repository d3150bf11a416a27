package io.jobwerk.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A segment file {@code journal--<afterEventId>.journal}: the events after {@code afterEventId} up to
 * the next segment's {@code afterEventId} (as JS7 names its files after the last event id before them).
 */
record Segment(Path path, long afterEventId) {
    private static final Pattern NAME = Pattern.compile("journal--(\\d+)\\.journal");

    static Path path(Path dir, long afterEventId) {
        return dir.resolve("journal--" + afterEventId + ".journal");
    }

    /** Where a segment is written before it is renamed into place. */
    static Path temporaryPath(Path segment) {
        return segment.resolveSibling(segment.getFileName() + ".tmp");
    }

    /** Removes segments a crash left half-created; they never held an event. */
    static void deleteTemporaries(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "journal--*.journal.tmp")) {
            for (Path p : files) {
                Files.delete(p);
            }
        }
    }

    /** The segment files of {@code dir}, oldest first. */
    static List<Segment> list(Path dir) throws IOException {
        List<Segment> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "journal--*.journal")) {
            for (Path p : files) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    result.add(new Segment(p, Long.parseLong(m.group(1))));
                }
            }
        }
        result.sort(Comparator.comparingLong(Segment::afterEventId));
        return result;
    }

    /** Makes a created, renamed or deleted directory entry durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
