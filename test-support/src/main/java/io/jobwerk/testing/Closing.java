package io.jobwerk.testing;

import java.util.List;

/** Closes what was started, last started first; a failing close does not keep the others open. */
public final class Closing {

    private Closing() {}

    /** Closes each of {@code started}, the last first; throws the first failure, later ones suppressed in it. */
    public static void lastFirst(List<? extends AutoCloseable> started) throws Exception {
        Exception first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
