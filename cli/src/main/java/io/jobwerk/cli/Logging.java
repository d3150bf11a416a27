package io.jobwerk.cli;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logging of the {@code jobwerk} executable, through SLF4J and Logback ({@link LogbackConfigurator}):
 * one line per record on stderr; a server adds a rotating file in its data directory.
 * {@code -Dlogback.configurationFile=FILE} replaces both.
 * Libraries logging through {@code java.util.logging} reach the same appenders.
 */
final class Logging {
    private Logging() {}

    private static final String CONFIGURATION_FILE = "logback.configurationFile";

    static void configure() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** Where a server writes its log instead of {@code DATA/logs}. */
    static final String LOGS_DIRECTORY_PROPERTY = "jobwerk.logs";

    /**
     * Logs also to {@code DATA/logs/NAME.log} (or {@code -Djobwerk.logs=DIR}), unless the user gave a configuration of their own or the
     * directory cannot be created (the server's start then says why, in one line).
     */
    static void toFile(Path dataDirectory, String name) {
        if (System.getProperty(CONFIGURATION_FILE) != null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        // The distribution's service scripts keep all logs in one place: -Djobwerk.logs=HOME/logs
        String logsProperty = System.getProperty(LOGS_DIRECTORY_PROPERTY);
        Path logs = logsProperty != null ? Path.of(logsProperty) : dataDirectory.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            return;
        }
        LogbackConfigurator.configureServer(context, logs.resolve(name + ".log").toAbsolutePath());
    }
}
