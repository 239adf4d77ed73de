package dev.larder.backend.access.rest;

import dev.larder.backend.access.service.AccessService;
import dev.larder.backend.access.service.AccessViews.AccessView;
import dev.larder.backend.access.service.AccessViews.RevealedAccess;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.web.HtmlPage;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one-time reveal link a holder gets (in a Slack DM, say). Opening it only shows what it is for — link
 * previews and scanners that fetch it use nothing — and the credential appears after a deliberate click, once.
 * The token in the path is the capability: short-lived, single use, and every use is audited.
 */
@Path("/access/reveal/{token}")
@Produces(MediaType.TEXT_HTML)
public class RevealPage {

    @Inject
    AccessService access;

    @GET
    public Response show(@PathParam("token") String token) {
        try {
            AccessView grant = access.peek(token);
            if (grant.revealed()) {
                return page(410, "Already revealed", "<p>The credential of this grant was revealed at "
                        + esc(String.valueOf(grant.revealedAt())) + " (" + esc(grant.revealedBy()) + "). It is"
                        + " shown only once.</p><p>If that was not you, revoke the grant now.</p>");
            }
            if (!"ACTIVE".equals(grant.state())) {
                return page(410, "Grant not active", "<p>This grant is " + esc(grant.state()) + ".</p>");
            }
            return page(200, "Your " + esc(grant.level()) + " access is ready", "<p>Grant #" + grant.id() + " for "
                    + esc(grant.holder()) + ", valid until <strong>" + esc(String.valueOf(grant.expiresAt()))
                    + "</strong>.</p><p>The password is shown <strong>once</strong>. Reveal it when you are ready"
                    + " to copy it.</p><form method=\"post\"><button type=\"submit\" id=\"reveal\">Reveal"
                    + " credentials</button></form>");
        } catch (ProblemException e) {
            return page(e.status(), e.title(), "<p>" + esc(e.getMessage()) + "</p>");
        }
    }

    @POST
    public Response reveal(@PathParam("token") String token, @Context HttpServerRequest request) {
        try {
            String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
            RevealedAccess revealed = access.revealByLink(token, client);
            var endpoint = revealed.clusters().get(0);
            StringBuilder fields = new StringBuilder();
            revealed.connection().forEach((name, value) -> fields.append(field(name, String.valueOf(value))));
            return page(200, "Your credentials", "<p>Copy them now: this page will not show them again.</p>"
                    + "<dl>"
                    + "<dt>Login</dt><dd id=\"login\">" + esc(revealed.login()) + "</dd>"
                    + (revealed.password() == null ? ""
                            : "<dt>Password</dt><dd id=\"password\">" + esc(revealed.password()) + "</dd>")
                    + "<dt>Server</dt><dd id=\"server\">" + esc(endpoint.host()) + ":" + endpoint.port() + "</dd>"
                    + "<dt>Valid until</dt><dd>" + esc(String.valueOf(revealed.expiresAt())) + "</dd>"
                    + fields + "</dl>");
        } catch (ProblemException e) {
            return page(e.status(), e.title(), "<p>" + esc(e.getMessage()) + "</p>");
        }
    }

    /** One connection field of the engine: a command or a multi-line value (a policy) goes in a pre block. */
    private static String field(String name, String value) {
        boolean block = value.contains("\n") || name.toLowerCase(java.util.Locale.ROOT).endsWith("command");
        String id = name.replaceAll("[^A-Za-z0-9_-]", "");
        return "<dt>" + esc(name) + "</dt><dd>" + (block ? "<pre id=\"" + id + "\">" + esc(value) + "</pre>"
                : "<span id=\"" + id + "\">" + esc(value) + "</span>") + "</dd>";
    }

    private static Response page(int status, String title, String body) {
        return HtmlPage.page(status, title, body, "Larder — every reveal is audited.");
    }

    private static String esc(String text) {
        return HtmlPage.esc(text);
    }
}
