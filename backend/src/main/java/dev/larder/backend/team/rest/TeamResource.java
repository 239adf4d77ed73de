package dev.larder.backend.team.rest;

import dev.larder.backend.common.web.Page;
import dev.larder.backend.team.service.TeamService;
import dev.larder.backend.team.service.TeamViews.ApprovalChannel;
import dev.larder.backend.team.service.TeamViews.MemberView;
import dev.larder.backend.team.service.TeamViews.NewMember;
import dev.larder.backend.team.service.TeamViews.NewService;
import dev.larder.backend.team.service.TeamViews.NewTeam;
import dev.larder.backend.team.service.TeamViews.ServiceView;
import dev.larder.backend.team.service.TeamViews.TeamView;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Teams, members and services: the ownership that decides who may act on a datastore. */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {

    @Inject
    TeamService service;

    @POST
    @Path("/teams")
    public Response createTeam(NewTeam request) {
        TeamView team = service.createTeam(request == null ? new NewTeam(null, null, null) : request);
        return Response.created(URI.create("/api/v1/teams/" + team.name())).entity(team).build();
    }

    @GET
    @Path("/teams")
    public Page<TeamView> teams(@QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return service.listTeams(page, size);
    }

    @GET
    @Path("/teams/{name}")
    public TeamView team(@PathParam("name") String name) {
        return service.team(name);
    }

    @PUT
    @Path("/teams/{name}/approval-channel")
    public TeamView setApprovalChannel(@PathParam("name") String name, ApprovalChannel request) {
        return service.setApprovalChannel(name, request == null ? null : request.approvalChannel());
    }

    @POST
    @Path("/members")
    public Response createMember(NewMember request) {
        MemberView member = service.createMember(request == null ? new NewMember(null, null, null, null) : request);
        return Response.created(URI.create("/api/v1/members/" + member.email())).entity(member).build();
    }

    @GET
    @Path("/members")
    public Page<MemberView> members(@QueryParam("team") String team,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return service.listMembers(team, page, size);
    }

    @GET
    @Path("/members/{email}")
    public MemberView member(@PathParam("email") String email) {
        return service.member(email);
    }

    @POST
    @Path("/services")
    public Response createService(NewService request) {
        ServiceView created = service.createService(request == null ? new NewService(null, null, null, null)
                : request);
        return Response.created(URI.create("/api/v1/services/" + created.name())).entity(created).build();
    }

    @GET
    @Path("/services")
    public Page<ServiceView> services(@QueryParam("team") String team,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Page.check(page, size);
        return service.listServices(team, page, size);
    }

    @GET
    @Path("/services/{name}")
    public ServiceView service(@PathParam("name") String name) {
        return service.service(name);
    }
}
