package io.jobwerk.http.server;

import io.jobwerk.engine.base.Problem;
import java.util.Map;

/** The HTTP status for a problem: 400 unless its code says otherwise. */
public final class HttpProblems {
    private HttpProblems() {}

    private static final Map<String, Integer> STATUS_BY_CODE = Map.ofEntries(
            Map.entry("Unauthenticated", 401),
            Map.entry("InvalidLogin", 401),
            Map.entry("Forbidden", 403),
            Map.entry("NoSuchRoute", 404),
            Map.entry("MethodNotAllowed", 405),
            Map.entry("DuplicateOrder", 409),
            Map.entry("PayloadTooLarge", 413),
            Map.entry("UnsupportedMediaType", 415),
            Map.entry("ServiceUnavailable", 503),
            Map.entry("JournalError", 503),
            Map.entry("EngineRoundFailed", 500),
            Map.entry("InternalError", 500));

    public static int status(Problem problem) {
        return STATUS_BY_CODE.getOrDefault(problem.code(), 400);
    }
}
