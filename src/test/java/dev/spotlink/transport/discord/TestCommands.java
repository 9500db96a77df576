package dev.spotlink.transport.discord;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandArgs;
import dev.spotlink.command.CommandContext;
import dev.spotlink.command.CommandSpec;
import dev.spotlink.command.OptionSpec;
import dev.spotlink.command.Reply;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Small commands that exercise one transport behaviour each. */
final class TestCommands {

    static final String TRACK_URL = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC";
    static final String COVER_URL = "https://i.scdn.co/image/ab67616d0000b273cover";

    private TestCommands() {
    }

    /** Answers privately, fast, without Spotify (like /link). */
    static Command secret() {
        return simple(new CommandSpec("secret", "command.help.description", List.of(), false),
                (ctx, args) -> ctx.replyPrivately(Reply.text("only for " + ctx.user().userId())));
    }

    /** Calls "Spotify" (deferred) and answers publicly with a card: title, thumbnail, PNG, button, footer. */
    static Command card() {
        return simple(new CommandSpec("card", "command.nowplaying.description", List.of(), true),
                (ctx, args) -> ctx.reply(Reply.builder()
                        .title("Never Gonna Give You Up", TRACK_URL)
                        .body("Rick Astley · Whenever You Need Somebody\n▶ 0:30 ━━━━○──────── 3:33")
                        .thumbnail(COVER_URL)
                        .footer("alice on Spotify")
                        .image(new Reply.Attachment(png(), "code.png", "image/png"))
                        .button("Open in Spotify", TRACK_URL)
                        .build()));
    }

    /** Fails with a bug (not a Spotify error). */
    static Command boom(boolean callsSpotify) {
        return simple(new CommandSpec("boom", "command.help.description", List.of(), callsSpotify),
                (ctx, args) -> {
                    throw new IllegalStateException("boom");
                });
    }

    /** Says back what the context and the arguments were, publicly. */
    static Command echo() {
        return simple(new CommandSpec("echo", "command.help.description", List.of(
                        OptionSpec.positional("text", "option.link.description"),
                        OptionSpec.user("user", "option.user.description"),
                        OptionSpec.integer("size", "option.size.description"),
                        OptionSpec.choice("bars", "option.bars.description", List.of("white", "black"))), false),
                (ctx, args) -> ctx.reply(Reply.text("user=" + ctx.user() + " locale=" + ctx.locale()
                        + " public=" + ctx.isPublicChannel() + " args=" + new java.util.TreeMap<>(args.values()))));
    }

    /** Answers publicly once {@code release} opens (with {@code started} counted down when it begins). */
    static Command slow(CountDownLatch started, CountDownLatch release) {
        return simple(new CommandSpec("slow", "command.help.description", List.of(), false), (ctx, args) -> {
            started.countDown();
            if (!release.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            ctx.reply(Reply.text("finally"));
        });
    }

    /** Answers with whatever reply the test gives. */
    static Command fixed(String name, boolean callsSpotify, Reply... replies) {
        return simple(new CommandSpec(name, "command.help.description", List.of(), callsSpotify), (ctx, args) -> {
            for (Reply reply : replies) {
                ctx.reply(reply);
            }
        });
    }

    /** A real PNG: a green square with a dark stripe. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(64, 16, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x1DB954));
        g.fillRect(0, 0, 64, 16);
        g.setColor(Color.BLACK);
        g.fillRect(8, 4, 48, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    interface Body {
        void run(CommandContext context, CommandArgs args) throws Exception;
    }

    static Command simple(CommandSpec spec, Body body) {
        return new Command() {
            @Override
            public CommandSpec spec() {
                return spec;
            }

            @Override
            public void execute(CommandContext context, CommandArgs args) throws Exception {
                body.run(context, args);
            }
        };
    }
}
