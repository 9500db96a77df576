package dev.spotlink.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import java.util.Map;
import java.util.Optional;

import dev.spotlink.i18n.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCommandParserTest {

    private final Command share = new FakeCommand(new CommandSpec("share", "command.share.description", List.of(
            OptionSpec.positional("link", "option.link.description"),
            OptionSpec.choice("bars", "option.bars.description", List.of("white", "black")),
            OptionSpec.integer("size", "option.size.description")), true));
    private final Command help = new FakeCommand(new CommandSpec("help", "command.help.description", List.of(), false));
    private final TextCommandParser parser =
            new TextCommandParser(new CommandRegistry(List.of(share, help), new Messages()));

    @Test
    void optionsInAnyOrderBesideThePositionalLink() {
        var parsed = parser.parse("/share bars:black https://open.spotify.com/track/abc?si=1 size:800", null);
        var ok = assertInstanceOf(TextCommandParser.Parsed.Ok.class, parsed);
        assertSame(share, ok.command());
        assertEquals(Map.of("link", "https://open.spotify.com/track/abc?si=1", "bars", "black", "size", "800"),
                ok.args().values());
    }

    @Test
    void spotifyUrisAreLinksNotOptions() {
        var ok = (TextCommandParser.Parsed.Ok) parser.parse("/share spotify:track:6rqhFgbbKwnb9MLmUQDhG6", null);
        assertEquals(Optional.of("spotify:track:6rqhFgbbKwnb9MLmUQDhG6"), ok.args().get("link"));
    }

    @Test
    void unknownOptionListsTheValidOnes() {
        var parsed = parser.parse("/share style:code", null);
        assertEquals(new TextCommandParser.Parsed.Problem("error.option.unknown",
                List.of("style", "/share", "[link], bars:, size:")), parsed);
    }

    @Test
    void botSuffixIsAcceptedForUsAndIgnoredForOthers() {
        assertInstanceOf(TextCommandParser.Parsed.Ok.class, parser.parse("/help@SpotlinkBot", "spotlinkbot"));
        assertInstanceOf(TextCommandParser.Parsed.Ignored.class, parser.parse("/help@OtherBot", "spotlinkbot"));
        assertInstanceOf(TextCommandParser.Parsed.Ignored.class, parser.parse("/help@SpotlinkBot", null));
    }

    @Test
    void plainTextIsIgnoredAndUnknownCommandsExplained() {
        assertInstanceOf(TextCommandParser.Parsed.Ignored.class, parser.parse("hello there", null));
        assertInstanceOf(TextCommandParser.Parsed.Ignored.class, parser.parse(null, null));
        assertEquals(new TextCommandParser.Parsed.Problem("error.command.unknown", List.of("/dance")),
                parser.parse("/dance", null));
    }

    @Test
    void duplicateEmptyAndUnexpectedArgumentsAreProblems() {
        assertEquals("error.option.duplicate", problemKey(parser.parse("/share bars:black bars:white", null)));
        assertEquals("error.option.empty", problemKey(parser.parse("/share bars:", null)));
        assertEquals("error.args.unexpected", problemKey(parser.parse("/help me please", null)));
        assertEquals("error.args.too-long", problemKey(parser.parse("/share " + "x".repeat(5000), null)));
    }

    private static String problemKey(TextCommandParser.Parsed parsed) {
        return assertInstanceOf(TextCommandParser.Parsed.Problem.class, parsed).messageKey();
    }

    private record FakeCommand(CommandSpec spec) implements Command {
        @Override
        public void execute(CommandContext context, CommandArgs args) {
        }
    }
}
