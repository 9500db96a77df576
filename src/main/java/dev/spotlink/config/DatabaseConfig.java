package dev.spotlink.config;

/** JDBC URL of the database ({@code jdbc:sqlite:data/spotlink.db} by default). */
public record DatabaseConfig(String url) {
}
