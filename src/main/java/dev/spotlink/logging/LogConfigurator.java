package dev.spotlink.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The bot's logging set-up, in code: one stderr appender (stdout stays clean for the console transport), level
 * from {@code SPOTLINK_LOG_LEVEL} (INFO by default), quieter Jetty, Javalin and Flyway. Logback finds this class
 * through {@code ServiceLoader} before it looks for {@code logback.xml}; building the appender in code spares
 * every start the XML parser and Joran (some 600 classes, about a quarter of a second before the first log line).
 *
 * <p>An admin's own file ({@code -Dlogback.configurationFile=...}) and the tests' {@code logback-test.xml} still
 * win: then this configurator steps aside and Logback reads the file as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** Timestamp first, as the load driver's start-up timeline reads it. */
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    static final String LEVEL_VARIABLE = "SPOTLINK_LOG_LEVEL";
    /** Jetty logs attacker-supplied request text at WARN (bad authority, duplicate Host): not worth an admin's time. */
    private static final Map<String, Level> QUIETER = Map.of(
            "org.eclipse.jetty", Level.ERROR,
            "io.javalin", Level.WARN,
            "org.flywaydb", Level.WARN,
            "net.dv8tion.jda", Level.INFO);

    private final UnaryOperator<String> variables;
    private final Predicate<String> onClassPath;

    /**
     * For {@code ServiceLoader}: variables are system properties, else environment variables (as logback.xml's
     * {@code ${SPOTLINK_LOG_LEVEL}} read them).
     */
    public LogConfigurator() {
        this(name -> {
            String value = System.getProperty(name);
            return value != null ? value : System.getenv(name);
        }, name -> LogConfigurator.class.getClassLoader().getResource(name) != null);
    }

    /**
     * @param variables   looks up {@code SPOTLINK_LOG_LEVEL} and {@code logback.configurationFile}
     * @param onClassPath whether a resource of that name is on the class path
     */
    LogConfigurator(UnaryOperator<String> variables, Predicate<String> onClassPath) {
        this.variables = variables;
        this.onClassPath = onClassPath;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (variables.apply(ContextInitializer.CONFIG_FILE_PROPERTY) != null
                || onClassPath.test(ContextInitializer.TEST_AUTOCONFIG_FILE)) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code SPOTLINK_LOG_LEVEL}, or INFO when unset or not a level name. */
    Level rootLevel() {
        String value = variables.apply(LEVEL_VARIABLE);
        return value == null || value.isBlank() ? Level.INFO : Level.toLevel(value.strip(), Level.INFO);
    }
}
