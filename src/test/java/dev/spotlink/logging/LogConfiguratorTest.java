package dev.spotlink.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {

    @Test
    void logbackFindsItAsAService() {
        assertTrue(ServiceLoader.load(Configurator.class).stream()
                .anyMatch(provider -> provider.type() == LogConfigurator.class));
    }

    @Test
    void configuresStderrWithTheTimestampFirstPatternAndQuieterLibraries() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator(name -> null, name -> false);
        configurator.setContext(context);

        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        ConsoleAppender<?> stderr = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        assertEquals("System.err", stderr.getTarget());
        assertTrue(stderr.isStarted());
        assertEquals(LogConfigurator.PATTERN,
                assertInstanceOf(PatternLayoutEncoder.class, stderr.getEncoder()).getPattern());
        assertEquals(Level.ERROR, context.getLogger("org.eclipse.jetty").getLevel());
        assertEquals(Level.WARN, context.getLogger("io.javalin").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.flywaydb").getLevel());
        assertEquals(Level.INFO, context.getLogger("net.dv8tion.jda").getLevel());
    }

    @Test
    void rootLevelComesFromSpotlinkLogLevelAndFallsBackToInfo() {
        Map<String, Level> expected = Map.of("DEBUG", Level.DEBUG, " warn ", Level.WARN, "", Level.INFO,
                "loud", Level.INFO);
        expected.forEach((value, level) -> assertEquals(level,
                new LogConfigurator(name -> name.equals("SPOTLINK_LOG_LEVEL") ? value : null, name -> false)
                        .rootLevel(), value));
        assertEquals(Level.INFO, new LogConfigurator(name -> null, name -> false).rootLevel());
    }

    @Test
    void stepsAsideForAnAdminsFileOrTheTestsLogbackTestXml() {
        LoggerContext context = new LoggerContext();
        LogConfigurator ownFile = new LogConfigurator(
                name -> name.equals("logback.configurationFile") ? "/etc/spotlink/logback.xml" : null, name -> false);
        LogConfigurator testFile = new LogConfigurator(name -> null, name -> name.equals("logback-test.xml"));
        for (LogConfigurator configurator : new LogConfigurator[] {ownFile, testFile}) {
            configurator.setContext(context);
            assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context));
        }
        assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
    }
}
