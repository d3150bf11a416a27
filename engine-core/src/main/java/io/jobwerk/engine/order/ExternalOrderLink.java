package io.jobwerk.engine.order;

import io.jobwerk.engine.path.FileWatchPath;
import java.util.Objects;

/** The file (of a FileWatch) an order was made for; the order is deleted when the file vanished. */
public record ExternalOrderLink(FileWatchPath fileWatchPath, String name, boolean vanished) {
    public ExternalOrderLink {
        Objects.requireNonNull(fileWatchPath, "fileWatchPath");
        Objects.requireNonNull(name, "name");
    }
}
