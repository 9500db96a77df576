package dev.spotlink.admin.setup;

import dev.spotlink.config.ConfigException;
import dev.spotlink.config.ConfigKey;
import dev.spotlink.config.ConfigLoader;
import dev.spotlink.config.SpotlinkConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each set-up step does with a form: validate, run the upstream check, keep the value in the draft, and
 * answer with the page (with the error next to its field) or a redirect. The last step writes the config file and
 * loads it the way the bot will; only a config that loads ends the set-up. Callers serialize calls.
 */
final class SetupSteps {

    /** A page ({@code html} with {@code status}), or a {@code redirect}; {@code config} set once set-up is done. */
    record Answer(int status, String html, String redirect, SpotlinkConfig config) {
        static Answer page(int status, String html) {
            return new Answer(status, html, null, null);
        }

        static Answer redirectTo(String step) {
            return new Answer(303, null, "/setup/" + step, null);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SetupSteps.class);
    private static final int INVALID = 422;

    private final SetupDraft draft;
    private final SetupChecks checks;
    private final Path configFile;
    private final Map<String, String> env;
    private final String healthUrl;

    SetupSteps(SetupDraft draft, SetupChecks checks, Path configFile, Map<String, String> env, String healthUrl) {
        this.draft = draft;
        this.checks = checks;
        this.configFile = configFile;
        this.env = env;
        this.healthUrl = healthUrl;
    }

    Answer get(String step, SetupPages pages) {
        return Answer.page(200, switch (step) {
            case "address" -> pages.address(draft, Map.of(), null);
            case "spotify" -> pages.spotify(draft, Map.of(), null);
            case "discord" -> pages.discord(draft, Map.of());
            case "telegram" -> pages.telegram(draft, Map.of());
            default -> pages.finish(draft, configFile, List.of());
        });
    }

    Answer post(String step, Map<String, String> form, SetupPages pages, SetupLayout text) {
        return switch (step) {
            case "address" -> address(form, pages, text);
            case "spotify" -> spotify(form, pages, text);
            case "discord" -> token(ConfigKey.DISCORD_TOKEN, "discord_token", form, pages, text);
            case "telegram" -> token(ConfigKey.TELEGRAM_TOKEN, "telegram_token", form, pages, text);
            default -> finish(pages, text);
        };
    }

    private Answer address(Map<String, String> form, SetupPages pages, SetupLayout text) {
        if ("paste-back".equals(form.get("action"))) {
            // no public address: a loopback redirect URI, which turns link.paste-back on (auto)
            draft.setRedirectUri(draft.localAddress() + SetupDraft.CALLBACK_PATH);
            return Answer.redirectTo("spotify");
        }
        String typed = form.getOrDefault("address", "");
        PublicAddress.Result result = PublicAddress.redirectUriFor(typed, draft.localAddress());
        if (!result.ok()) {
            return Answer.page(INVALID, pages.address(draft,
                    Map.of("address", text.t(result.errorKey(), result.args().toArray())), typed));
        }
        draft.setRedirectUri(result.redirectUri());
        return Answer.redirectTo("spotify");
    }

    private Answer spotify(Map<String, String> form, SetupPages pages, SetupLayout text) {
        String clientId = form.getOrDefault("client_id", "").strip();
        String typedSecret = form.getOrDefault("client_secret", "").strip();
        String secret = typedSecret.isEmpty() ? draft.value(ConfigKey.SPOTIFY_CLIENT_SECRET).orElse("") : typedSecret;
        Map<String, String> errors = new HashMap<>();
        if (clientId.isEmpty()) {
            errors.put("client_id", text.t("setup.field.required"));
        } else if (clientId.chars().anyMatch(Character::isWhitespace)) {
            errors.put("client_id", text.t("setup.field.no-spaces"));
        }
        if (secret.isEmpty()) {
            errors.put("client_secret", text.t("setup.field.required"));
        } else if (secret.chars().anyMatch(Character::isWhitespace)) {
            errors.put("client_secret", text.t("setup.field.no-spaces"));
        }
        if (errors.isEmpty()) {
            SetupChecks.Outcome outcome = checks.spotify(draft.endpoint(ConfigKey.SPOTIFY_ACCOUNTS_URL), clientId,
                    secret);
            if (outcome instanceof SetupChecks.Outcome.Failed failed) {
                errors.put("client_secret", message(text, failed));
            }
        }
        if (!errors.isEmpty()) {
            return Answer.page(INVALID, pages.spotify(draft, errors, clientId));
        }
        draft.setSpotify(clientId, typedSecret.isEmpty() ? null : typedSecret);
        draft.spotifyVerified();
        return Answer.redirectTo("spotify");
    }

