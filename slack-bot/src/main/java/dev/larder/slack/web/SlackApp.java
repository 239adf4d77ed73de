package dev.larder.slack.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.AppMentionEvent;
import dev.larder.slack.config.BotConfig;
import dev.larder.slack.bolt.Ids;
import dev.larder.slack.handlers.ApprovalButtons;
import dev.larder.slack.handlers.DatastoreCommand;
import dev.larder.slack.handlers.RequestForms;
import dev.larder.slack.slackapi.SlackApi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Bolt's App, built from config, with one handler per interaction. Requests arrive through
 * {@link SlackEndpoints} (already signature-checked); Bolt verifies again, routes, and answers
 * with the handler's ack.
 */
@ApplicationScoped
public class SlackApp {

    private final App app;
    private final SlackRequestParser parser;

    public SlackApp(BotConfig config, SlackApi slack, DatastoreCommand command, ApprovalButtons buttons,
            RequestForms forms) {
        AppConfig appConfig = AppConfig.builder()
                .signingSecret(config.slack().signingSecret())
                .singleTeamBotToken(config.slack().botToken())
                .slack(slack.slack())
                .build();
        app = new App(appConfig);
        app.command(Ids.COMMAND, command);
        app.blockAction(Ids.APPROVE, buttons::approve);
        app.blockAction(Ids.REJECT, buttons::reject);
        app.blockAction(Ids.EXECUTE, buttons::execute);
        app.viewSubmission(Ids.REJECT_MODAL, buttons::rejectReasonGiven);
        app.viewSubmission(Ids.ACCESS_MODAL, forms::accessSubmitted);
        app.viewSubmission(Ids.CHANGE_MODAL, forms::changeChecked);
        app.viewSubmission(Ids.CHANGE_CONFIRM, forms::changeConfirmed);
        app.event(AppMentionEvent.class, (event, context) -> context.ack());
        parser = new SlackRequestParser(appConfig);
    }

    /** Runs one verified HTTP request from Slack through Bolt. */
    public Response run(String path, Map<String, List<String>> headers, String body, String remoteAddress)
            throws Exception {
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(path).queryString(Map.of()).headers(new RequestHeaders(headers)).requestBody(body)
                .remoteAddress(remoteAddress).build());
        if (request == null) {
            return Response.builder().statusCode(400).contentType("text/plain").body("not a Slack request").build();
        }
        return app.run(request);
    }
}
