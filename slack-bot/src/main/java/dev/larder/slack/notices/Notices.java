package dev.larder.slack.notices;

import static dev.larder.slack.slackapi.Blocks.esc;
import static dev.larder.slack.slackapi.Blocks.truncate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.larder.events.CloudEvent;
import dev.larder.events.EventFormatException;
import dev.larder.events.EventJson;
import dev.larder.events.access.AccessExpired;
import dev.larder.events.access.AccessExpiring;
import dev.larder.events.access.AccessGranted;
import dev.larder.events.access.AccessRevoked;
import dev.larder.events.approval.ApprovalDecided;
import dev.larder.events.approval.ApprovalRequested;
import dev.larder.events.common.Finding;
import dev.larder.events.datachange.DataChangeExecuted;
import dev.larder.events.datachange.DataChangeFailed;
import dev.larder.events.datachange.DataChangeRolledBack;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationSucceeded;
import dev.larder.slack.backend.Backend;
import dev.larder.slack.backend.Datastores;
import dev.larder.slack.slackapi.Blocks;
import dev.larder.slack.slackapi.People;
import dev.larder.slack.slackapi.SlackApi;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns the backend's events (larder.events.v1) into Slack: approval messages, and notices to the channels that
 * subscribed to a datastore and to the people involved. Event types it does not know are skipped; a credential
 * never goes to Slack — a granted access is a DM with the one-time reveal link, the channel hears only that access
 * was granted.
 */
