package dev.spotlink.web;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What {@code /health} reports: UP once the database is open, plus each transport's state as it reports it
 * ("CONNECTED", "RECONNECTING", ...). Transports register a supplier when they start.
 */
public final class Health {

    private final BooleanSupplier databaseOpen;
    private final Map<String, Supplier<String>> transports = new ConcurrentHashMap<>();

    public Health(BooleanSupplier databaseOpen) {
        this.databaseOpen = databaseOpen;
    }

    public void registerTransport(String name, Supplier<String> state) {
        transports.put(name, state);
    }

    public boolean up() {
        return databaseOpen.getAsBoolean();
    }

    /** The JSON body's fields, in a stable order. */
    public Map<String, Object> snapshot() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("status", up() ? "UP" : "DOWN");
        body.put("database", databaseOpen.getAsBoolean() ? "UP" : "DOWN");
        Map<String, String> states = new TreeMap<>();
        transports.forEach((name, state) -> states.put(name, safeState(state)));
        body.put("transports", states);
        return body;
    }

    private static String safeState(Supplier<String> state) {
        try {
            return state.get();
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }
}
