package dev.larder.slack.web;

import dev.larder.slack.config.BotConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Slack's HTTP delivery: slash commands, interactivity (buttons, modals) and events. The signature is checked on
 * the raw body before anything else: an unsigned, wrongly signed or replayed request gets 401 and reaches neither
 * Bolt nor the backend.
 */
@Path("/slack")
public class SlackEndpoints {

    private static final Logger LOG = Logger.getLogger(SlackEndpoints.class);

    private final SlackApp app;
    private final SlackSignature signature;
    private final Clock clock = Clock.systemUTC();

    public SlackEndpoints(SlackApp app, BotConfig config) {
        this.app = app;
        this.signature = new SlackSignature(config.slack().signingSecret(), config.slack().maxRequestAge());
    }

    /** Slash commands, interactivity (buttons, modals) and events: one route, Bolt tells them apart. */
    @POST
    @Path("/{kind: commands|interactions|events}")
    @Consumes(MediaType.WILDCARD)
    public Response receive(byte[] body, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context HttpServerRequest request) {
        return handle(body, headers, uri, request);
    }

    private Response handle(byte[] raw, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        if (!signature.verify(headers.getHeaderString(SlackSignature.TIMESTAMP_HEADER),
                headers.getHeaderString(SlackSignature.SIGNATURE_HEADER), body, clock.instant())) {
            LOG.warnf("Refused a request to %s: missing, wrong or expired Slack signature", uri.getPath());
            return Response.status(401).type(MediaType.TEXT_PLAIN).entity("invalid Slack signature").build();
        }
        Map<String, List<String>> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.getRequestHeaders().forEach((name, values) -> names.put(name.toLowerCase(), values));
        try {
            com.slack.api.bolt.response.Response answer = app.run(uri.getPath(), names, body,
                    request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
            Response.ResponseBuilder response = Response.status(answer.getStatusCode());
            if (answer.getContentType() != null) {
                response.type(answer.getContentType());
            }
            return response.entity(answer.getBody() == null ? "" : answer.getBody()).build();
        } catch (Exception e) {
            LOG.errorf(e, "Bolt could not handle a request to %s", uri.getPath());
            return Response.serverError().type(MediaType.TEXT_PLAIN).entity("error").build();
        }
    }
}
