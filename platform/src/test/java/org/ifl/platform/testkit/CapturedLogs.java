package org.ifl.platform.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of a test run, kept in memory: for checks of what the run logged (no secret, no ERROR). The
 * loggers named are raised to INFO (where Kafka prints its client configurations) and write here only, not to the
 * console. {@link #close()} puts everything back.
 */
public final class CapturedLogs implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> verboseLoggers;

    private CapturedLogs(List<String> verboseLoggers) {
        this.verboseLoggers = verboseLoggers;
    }

    /** Starts capturing every event, those of {@code verboseLoggers} at INFO and here only. */
    public static CapturedLogs start(List<String> verboseLoggers) {
        CapturedLogs logs = new CapturedLogs(List.copyOf(verboseLoggers));
        logs.appender.start();
        root().addAppender(logs.appender);
        for (String name : logs.verboseLoggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.setLevel(Level.INFO);
            logger.setAdditive(false);
            logger.addAppender(logs.appender);
        }
        return logs;
    }

    /** The events so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Each event as one text: logger, message and, if any, its exception's stack trace. */
    public List<String> texts() {
        return events().stream().map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        for (String name : verboseLoggers) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            logger.detachAppender(appender);
            logger.setLevel(null);
            logger.setAdditive(true);
        }
        appender.stop();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
