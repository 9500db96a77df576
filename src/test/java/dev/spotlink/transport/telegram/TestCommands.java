package dev.spotlink.transport.telegram;

import dev.spotlink.command.Command;
import dev.spotlink.command.CommandArgs;
import dev.spotlink.command.CommandContext;
import dev.spotlink.command.CommandRegistry;
import dev.spotlink.command.CommandSpec;
import dev.spotlink.command.OptionSpec;
import dev.spotlink.command.Reply;
import dev.spotlink.i18n.Messages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Small commands for transport-level tests: they answer in known ways (text, card with image, private link,
 * error, failure) so assertions can be exact. Names and description keys match the core's where it matters
 * (the menu, deep links).
 */
final class TestCommands {

    static final String SECRET_URL = "https://accounts.example.org/authorize?state=SECRET-STATE-123";
    static final int IMAGE_WIDTH = 64;
    static final int IMAGE_HEIGHT = 16;

    private TestCommands() {
    }

    static CommandRegistry registry(Messages messages) {
        return new CommandRegistry(List.of(
                command("link", "command.link.description", List.of(), (ctx, args) ->
                        ctx.replyPrivately(Reply.builder().body("Your personal link, do not share.")
                                .button("Connect Spotify", SECRET_URL).build())),
                command("nowplaying", "command.nowplaying.description",
                        List.of(OptionSpec.user("user", "option.user.description")), (ctx, args) ->
                                ctx.reply(Reply.text("target=" + args.get("user").orElse("self")
                                        + " public=" + ctx.isPublicChannel() + " locale=" + ctx.locale()))),
                command("echo", "command.help.description",
                        List.of(OptionSpec.positional("text", "option.link.description")), (ctx, args) ->
                                ctx.reply(Reply.text("echo: " + args.get("text").orElse("")))),
                command("card", "command.share.description", List.of(), (ctx, args) ->
                        ctx.reply(Reply.builder()
                                .title("Song <1> & \"2\"", "https://open.spotify.com/track/abc?x=1&y=\"2\"")
                                .body("Artist <A> · Album & Co")
                                .footer("Ann on Spotify")
                                .image(new Reply.Attachment(png(), "code.png", "image/png"))
                                .button("Open in Spotify", "https://open.spotify.com/track/abc")
                                .build())),
                command("cover", "command.share.description", List.of(), (ctx, args) ->
                        ctx.reply(Reply.builder().title("Demo tape", null).body("Me · Garage")
                                .thumbnail("https://i.scdn.co/image/cover123").build())),
                command("long", "command.share.description", List.of(), (ctx, args) -> {
                    String body = "x".repeat(3000) + "<&>".repeat(1000);
                    ctx.reply(Reply.builder().title("Long", null).body(body).footer("end")
                            .image(new Reply.Attachment(png(), "code.png", "image/png")).build());
                    ctx.reply(Reply.builder().title("Long", null).body(body + body).footer("end").build());
                }),
                command("oops", "command.help.description", List.of(), (ctx, args) ->
                        ctx.replyPrivately(Reply.error("Spotify is not answering right now."))),
                command("privacy", "command.privacy.description", List.of(), (ctx, args) ->
                        ctx.replyPrivately(Reply.text("Sharing is on."))),
                command("crash", "command.help.description", List.of(), (ctx, args) -> {
                    throw new IllegalStateException("boom");
                })), messages);
    }

    static byte[] png() {
        BufferedImage image = new BufferedImage(IMAGE_WIDTH, IMAGE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, IMAGE_WIDTH, IMAGE_HEIGHT);
        g.setColor(Color.WHITE);
        g.fillRect(4, 4, 8, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Handler {
        void run(CommandContext context, CommandArgs args) throws Exception;
    }

    private static Command command(String name, String descriptionKey, List<OptionSpec> options, Handler handler) {
        CommandSpec spec = new CommandSpec(name, descriptionKey, options, false);
        return new Command() {
            @Override
            public CommandSpec spec() {
                return spec;
            }

            @Override
            public void execute(CommandContext context, CommandArgs args) throws Exception {
                handler.run(context, args);
            }
        };
    }
}
