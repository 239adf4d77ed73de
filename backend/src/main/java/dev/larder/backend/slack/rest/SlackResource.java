package dev.larder.backend.slack.rest;

import dev.larder.backend.slack.service.SlackService;
import dev.larder.backend.slack.service.SlackViews.ApprovalMessageView;
import dev.larder.backend.slack.service.SlackViews.MessageRef;
import dev.larder.backend.slack.service.SlackViews.NewSubscription;
import dev.larder.backend.slack.service.SlackViews.SubscriptionView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** What the Slack bot keeps in Larder: approval messages to update in place, and channel subscriptions. */
@Path("/api/v1/slack")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlackResource {

    @Inject
    SlackService slack;

    @PUT
    @Path("/approval-messages/{approvalId}")
    public ApprovalMessageView recordApprovalMessage(@PathParam("approvalId") long approvalId, MessageRef body) {
        return slack.recordApprovalMessage(approvalId, body);
    }

    @GET
    @Path("/approval-messages/{approvalId}")
    public ApprovalMessageView approvalMessage(@PathParam("approvalId") long approvalId) {
        return slack.approvalMessage(approvalId);
    }

    @POST
    @Path("/subscriptions")
    public Response subscribe(NewSubscription body) {
        return Response.ok(slack.subscribe(body)).build();
    }

    @GET
    @Path("/subscriptions")
    public List<SubscriptionView> subscriptions(@QueryParam("datastoreId") long datastoreId) {
        return slack.subscriptions(datastoreId);
    }

    @DELETE
    @Path("/subscriptions/{id}")
    public Response unsubscribe(@PathParam("id") long id) {
        slack.unsubscribe(id);
        return Response.noContent().build();
    }
}