@ApplicationScoped
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class);

    @Inject
    ApprovalMessages approvals;

    @Inject
    Backend backend;

    @Inject
    SlackApi slack;

    @Inject
    People people;

    @Incoming("larder-events")
    @Blocking
    public void consume(String value) {
        CloudEvent<?> event;
        try {
            event = EventJson.read(value);
        } catch (EventFormatException e) {
            LOG.warnf("Skipping a record that is not a Larder event: %s", e.getMessage());
            return;
        }
        try {
            handle(event.data());
        } catch (RuntimeException e) {
            // One notice that cannot be sent must not stop the others.
            LOG.errorf(e, "Could not turn event %s (%s) into Slack messages", event.id(), event.type());
        }
    }

    void handle(Object data) {
        if (data instanceof ApprovalRequested requested) {
            approvals.requested(requested.approvalId());
        } else if (data instanceof ApprovalDecided decided) {
            approvals.decided(decided);
        } else if (data instanceof MigrationSucceeded succeeded) {
            migrationSucceeded(succeeded);
        } else if (data instanceof MigrationFailed failed && failed.datastoreId() != null) {
            migrationFailed(failed);
        } else if (data instanceof DataChangeExecuted executed) {
            long rows = executed.affectedRows().stream().mapToLong(Long::longValue).sum();
            changeFinished(executed.datastoreId(), executed.dataChangeId(), ":white_check_mark: Data change #"
                    + executed.dataChangeId() + " on %s executed: *" + rows + " rows affected* "
                    + executed.affectedRows() + " in " + executed.durationMs() + " ms.");
        } else if (data instanceof DataChangeFailed failed) {
            changeFinished(failed.datastoreId(), failed.dataChangeId(), ":x: Data change #" + failed.dataChangeId()
                    + " on %s failed: " + esc(truncate(failed.reason(), 1000)) + (failed.statement() == null ? ""
                            : "\n```" + esc(truncate(failed.statement(), 1000)) + "```"));
        } else if (data instanceof DataChangeRolledBack rolledBack) {
            changeFinished(rolledBack.datastoreId(), rolledBack.rollbackOf(), ":leftwards_arrow_with_hook: Data"
                    + " change #" + rolledBack.rollbackOf() + " on %s was rolled back (by #"
                    + rolledBack.dataChangeId() + "): " + rolledBack.restoredRows().stream()
                            .mapToLong(Long::longValue).sum() + " rows restored.");
        } else if (data instanceof AccessGranted granted) {
            String name = datastore(granted.datastoreId());
            people.tell(granted.holder(), "Your access was granted", Blocks.of()
                    .section(":key: Your *" + granted.level().name().toLowerCase() + "* access to " + name
                            + " is ready, until " + granted.expiresAt() + ".")
                    .section("<" + granted.revealUrl() + "|Reveal your login> — the link works once, for a short"
                            + " while; the password is shown there, never in Slack.").toString());
            channels(granted.datastoreId(), ":key: " + esc(granted.holder()) + " got "
                    + granted.level().name().toLowerCase() + " access to " + name + " until " + granted.expiresAt()
                    + (granted.breakGlass() ? " — *break-glass*, review pending." : "."));
        } else if (data instanceof AccessExpiring expiring) {
            String text = ":hourglass_flowing_sand: Access of " + esc(expiring.holder()) + " to "
                    + datastore(expiring.datastoreId()) + " ends at " + expiring.expiresAt() + ".";
            people.tell(expiring.holder(), text, null);
            channels(expiring.datastoreId(), text);
        } else if (data instanceof AccessExpired expired) {
            String text = ":lock: Access of " + esc(expired.holder()) + " to " + datastore(expired.datastoreId())
                    + " has expired; the login is gone.";
            people.tell(expired.holder(), text, null);
            channels(expired.datastoreId(), text);
        } else if (data instanceof AccessRevoked revoked) {
            String text = ":lock: Access of " + esc(revoked.holder()) + " to " + datastore(revoked.datastoreId())
                    + " was revoked by " + esc(revoked.revokedBy()) + (revoked.reason() == null ? "."
                            : ": " + esc(truncate(revoked.reason(), 500)));
            people.tell(revoked.holder(), text, null);
            channels(revoked.datastoreId(), text);
        } else {
            LOG.debugf("No Slack notice for %s", data == null ? "null" : data.getClass().getSimpleName());
        }
    }

    private void migrationSucceeded(MigrationSucceeded succeeded) {
        StringBuilder text = new StringBuilder(":white_check_mark: Migration #" + succeeded.migrationId() + " on "
                + datastore(succeeded.datastoreId()) + " succeeded: "
                + (succeeded.appliedVersions().isEmpty() ? "nothing new to apply"
                        : "applied V" + String.join(", V", succeeded.appliedVersions()))
                + " in " + succeeded.durationMs() + " ms.");
        findings(text, succeeded.warnings());
        notifyMigration(succeeded.datastoreId(), succeeded.migrationId(), text.toString());
    }

    private void migrationFailed(MigrationFailed failed) {
        StringBuilder text = new StringBuilder(":x: Migration " + (failed.migrationId() == null ? ""
                : "#" + failed.migrationId() + " ") + "on " + datastore(failed.datastoreId()) + " failed at stage *"
                + failed.stage().name().toLowerCase() + "*");
        if (failed.cluster() != null) {
            text.append(" on ").append(failed.cluster());
        }
        if (failed.file() != null) {
            text.append(", file `").append(esc(failed.file())).append("`");
        }
        text.append(".");
        if (failed.statement() != null) {
            text.append("\nFailing statement:\n```").append(esc(truncate(failed.statement(), 1500))).append("```");
        }
        if (failed.serverError() != null) {
            text.append("\nServer: ").append(esc(truncate(failed.serverError(), 500)));
        }
        findings(text, failed.findings());
        if (failed.partialState() != null) {
            text.append("\n").append(esc(truncate(failed.partialState(), 500)));
        }
        notifyMigration(failed.datastoreId(), failed.migrationId(), text.toString());
    }

    private static void findings(StringBuilder text, java.util.List<Finding> findings) {
        for (Finding finding : findings.subList(0, Math.min(findings.size(), 10))) {
            text.append("\n• *").append(finding.severity()).append("* `").append(finding.ruleId()).append("` ")
                    .append(finding.file() == null ? "" : esc(finding.file()) + (finding.line() == null ? ""
                            : ":" + finding.line()) + " ")
                    .append(esc(truncate(finding.message(), 300)));
        }
        if (findings.size() > 10) {
            text.append("\n…and ").append(findings.size() - 10).append(" more findings.");
        }
    }

    private void notifyMigration(long datastoreId, Long migrationId, String text) {
        channels(datastoreId, text);
        if (migrationId != null) {
            JsonNode migration = backend.bot().get("/api/v1/datastores/" + datastoreId + "/migrations/"
                    + migrationId).body();
            people.tell(migration.path("requestedBy").asText(null), text, null);
        }
    }

    private void changeFinished(long datastoreId, long changeId, String template) {
        String text = template.replace("%s", datastore(datastoreId));
        channels(datastoreId, text);
        JsonNode change = backend.bot().get("/api/v1/datastores/" + datastoreId + "/data-changes/" + changeId)
                .body();
        people.tell(change.path("requestedBy").asText(null), text, null);
        if (change.path("approvalId").isNumber()) {
            approvals.refresh(change.path("approvalId").asLong(), text);
        }
    }

    private void channels(long datastoreId, String text) {
        for (JsonNode subscription : backend.bot().get("/api/v1/slack/subscriptions?datastoreId=" + datastoreId)
                .body()) {
            slack.post(subscription.path("channel").asText(), text, null, null);
        }
    }

    private String datastore(long datastoreId) {
        Backend.Answer datastore = backend.bot().get("/api/v1/datastores/" + datastoreId);
        return datastore.ok() ? "*" + Datastores.label(datastore.body()) + "*" : "datastore " + datastoreId;
    }
}
