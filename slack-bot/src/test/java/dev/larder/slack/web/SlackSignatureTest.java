package dev.larder.slack.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The v0 signature, checked against the worked example in Slack's documentation ("Verifying requests from Slack"). */
class SlackSignatureTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
            + "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
            + "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXa"
            + "IFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    final SlackSignature signature = new SlackSignature(SECRET, Duration.ofMinutes(5));
    final Instant then = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    @Test
    void signsExactlyAsSlackDocumentsIt() {
        assertThat(signature.sign(TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(signature.verify(TIMESTAMP, SIGNATURE, BODY, then.plusSeconds(10))).isTrue();
    }

    @Test
    void refusesAnotherBodyAnotherSecretAMissingHeaderAndAnOldOrFutureTimestamp() {
        assertThat(signature.verify(TIMESTAMP, SIGNATURE, BODY + "&text=drop", then)).isFalse();
        assertThat(new SlackSignature("another-secret", Duration.ofMinutes(5)).verify(TIMESTAMP, SIGNATURE, BODY,
                then)).isFalse();
        assertThat(signature.verify(null, SIGNATURE, BODY, then)).isFalse();
        assertThat(signature.verify(TIMESTAMP, null, BODY, then)).isFalse();
        assertThat(signature.verify(TIMESTAMP, SIGNATURE, BODY, then.plusSeconds(301))).isFalse();
        assertThat(signature.verify(TIMESTAMP, SIGNATURE, BODY, then.minusSeconds(301))).isFalse();
        assertThat(signature.verify(TIMESTAMP, SIGNATURE, BODY, then.plusSeconds(299))).isTrue();
    }
}
