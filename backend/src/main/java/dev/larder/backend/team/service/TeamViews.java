package dev.larder.backend.team.service;

import java.time.Instant;
import java.util.List;

/** What the API shows and accepts for teams, members and services. */
public final class TeamViews {

    private TeamViews() {
    }

    public record NewTeam(String name, String displayName, String approvalChannel) {
    }

    /** The body of PUT /teams/{name}/approval-channel. */
    public record ApprovalChannel(String approvalChannel) {
    }

    public record TeamView(long id, String name, String displayName, String approvalChannel, Instant createdAt) {
    }

    public record NewMember(String email, String displayName, String slackUserId, List<String> teams,
            String entityRef) {

        public NewMember(String email, String displayName, String slackUserId, List<String> teams) {
            this(email, displayName, slackUserId, teams, null);
        }
    }

    public record MemberView(long id, String email, String displayName, String slackUserId, String entityRef,
            List<String> teams, Instant createdAt) {
    }

    public record NewService(String name, String team, String system, String description) {
    }

    public record ServiceView(long id, String name, String team, String system, String description,
            Instant createdAt) {
    }
}
