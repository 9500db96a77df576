package dev.spotlink.testing;

import dev.spotlink.testing.discord.FakeDiscord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The fake Spotify and the fake Discord as a process of their own, for checks that run the bot outside the test
 * JVM ({@code .ci/image} runs the built container image against them). Usage: {@code FakesMain ENV_FILE}: starts
 * both on 127.0.0.1 and random ports, writes to {@code ENV_FILE} the {@code SPOTLINK_*} variables that point a
 * bot at them (one {@code NAME=value} a line), prints "discord session" once a bot's gateway session is up, and
 * runs until killed.
 */
public final class FakesMain {

    private FakesMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("Usage: FakesMain ENV_FILE");
            System.exit(2);
        }
        FakeSpotify spotify = FakeSpotify.start();
        spotify.registerApp(TestConfigs.CLIENT_ID, TestConfigs.CLIENT_SECRET);
        FakeDiscord discord = FakeDiscord.start();
        List<String> env = List.of(
                "SPOTLINK_SPOTIFY_CLIENT_ID=" + TestConfigs.CLIENT_ID,
                "SPOTLINK_SPOTIFY_CLIENT_SECRET=" + TestConfigs.CLIENT_SECRET,
                "SPOTLINK_SPOTIFY_ACCOUNTS_URL=" + spotify.accountsUrl(),
                "SPOTLINK_SPOTIFY_API_URL=" + spotify.apiUrl(),
                "SPOTLINK_SPOTIFY_CODES_URL=" + spotify.codesUrl(),
                "SPOTLINK_DISCORD_TOKEN=" + discord.token(),
                "SPOTLINK_DISCORD_API_URL=" + discord.apiUrl(),
                "SPOTLINK_DISCORD_GATEWAY_URL=" + discord.gatewayUrl());
        // written whole, then moved: a reader never sees half the variables
        Path file = Path.of(args[0]);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, env, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("fakes ready: spotify " + spotify.baseUrl() + ", discord " + discord.apiUrl());
        while (!discord.awaitSession(Duration.ofMinutes(1))) {
            System.out.println("waiting for a bot's discord session");
        }
        System.out.println("discord session");
        Thread.currentThread().join();
    }
}
