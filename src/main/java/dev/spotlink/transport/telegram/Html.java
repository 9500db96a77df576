package dev.spotlink.transport.telegram;

/**
 * Telegram's HTML parse mode: escaping and length clipping. Telegram counts limits (4096 per message, 1024 per
 * caption) on the text after parsing, so clipping works on the plain pieces before they are escaped.
 */
final class Html {

    private Html() {
    }

    /** Text content: Telegram requires {@code <}, {@code >} and {@code &} as entities. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }

    static String italic(String text) {
        return "<i>" + escape(text) + "</i>";
    }

    static String link(String url, String innerHtml) {
        return "<a href=\"" + escape(url) + "\">" + innerHtml + "</a>";
    }

    /** At most {@code max} UTF-16 units, ending in "…" when cut; never splits a surrogate pair. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max <= 0) {
            return "";
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