    private Answer token(ConfigKey key, String field, Map<String, String> form, SetupPages pages,
                         SetupLayout text) {
        String step = key == ConfigKey.DISCORD_TOKEN ? "discord" : "telegram";
        if ("remove".equals(form.get("action"))) {
            draft.setToken(key, null);
            return Answer.redirectTo(step);
        }
        String typed = form.getOrDefault(field, "").strip();
        String token = typed.isEmpty() ? draft.value(key).orElse("") : typed;
        String error = null;
        SetupChecks.Outcome outcome = null;
        if (token.isEmpty()) {
            error = text.t("setup.field.required");
        } else if (token.chars().anyMatch(Character::isWhitespace)) {
            error = text.t("setup.field.no-spaces");
        } else {
            outcome = check(key, token);
            if (outcome instanceof SetupChecks.Outcome.Failed failed) {
                error = message(text, failed);
            }
        }
        if (error != null) {
            Map<String, String> errors = Map.of(field, error);
            return Answer.page(INVALID, key == ConfigKey.DISCORD_TOKEN ? pages.discord(draft, errors)
                    : pages.telegram(draft, errors));
        }
        SetupChecks.Outcome.Passed passed = (SetupChecks.Outcome.Passed) outcome;
        draft.setToken(key, token);
        draft.verified(key, new SetupDraft.Bot(passed.name(), passed.id()));
        return Answer.redirectTo(step);
    }

    private Answer finish(SetupPages pages, SetupLayout text) {
        List<String> problems = new ArrayList<>();
        if (!draft.spotifyComplete()) {
            problems.add(text.t("setup.finish.need-spotify"));
        }
        if (!draft.hasSecret(ConfigKey.DISCORD_TOKEN) && !draft.hasSecret(ConfigKey.TELEGRAM_TOKEN)) {
            problems.add(text.t("setup.finish.need-platform"));
        }
        if (problems.isEmpty()) {
            recheck(problems, text);
        }
        SpotlinkConfig config = null;
        if (problems.isEmpty()) {
            try {
                ConfigFile.write(configFile, draft.changes());
                config = ConfigLoader.load(configFile, env);
                log.info("Set-up saved {}", configFile);
            } catch (IOException e) {
                log.warn("Set-up could not write {}", configFile, e);
                problems.add(text.t("setup.finish.write-failed", configFile.toString(), e.getMessage()));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            return Answer.page(INVALID, pages.finish(draft, configFile, problems));
        }
        return new Answer(200, pages.done(configFile, healthUrl), null, config);
    }

    /** Values kept from an existing file were never checked in this session: check them before saving. */
    private void recheck(List<String> problems, SetupLayout text) {
        if (!draft.isSpotifyVerified()) {
            SetupChecks.Outcome outcome = checks.spotify(draft.endpoint(ConfigKey.SPOTIFY_ACCOUNTS_URL),
                    draft.value(ConfigKey.SPOTIFY_CLIENT_ID).orElseThrow(),
                    draft.value(ConfigKey.SPOTIFY_CLIENT_SECRET).orElseThrow());
            if (outcome instanceof SetupChecks.Outcome.Failed failed) {
                problems.add(text.t("setup.step.spotify") + ": " + message(text, failed));
            } else {
                draft.spotifyVerified();
            }
        }
        for (ConfigKey key : new ConfigKey[] {ConfigKey.DISCORD_TOKEN, ConfigKey.TELEGRAM_TOKEN}) {
            boolean unchecked = key == ConfigKey.DISCORD_TOKEN ? draft.discordBot().isEmpty()
                    : draft.telegramBot().isEmpty();
            if (draft.hasSecret(key) && unchecked) {
                SetupChecks.Outcome outcome = check(key, draft.value(key).orElseThrow());
                if (outcome instanceof SetupChecks.Outcome.Failed failed) {
                    String step = key == ConfigKey.DISCORD_TOKEN ? "setup.step.discord" : "setup.step.telegram";
                    problems.add(text.t(step) + ": " + message(text, failed));
                } else if (outcome instanceof SetupChecks.Outcome.Passed passed) {
                    draft.verified(key, new SetupDraft.Bot(passed.name(), passed.id()));
                }
            }
        }
    }

    private SetupChecks.Outcome check(ConfigKey key, String token) {
        return key == ConfigKey.DISCORD_TOKEN ? checks.discord(draft.endpoint(ConfigKey.DISCORD_API_URL), token)
                : checks.telegram(draft.endpoint(ConfigKey.TELEGRAM_API_URL), token);
    }

    private static String message(SetupLayout text, SetupChecks.Outcome.Failed failed) {
        return text.t(failed.key(), failed.args().toArray());
    }
}
