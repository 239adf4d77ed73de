package dev.larder.slack.slackapi;

import static dev.larder.slack.slackapi.Blocks.esc;
import static dev.larder.slack.slackapi.Blocks.truncate;

import com.fasterxml.jackson.databind.JsonNode;

/** How the backend's findings and row estimates read in Slack (the check view and the approval message). */
public final class Render {

    private Render() {
    }

    /** Statements with their estimates, then findings; long text cut visibly. */
    public static String checkResult(JsonNode check) {
        StringBuilder text = new StringBuilder();
        for (JsonNode estimate : check.path("estimates")) {
            text.append("`").append(estimate.path("statement").asInt() + 1).append("` ```")
                    .append(esc(truncate(estimate.path("sql").asText(), 400))).append("```\n≈ *")
                    .append(estimate.path("estimatedRows").asLong()).append(" rows* (")
                    .append(estimate.path("operation").asText()).append(" ")
                    .append(estimate.path("table").asText()).append(", ")
                    .append(estimate.path("method").asText()).append(")\n");
        }
        text.append("*Estimated rows in all:* ").append(check.path("estimatedRows").asLong());
        if (check.path("platformAdminRequired").asBoolean()) {
            text.append(" — above the row cap (").append(check.path("rowCap").asLong())
                    .append("): a platform-admin must approve too");
        }
        if (check.path("findings").isEmpty()) {
            text.append("\n*Findings:* none");
        }
        for (JsonNode finding : check.path("findings")) {
            text.append("\n• *").append(finding.path("severity").asText()).append("* `")
                    .append(finding.path("ruleId").asText()).append("`")
                    .append(finding.path("statement").isNumber() ? " (statement "
                            + (finding.path("statement").asInt() + 1) + ")" : "")
                    .append(": ").append(esc(truncate(finding.path("message").asText(), 300)));
        }
        return truncate(text.toString(), 2900);
    }
}
