package dev.spotlink.transport.discord;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The shards this process runs and their connection states, for {@code /health} and for picking a shard to send
 * direct messages through (any connected shard can: DMs go over REST, not the gateway).
 */
final class ShardStates {

    private final ShardManager manager;
    private final List<Integer> owned;

    /**
     * @param ids this process's shards; empty = all (the total is known once the manager has logged in)
     */
    ShardStates(ShardManager manager, Optional<List<Integer>> ids) {
        this.manager = manager;
        this.owned = ids.orElseGet(() -> IntStream.range(0, manager.getShardsTotal()).boxed().toList());
    }

    List<Integer> owned() {
        return owned;
    }

    /** The health of one shard: CONNECTED, CONNECTING, RECONNECTING, FAILED, STOPPED or QUEUED (not built yet). */
    String state(int id) {
        JDA shard = manager.getShardById(id);
        if (shard == null) {
            return "QUEUED";
        }
        return switch (shard.getStatus()) {
            case CONNECTED -> "CONNECTED";
            case DISCONNECTED, RECONNECT_QUEUED, WAITING_TO_RECONNECT, ATTEMPTING_TO_RECONNECT -> "RECONNECTING";
            case SHUTTING_DOWN, SHUTDOWN -> "STOPPED";
            case FAILED_TO_LOGIN -> "FAILED";
            default -> "CONNECTING";
        };
    }

    /** The worst shard state: CONNECTED only when every shard of this process is. */
    String overall() {
        List<String> states = owned.stream().map(this::state).toList();
        for (String worst : List.of("FAILED", "STOPPED", "RECONNECTING", "CONNECTING", "QUEUED")) {
            if (states.contains(worst)) {
                return worst.equals("QUEUED") ? "CONNECTING" : worst;
            }
        }
        return "CONNECTED";
    }

    /** {@code "0:CONNECTED 1:CONNECTING"}, this process's shards in order, with the total: {@code "... of 4"}. */
    String describe() {
        return owned.stream().map(id -> id + ":" + state(id)).collect(Collectors.joining(" "))
                + " of " + manager.getShardsTotal();
    }

    /** A connected shard, else any running one, else null. */
    JDA anyConnected() {
        List<JDA> shards = manager.getShards();
        return shards.stream().filter(s -> s.getStatus() == JDA.Status.CONNECTED).findFirst()
                .orElse(shards.isEmpty() ? null : shards.get(0));
    }
}
