package dev.larder.slack.slackapi;

import dev.larder.slack.backend.Backend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Who is who: a Slack user is a Larder member when the email on their Slack profile (users.info) is a member's
 * email. Nobody else gets an action — only a message saying why.
 */
@ApplicationScoped
public class People {

    public static final String NOT_A_MEMBER = "I do not know you in Larder: your Slack email is not a Larder"
            + " member's. Ask the datastore team to add you (POST /api/v1/members), then try again.";

    @Inject
    SlackApi slack;

    @Inject
    Backend backend;

    /** The member's email for a Slack user, if they are a Larder member. */
    public Optional<String> member(String slackUser) {
        return slack.email(slackUser).flatMap(email -> {
            Backend.Answer member = backend.bot().get("/api/v1/members/" + Backend.path(email));
            return member.ok() ? Optional.of(member.body().path("email").asText(email)) : Optional.empty();
        });
    }

    /**
     * The backend acting as the Slack user's member. A Slack user who is no member is told why, only them, and
     * gets nothing done.
     */
    public Optional<Backend.Caller> actingAs(String slackUser, String channel) {
        Optional<String> member = member(slackUser);
        if (member.isEmpty()) {
            slack.ephemeral(channel, slackUser, NOT_A_MEMBER);
        }
        return member.map(backend::as);
    }

    /** DMs a person known by email, if they are in the workspace; answers whether it was sent. */
    public boolean tell(String email, String text, String blocks) {
        if (email == null || !email.contains("@")) {
            return false;
        }
        Optional<String> user = slack.userByEmail(email);
        user.ifPresent(id -> slack.dm(id, text, blocks));
        return user.isPresent();
    }
}
