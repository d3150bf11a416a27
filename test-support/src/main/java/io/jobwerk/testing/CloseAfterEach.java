package io.jobwerk.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test started (servers, systems, clients), last started first, after each test, also
 * when it failed: {@code @RegisterExtension final CloseAfterEach closing = new CloseAfterEach();} and
 * {@code system = closing.add(TestSystem.separate(dir))}. A failing close is reported after the
 * others closed.
 */
public final class CloseAfterEach implements AfterEachCallback {

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Registers {@code closeable} to be closed after the test; returns it. */
    public synchronized <T extends AutoCloseable> T add(T closeable) {
        started.add(closeable);
        return closeable;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<AutoCloseable> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(started);
            started.clear();
        }
        Closing.lastFirst(toClose);
    }
}
