package dev.spotlink.command;

/**
 * One chat command: declares itself ({@link #spec()}) and handles an invocation. Implementations are final
 * classes with their collaborators injected through the constructor, registered in {@link CommandRegistry}.
 */
public interface Command {

    CommandSpec spec();

    /**
     * Handles one invocation. Throwing a {@link dev.spotlink.spotify.SpotifyException} is fine: the registry
     * turns it into a localized message for the user.
     */
    void execute(CommandContext context, CommandArgs args) throws Exception;
}
