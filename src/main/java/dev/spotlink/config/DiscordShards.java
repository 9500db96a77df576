package dev.spotlink.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How this process takes part in Discord's sharding ({@code discord.shards}, {@code discord.shard-ids}).
 *
 * @param total the shard count all processes use; empty = {@code auto}, Discord's recommendation from
 *              {@code GET /gateway/bot} at start
 * @param ids   the shards this process runs (sorted, distinct, each below {@code total}); empty = all of them.
 *              Only with a fixed {@code total}: processes that split the shards must agree on the count.
 */
public record DiscordShards(OptionalInt total, Optional<List<Integer>> ids) {

    /** The default: Discord's recommended count, every shard in this process. */
    public static final DiscordShards AUTO = new DiscordShards(OptionalInt.empty(), Optional.empty());

    public DiscordShards {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(ids, "ids");
        ids = ids.map(List::copyOf);
        if (ids.isPresent()) {
            if (total.isEmpty()) {
                throw new IllegalArgumentException("shard ids need a fixed shard total");
            }
            if (ids.get().isEmpty() || ids.get().stream().anyMatch(id -> id < 0 || id >= total.getAsInt())) {
                throw new IllegalArgumentException("shard ids must be 0.." + (total.getAsInt() - 1));
            }
        }
        if (total.isPresent() && total.getAsInt() < 1) {
            throw new IllegalArgumentException("shard total must be positive");
        }
    }

    /** A fixed total with all or some shards in this process. */
    public static DiscordShards of(int total, List<Integer> ids) {
        return new DiscordShards(OptionalInt.of(total), Optional.of(ids));
    }
}
