package dev.larder.slack.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The bot's settings (keys larder.slack.* and larder.backend.*); secrets come from the environment. */
@ConfigMapping(prefix = "larder")
public interface BotConfig {

    Slack slack();

    Backend backend();

    interface Slack {
        /** The bot user OAuth token (xoxb-…). */
        String botToken();

        /** The app's signing secret: every request from Slack is verified with it before anything else. */
        String signingSecret();

        /** Slack's Web API base URL; tests point it at a local server. */
        @WithDefault("https://slack.com/api/")
        String apiUrl();

        /** Requests whose timestamp is further than this from now are refused as replays. */
        @WithDefault("PT5M")
        Duration maxRequestAge();
    }

    interface Backend {
        /** Where the backend's REST API is, e.g. https://larder.example.com. */
        String url();

        /** The bot's service token: on-behalf-of, role slack-bot. */
        String token();

        @WithDefault("10s")
        Duration timeout();
    }
}
