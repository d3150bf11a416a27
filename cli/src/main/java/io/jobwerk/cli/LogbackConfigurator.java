package io.jobwerk.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * The {@code jobwerk} executable's Logback configuration, built in code (found by Logback's
 * ServiceLoader through {@code META-INF/services}) rather than read from XML: Logback's XML
 * configurator loads some 550 classes, a tenth of a server's start.
 *
 * <p>Every command logs one line per record on stderr ({@code 2026-01-04T10:00:00.000Z INFO Name: message});
 * a server also logs into a file ({@link #configureServer}), rolled over daily (UTC) and at 10 MB into
 * {@code FILE.yyyy-MM-dd.N.gz}, 14 days and 200 MB kept. {@code org.xnio}, {@code io.undertow},
 * {@code org.jboss} and {@code okhttp3} log warnings only; {@code java.util.logging} gets the same
 * levels. {@code -Dlogback.configurationFile=FILE} (or a {@code logback-test.xml}) replaces all of it:
 * then this configurator leaves the work to Logback's own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {
    private static final String STDERR_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %level %logger{0}: %msg%n";
    private static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %level [%thread] %logger: %msg%n";
    private static final String[] QUIET_LOGGERS = {"org.xnio", "io.undertow", "org.jboss", "okhttp3"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || LogbackConfigurator.class.getResource("/logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureCommand(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Every command: stderr only. */
    static void configureCommand(LoggerContext context) {
        Logger root = configureCommon(context);
        root.addAppender(stderr(context));
    }

    /** A server: stderr and {@code file}, rolled over; replaces what {@code context} had. */
    static void configureServer(LoggerContext context, Path file) {
        context.reset();
        Logger root = configureCommon(context);
        root.addAppender(stderr(context));
        root.addAppender(rollingFile(context, file.toString()));
    }

    private static Logger configureCommon(LoggerContext context) {
        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);
        for (String name : QUIET_LOGGERS) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        return root;
    }

    private static Appender<ILoggingEvent> stderr(LoggerContext context) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context, STDERR_PATTERN));
        appender.start();
        return appender;
    }

    private static Appender<ILoggingEvent> rollingFile(LoggerContext context, String file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("FILE");
        appender.setFile(file);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(file + ".%d{yyyy-MM-dd,UTC}.%i.gz");
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.setEncoder(encoder(context, FILE_PATTERN));
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder encoder(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
