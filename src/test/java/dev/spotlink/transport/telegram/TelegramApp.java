package dev.spotlink.transport.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlink.Application;
import dev.spotlink.config.SpotlinkConfig;
import dev.spotlink.testing.telegram.FakeTelegram;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The whole application with its Telegram transport, started against a fake Bot API, for end-to-end tests. */
final class TelegramApp implements AutoCloseable {

    final Application app;
    private final TelegramTransport transport;
    private final FakeTelegram telegram;

    private TelegramApp(Application app, TelegramTransport transport, FakeTelegram telegram) {
        this.app = app;
        this.transport = transport;
        this.telegram = telegram;
    }

    /** Starts it with {@code config} (whose Telegram settings point at {@code telegram}) and waits until it is ready. */
    static TelegramApp start(SpotlinkConfig config, FakeTelegram telegram, Duration wait) {
        return start(config, telegram, wait, Clock.systemUTC());
    }

    /** As above on {@code clock} (tests of limits and caches move it by hand). */
    static TelegramApp start(SpotlinkConfig config, FakeTelegram telegram, Duration wait, Clock clock) {
        Application app = Application.start(config, clock);
        TelegramTransport transport = TelegramTransport.create(config.telegram().orElseThrow(), app.core());
        transport.start();
        // the command menu in English, then in Russian: the transport is up
        telegram.awaitCall("setMyCommands", wait);
        telegram.awaitCall("setMyCommands", wait);
        return new TelegramApp(app, transport, telegram);
    }

    /** Stops it, then fails if it sent anything the real Bot API would refuse. */
    @Override
    public void close() {
        List<String> violations = telegram.specViolations();
        transport.close();
        app.close();
        assertEquals(List.of(), violations, "requests the real Bot API would refuse");
    }
}
