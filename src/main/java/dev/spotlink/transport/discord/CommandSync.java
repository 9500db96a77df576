package dev.spotlink.transport.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.spotlink.domain.BotState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.restaction.CommandListUpdateAction;
import net.dv8tion.jda.api.utils.data.DataArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the slash commands only when their definition changed since the last successful registration:
 * Discord limits command creates per day, and every process sharing the database sees the same stored hash.
 * The hash covers the application id too, so a token for another application registers afresh.
 */
final class CommandSync {

    static final String GLOBAL_KEY = "discord.commands.global";
    private static final String GUILD_KEY_PREFIX = "discord.commands.guild.";
    private static final Logger log = LoggerFactory.getLogger(CommandSync.class);

    /** Map keys sorted, so the same definitions always give the same bytes whatever JDA's map order. */
    private final ObjectMapper canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private final BotState state;
    private final List<CommandData> commands;

    CommandSync(BotState state, List<CommandData> commands) {
        this.state = state;
        this.commands = List.copyOf(commands);
    }

    static String guildKey(String guildId) {
        return GUILD_KEY_PREFIX + guildId;
    }

    /**
     * Registers globally (when {@code global}: one shard of all does it) and, when given, in the dev guild (from
     * the shard that holds it). Completes when done; never completes exceptionally (a failed registration is
     * logged and retried at the next start, because its hash is not stored).
     */
    CompletableFuture<Void> sync(JDA jda, boolean global, Optional<String> devGuildId) {
        String hash = hash(jda.getSelfUser().getApplicationId());
        List<CompletableFuture<Void>> done = new ArrayList<>();
        if (global) {
            done.add(syncScope("global", GLOBAL_KEY, hash, jda::updateCommands));
        }
        devGuildId.ifPresent(id -> {
            Guild guild = jda.getGuildById(id);
            if (guild == null) {
                log.warn("discord.dev-guild-id {} is not a server this bot is in: commands there are not updated. "
                        + "Invite the bot to it (scopes bot applications.commands) or remove the setting.", id);
            } else {
                done.add(syncScope("guild " + id, guildKey(id), hash, guild::updateCommands));
            }
        });
        return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> syncScope(String scope, String key, String hash,
                                              java.util.function.Supplier<CommandListUpdateAction> update) {
        if (hash.equals(stored(key).orElse(null))) {
            log.info("Discord slash commands ({}) unchanged since the last registration; not re-registering", scope);
            return CompletableFuture.completedFuture(null);
        }
        return update.get().addCommands(commands).submit()
                .thenAccept(registered -> {
                    log.info("Registered {} Discord slash commands ({})", registered.size(), scope);
                    store(key, hash);
                })
                .exceptionally(e -> {
                    log.error("Registering the Discord slash commands ({}) failed; will retry at the next start",
                            scope, e);
                    return null;
                });
    }

    /** SHA-256 (hex) of the application id and the canonical JSON of the command list JDA sends. */
    String hash(String applicationId) {
        DataArray array = DataArray.empty();
        commands.forEach(command -> array.add(command.toData()));
        try {
            Object tree = canonical.readValue(array.toJson(), Object.class);
            byte[] json = canonical.writeValueAsBytes(tree);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(applicationId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            return HexFormat.of().formatHex(sha.digest(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private Optional<String> stored(String key) {
        try {
            return state.get(key);
        } catch (RuntimeException e) {
            // registering once too often costs one of many daily creates; never registering would be worse
            log.warn("Could not read {}; registering the commands to be safe", key, e);
            return Optional.empty();
        }
    }

    private void store(String key, String hash) {
        try {
            state.put(key, hash);
        } catch (RuntimeException e) {
            log.warn("Could not store {}; the commands will be registered again at the next start", key, e);
        }
    }
}
