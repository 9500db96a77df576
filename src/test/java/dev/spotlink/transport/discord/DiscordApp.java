package dev.spotlink.transport.discord;

import dev.spotlink.Application;
import dev.spotlink.config.SpotlinkConfig;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/** The whole application with its Discord transport, started against a fake Discord, for end-to-end tests. */
final class DiscordApp implements AutoCloseable {

    final Application app;
    private final DiscordTransport transport;

    private DiscordApp(Application app, DiscordTransport transport) {
        this.app = app;
        this.transport = transport;
    }

    /** Starts it with {@code config} (whose Discord settings point at the fake) and waits for its commands. */
    static DiscordApp start(SpotlinkConfig config) throws Exception {
        Application app = Application.start(config, Clock.systemUTC());
        DiscordTransport transport = DiscordTransport.create(config.discord().orElseThrow(), app.core()).start();
        transport.commandsSynced().get(DiscordHarness.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new DiscordApp(app, transport);
    }

    @Override
    public void close() {
        transport.close();
        app.close();
    }
}
