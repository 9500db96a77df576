package dev.spotlink.testing.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An interaction for {@link FakeDiscord#dispatchInteraction}: a slash command (which command, with which options),
 * a click on a button of the bot's message, or a submitted form (modal) with one text field; by whom, where (a
 * server channel, the bot's DM, or another private channel via a user install), in which client language.
 */
public final class FakeInteraction {

    /** Where the command was run (Discord's interaction context types 0, 1, 2). */
    public enum Place { GUILD, BOT_DM, PRIVATE_CHANNEL }

    /** Discord's application command option types used by the bot. */
    public enum OptionType {
        STRING(3), INTEGER(4), USER(6);

        final int id;

        OptionType(int id) {
            this.id = id;
        }
    }

    private record Option(String name, OptionType type, Object value) {
    }

    /** Discord's interaction types: APPLICATION_COMMAND 2, MESSAGE_COMPONENT 3, MODAL_SUBMIT 5. */
    private enum Kind {
        COMMAND(2), BUTTON(3), MODAL_SUBMIT(5);

        final int type;

        Kind(int type) {
            this.type = type;
        }
    }

    public static final String DEFAULT_USER_ID = "200000000000000001";
    public static final String DEFAULT_GUILD_ID = "300000000000000001";

    private final String command;
    private Kind kind = Kind.COMMAND;
    private String customId;
    private String fieldId;
    private String fieldValue;
    private Place place = Place.GUILD;
    private String guildId = DEFAULT_GUILD_ID;
    private boolean knownGuild;
    private String userId = DEFAULT_USER_ID;
    private String userName = "alice";
    private String locale = "en-US";
    private final List<Option> options = new ArrayList<>();
    private final List<String[]> resolvedUsers = new ArrayList<>();

    private FakeInteraction(String command) {
        this.command = Objects.requireNonNull(command);
    }

    /** {@code /command} run in a server channel by the default user, in English. */
    public static FakeInteraction command(String command) {
        return new FakeInteraction(command);
    }

    /** A click on the button with {@code customId} of an (ephemeral) message the bot sent. */
    public static FakeInteraction buttonClick(String customId) {
        FakeInteraction click = new FakeInteraction("button:" + customId);
        click.kind = Kind.BUTTON;
        click.customId = customId;
        return click;
    }

    /** The form {@code modalId} submitted with {@code value} in its text field {@code fieldId}. */
    public static FakeInteraction modalSubmit(String modalId, String fieldId, String value) {
        FakeInteraction submit = new FakeInteraction("modal:" + modalId);
        submit.kind = Kind.MODAL_SUBMIT;
        submit.customId = modalId;
        submit.fieldId = fieldId;
        submit.fieldValue = value;
        return submit;
    }

    public FakeInteraction inGuild(String guildId) {
        this.place = Place.GUILD;
        this.guildId = guildId;
        this.knownGuild = false;
        return this;
    }

    /**
     * In the text channel of a server the fake announces ({@link FakeDiscord#addGuild}): its one channel has the
     * server's id, and JDA, which caches such a server, insists on a channel it knows.
     */
    public FakeInteraction inKnownGuild(String guildId) {
        inGuild(guildId);
        this.knownGuild = true;
        return this;
    }

    public FakeInteraction inBotDm() {
        this.place = Place.BOT_DM;
        return this;
    }

    public FakeInteraction inPrivateChannel() {
        this.place = Place.PRIVATE_CHANNEL;
        return this;
    }

    public FakeInteraction by(String userId, String userName) {
        this.userId = userId;
        this.userName = userName;
        return this;
    }

    /** The client's language, e.g. {@code ru} or {@code en-US}. */
    public FakeInteraction locale(String locale) {
        this.locale = locale;
        return this;
    }

    public FakeInteraction string(String name, String value) {
        options.add(new Option(name, OptionType.STRING, value));
        return this;
    }

    public FakeInteraction integer(String name, long value) {
        options.add(new Option(name, OptionType.INTEGER, value));
        return this;
    }

    /** A USER option: the value is the user's id; the user object goes into {@code resolved} as Discord does. */
    public FakeInteraction user(String name, String userId, String userName) {
        options.add(new Option(name, OptionType.USER, userId));
        resolvedUsers.add(new String[] {userId, userName});
        return this;
    }

    public String command() {
        return command;
    }

    public String userId() {
        return userId;
    }

    /** The INTERACTION_CREATE payload. */
    ObjectNode toJson(FakeDiscordJson json, String applicationId, String interactionId, String token,
                      String commandId) {
        ObjectNode user = json.user(userId, userName, false);
        ObjectNode d = json.object().put("id", interactionId).put("application_id", applicationId)
                .put("type", kind.type)
                .put("version", 1).put("token", token).put("locale", locale).put("app_permissions", "0");
        d.putArray("entitlements");
        ObjectNode owners = d.putObject("authorizing_integration_owners");
        String channelId = place == Place.GUILD && knownGuild ? guildId : json.snowflake();
        switch (place) {
            case GUILD -> {
                d.put("guild_id", guildId).put("guild_locale", "en-US").put("channel_id", channelId)
                        .put("context", 0);
                // in interactions the partial channel carries the invoking member's computed permissions
                d.set("channel", json.guildTextChannel(channelId, guildId).put("permissions", "2248473465835073"));
                // Discord sends this partial guild so that clients can work in servers they do not cache
                ObjectNode guild = d.putObject("guild").put("id", guildId).put("locale", "en-US");
                guild.putArray("features");
                d.set("member", json.member(user));
                owners.put("0", guildId);
            }
            case BOT_DM -> {
                d.put("channel_id", channelId).put("context", 1);
                d.set("channel", json.dmChannel(channelId, user));
                d.set("user", user);
                owners.put("1", userId);
            }
            case PRIVATE_CHANNEL -> {
                d.put("channel_id", channelId).put("context", 2);
                d.set("channel", json.dmChannel(channelId, json.user(json.snowflake(), "bob", false)));
                d.set("user", user);
                owners.put("1", userId);
            }
        }
        if (kind == Kind.BUTTON) {
            d.putObject("data").put("custom_id", customId).put("component_type", 2);
            // the ephemeral message the button is on, as Discord includes it
            d.set("message", json.message(json.snowflake(), channelId, json.user(applicationId, "Spotlink", true),
                    json.object().put("flags", 64), List.of(), applicationId));
            return d;
        }
        if (kind == Kind.MODAL_SUBMIT) {
            // Discord's form layout since 2025: each text field inside a label (component type 18 holding type 4)
            ObjectNode label = d.putObject("data").put("custom_id", customId).putArray("components").addObject()
                    .put("type", 18).put("id", 1);
            label.putObject("component").put("type", 4).put("id", 2).put("custom_id", fieldId)
                    .put("value", fieldValue);
            return d;
        }
        ObjectNode data = d.putObject("data").put("id", commandId).put("name", command).put("type", 1);
        ArrayNode optionArray = data.putArray("options");
        for (Option option : options) {
            ObjectNode o = optionArray.addObject().put("name", option.name()).put("type", option.type().id);
            if (option.value() instanceof Long number) {
                o.put("value", number);
            } else {
                o.put("value", (String) option.value());
            }
        }
        if (!resolvedUsers.isEmpty()) {
            ObjectNode users = data.putObject("resolved").putObject("users");
            for (String[] resolved : resolvedUsers) {
                users.set(resolved[0], json.user(resolved[0], resolved[1], false));
            }
        }
        return d;
    }
}
