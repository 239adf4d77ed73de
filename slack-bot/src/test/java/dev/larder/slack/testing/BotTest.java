package dev.larder.slack.testing;

import io.quarkus.test.common.QuarkusTestResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the bot's tests: one Quarkus boot of the bot, one real backend, one Kafka broker and one fake Slack for
 * the whole run ({@link LarderStack}).
 */
@QuarkusTestResource(LarderStack.class)
public abstract class BotTest {

    @ConfigProperty(name = "larder.backend.url")
    String backendUrl;

    @ConfigProperty(name = "it.slack-url")
    String slackUrl;

    protected SlackClient slack;
    protected Larder larder;

    @BeforeEach
    void clients() {
        slack = new SlackClient(slackUrl);
        larder = new Larder(backendUrl);
    }
}
