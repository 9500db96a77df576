package dev.spotlink.admin;

/** The process exit codes of the bot and its admin commands. */
public final class ExitCodes {

    /** The config (or the command line) is wrong or incomplete: fix it, then run again. */
    public static final int CONFIG = 2;
    /** It could not start or do its work (database, key, network): the message says why. */
    public static final int STARTUP = 1;

    private ExitCodes() {
    }
}
