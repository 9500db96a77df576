package dev.spotlink.transport.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlink.command.Reply;
import java.util.List;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

/** Rendering rules that need no Discord: limits, unsafe values, odd replies. */
class ReplyRendererTest {

    private final ReplyRenderer renderer = new ReplyRenderer();

    @Test
    void cutsWithoutSplittingAnEmoji() {
        String text = "a".repeat(8) + "🎵🎵";
        String cut = ReplyRenderer.truncate(text, 10);
        assertTrue(cut.endsWith("…"), cut);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 2)), cut);
        assertEquals("short", ReplyRenderer.truncate("short", 10));
        assertNull(ReplyRenderer.truncate("  ", 10));
    }

    @Test
    void uploadNamesAreSafeForAttachmentUrls() {
        assertEquals("spotify-code-track-abc.png", ReplyRenderer.safeFileName("spotify-code-track-abc.png"));
        assertEquals("my_code__1_.png", ReplyRenderer.safeFileName("my code (1).png"));
        assertEquals("image.png", ReplyRenderer.safeFileName(".png"));
    }

    @Test
    void invalidUrlsAreLeftOutInsteadOfFailingTheReply() {
        MessageCreateData data = renderer.render(Reply.builder().title("Local file", "spotify:local:x")
                .thumbnail("not a url").body("b").button("Open", "spotify:track:abc").build());
        MessageEmbed embed = data.getEmbeds().get(0);
        assertEquals("Local file", embed.getTitle());
        assertNull(embed.getUrl());
        assertNull(embed.getThumbnail());
        assertTrue(data.getComponents().isEmpty());
        assertTrue(embed.getDescription().contains("[Open](spotify:track:abc)"), embed.getDescription());
    }

    @Test
    void aReplyWithNothingInItStillRenders() {
        MessageCreateData data = renderer.render(new Reply(null, null, null, null, null, null, List.of(), false, null));
        assertEquals("…", data.getEmbeds().get(0).getDescription());
    }

    @Test
    void manyButtonsAreSpreadOverRows() {
        Reply.Builder reply = Reply.builder().body("links");
        for (int i = 0; i < 7; i++) {
            reply.button("Link " + i, "https://example.org/" + i);
        }
        assertEquals(2, renderer.render(reply.build()).getComponents().size());
    }
}
