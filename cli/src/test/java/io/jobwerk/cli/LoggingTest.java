package io.jobwerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {

    @TempDir Path data;

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    @AfterEach
    void backToTheDefaultConfiguration() throws Exception {
        System.clearProperty("logback.configurationFile");
        context().reset();
        new ContextInitializer(context()).autoConfig();
    }

    @Test
    void aServerLogsIntoAFileInItsDataDirectory() throws Exception {
        Logging.toFile(data, "controller");
        LoggerFactory.getLogger(LoggingTest.class).warn("written to the file");
        Path file = data.resolve("logs").resolve("controller.log");
        assertThat(Files.readString(file)).contains("WARN [main] io.jobwerk.cli.LoggingTest: written to the file");
    }

    @Test
    void aServersFileRollsOverDailyAndAt10MbKeeping14DaysAnd200Mb() {
        Logging.toFile(data, "agent");
        Logger root = context().getLogger(Logger.ROOT_LOGGER_NAME);
        RollingFileAppender<ILoggingEvent> file = (RollingFileAppender<ILoggingEvent>) root.getAppender("FILE");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = (SizeAndTimeBasedRollingPolicy<ILoggingEvent>) file.getRollingPolicy();
        String name = data.resolve("logs").resolve("agent.log").toAbsolutePath().toString();
        assertThat(file.getFile()).isEqualTo(name);
        assertThat(file.getTriggeringPolicy()).isSameAs(policy);
        assertThat(policy.getFileNamePattern()).isEqualTo(name + ".%d{yyyy-MM-dd,UTC}.%i.gz");
        assertThat(policy.getMaxHistory()).isEqualTo(14);
        assertThat(policy.isStarted()).isTrue();
        assertThat(policy.toString()).contains("SizeAndTimeBasedRollingPolicy");
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    }

    @Test
    void everyCommandLogsInfoOnStderrWithTheNoisyLibrariesAtWarn() {
        Logger root = context().getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(root.getAppender("FILE")).isNull();
        for (String name : Set.of("org.xnio", "io.undertow", "org.jboss", "okhttp3")) {
            assertThat(context().getLogger(name).getLevel()).as(name).isEqualTo(Level.WARN);
            assertThat(java.util.logging.Logger.getLogger(name).getLevel()).as(name).isEqualTo(java.util.logging.Level.WARNING);
        }
        assertThat(context().getCopyOfListenerList().stream().map(Object::getClass).collect(Collectors.toSet()))
                .contains(LevelChangePropagator.class);
    }

    @Test
    void aUsersConfigurationFileIsLeftToLogback() {
        System.setProperty("logback.configurationFile", data.resolve("mine.xml").toString());
        assertThat(new LogbackConfigurator().configure(context())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        Logging.toFile(data, "controller");
        assertThat(Files.exists(data.resolve("logs"))).isFalse();
    }
}
