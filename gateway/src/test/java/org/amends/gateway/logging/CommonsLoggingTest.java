package org.amends.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Log4jApiLogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Spring's log lines (commons-logging) reach logback, and a message is formatted only at a level that is enabled. */
class CommonsLoggingTest {

    private static final String NAME =
            "org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher";

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
    private final ListAppender<ILoggingEvent> appended = new ListAppender<>();

    @BeforeEach
    void listen() {
        logback.setLevel(Level.INFO);
        appended.start();
        logback.addAppender(appended);
    }

    @AfterEach
    void stopListening() {
        logback.detachAppender(appended);
        logback.setLevel(null);
    }

    @Test
    void aDebugMessageIsNotFormattedWhileDebugIsOff() {
        var formatted = new AtomicInteger();
        var message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "Trying to match using a matcher";
            }
        };

        LogFactory.getLog(NAME).debug(message);

        assertThat(LogFactory.getFactory()).isInstanceOf(Log4jApiLogFactory.class);
        assertThat(formatted).hasValue(0);
        assertThat(appended.list).isEmpty();
    }

    @Test
    void anEnabledLevelReachesLogbackUnderTheSameLoggerWithItsException() {
        var failure = new IllegalStateException("broken");

        LogFactory.getLog(NAME).warn("could not match", failure);

        assertThat(appended.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getLoggerName()).isEqualTo(NAME);
            assertThat(event.getFormattedMessage()).isEqualTo("could not match");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("broken");
        });
    }
}
