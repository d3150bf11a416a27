package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {

    @TempDir Path data;

    @AfterEach
    void backToTheDefaultConfiguration() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
        System.clearProperty(Logging.LOG_FILE_PROPERTY);
    }

    @Test
    void aServerLogsIntoAFileInItsDataDirectory() throws Exception {
        Logging.toFile(data, "controller");
        LoggerFactory.getLogger(LoggingTest.class).warn("written to the file");
        Path file = data.resolve("logs").resolve("controller.log");
        assertThat(Files.readString(file)).contains("WARN [main] io.jobwerk.cli.LoggingTest: written to the file");
    }
}
