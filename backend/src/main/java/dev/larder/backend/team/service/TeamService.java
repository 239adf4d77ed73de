package dev.larder.backend.team.service;

import dev.larder.backend.audit.service.AuditService;
import dev.larder.backend.common.error.ProblemException;
import dev.larder.backend.common.names.Names;
import dev.larder.backend.common.web.Page;
import dev.larder.backend.security.Caller;
import dev.larder.backend.team.domain.Member;
import dev.larder.backend.team.domain.Microservice;
import dev.larder.backend.team.domain.Team;
import dev.larder.backend.team.repository.MemberRepository;
import dev.larder.backend.team.repository.MicroserviceRepository;
import dev.larder.backend.team.repository.TeamRepository;
import dev.larder.backend.team.service.TeamViews.MemberView;
import dev.larder.backend.team.service.TeamViews.NewMember;
import dev.larder.backend.team.service.TeamViews.NewService;
import dev.larder.backend.team.service.TeamViews.NewTeam;
import dev.larder.backend.team.service.TeamViews.ServiceView;
import dev.larder.backend.team.service.TeamViews.TeamView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Teams, the people in them, and the services they own: who may act for which datastore. */
@ApplicationScoped
public class TeamService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,189}");
    private static final Pattern USER_REF = Pattern.compile("user:[a-z0-9._-]+/[a-z0-9._-]+");
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,30}");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("#?[a-z0-9._-]{1,79}|[CG][A-Z0-9]{2,30}");

    @Inject
    TeamRepository teams;

    @Inject
    MemberRepository members;

    @Inject
    MicroserviceRepository services;

    @Inject
    Caller caller;

    @Inject
    AuditService audit;

    @Transactional
    public TeamView createTeam(NewTeam request) {
        caller.requirePlatformAdmin("create teams");
        String name = Names.label("name", request.name());
        String channel = channel(request.approvalChannel());
        if (teams.findByName(name).isPresent()) {
            throw ProblemException.conflict("Team '" + name + "' already exists.");
        }
        Team team = new Team();
        team.name = name;
        team.displayName = request.displayName() == null || request.displayName().isBlank() ? name
                : request.displayName().strip();
        team.approvalChannel = channel;
        team.createdAt = Instant.now();
        teams.persist(team);
        audit.record("team.created", "team", name, Map.of("displayName", team.displayName));
        return view(team);
    }

    @Transactional
    public Page<TeamView> listTeams(int page, int size) {
        var query = teams.findAll(Sort.ascending("name"));
        return new Page<>(query.page(page, size).list().stream().map(TeamService::view).toList(), page, size,
                query.count());
    }

    @Transactional
    public TeamView team(String name) {
        return view(teams.findByName(name).orElseThrow(() -> ProblemException.notFound("Team", name)));
    }

    /** Where the team's approval requests are posted in Slack; null stops posting them. */
    @Transactional
    public TeamView setApprovalChannel(String name, String channel) {
        Team team = teams.findByName(name).orElseThrow(() -> ProblemException.notFound("Team", name));
        caller.requireTeam(team.id, team.name, "set its approval channel");
        team.approvalChannel = channel(channel == null || channel.isBlank() ? null : channel.strip());
        Map<String, Object> details = new java.util.HashMap<>();
        details.put("approvalChannel", team.approvalChannel);
        audit.record("team.approval-channel-set", "team", name, details);
        return view(team);
    }

    private static String channel(String channel) {
        if (channel != null && !SLACK_CHANNEL.matcher(channel).matches()) {
            throw ProblemException.invalid("approvalChannel", "slack.channel",
                    "must be a Slack channel name like #payments-approvals or a channel id like C0123ABC");
        }
        return channel;
    }

    @Transactional
    public MemberView createMember(NewMember request) {
        caller.requirePlatformAdmin("add members");
        String email = Names.required("email", request.email()).strip().toLowerCase();
        if (!EMAIL.matcher(email).matches()) {
            throw ProblemException.invalid("email", "email", "must be an email address");
        }
        if (request.slackUserId() != null && !SLACK_USER.matcher(request.slackUserId()).matches()) {
            throw ProblemException.invalid("slackUserId", "slack.user", "must be a Slack user id like U0123ABCD");
        }
        if (members.findByEmail(email).isPresent()) {
            throw ProblemException.conflict("Member '" + email + "' already exists.");
        }
        String entityRef = request.entityRef() == null ? null : request.entityRef().strip().toLowerCase();
        if (entityRef != null && !USER_REF.matcher(entityRef).matches()) {
            throw ProblemException.invalid("entityRef", "backstage.user-ref", "must be a Backstage user ref like"
                    + " user:default/jane");
        }
        Set<Long> teamIds = new HashSet<>();
        for (String teamName : request.teams() == null ? List.<String>of() : request.teams()) {
            teamIds.add(requireTeam("teams", teamName).id);
        }
        Member member = new Member();
        member.email = email;
        member.displayName = request.displayName() == null || request.displayName().isBlank() ? email
                : request.displayName().strip();
        member.slackUserId = request.slackUserId();
        member.entityRef = entityRef;
        member.teamIds = teamIds;
        member.createdAt = Instant.now();
        members.persist(member);
        audit.record("member.created", "member", email, Map.of("teams", teamNames(teamIds)));
        return view(member);
    }

    @Transactional
    public Page<MemberView> listMembers(String team, int page, int size) {
        var query = team == null ? members.findAll(Sort.ascending("email"))
                : members.find("?1 member of teamIds", Sort.ascending("email"), requireTeam("team", team).id);
        return new Page<>(query.page(page, size).list().stream().map(this::view).toList(), page, size,
                query.count());
    }

    @Transactional
    public MemberView member(String email) {
        return view(members.findByEmail(email.toLowerCase())
                .orElseThrow(() -> ProblemException.notFound("Member", email)));
    }

    @Transactional
    public ServiceView createService(NewService request) {
        String name = Names.resource("name", request.name());
        Team team = requireTeam("team", request.team());
        caller.requireTeam(team.id, team.name, "register services for it");
        String system = request.system() == null ? null : Names.label("system", request.system());
        if (services.findByName(name).isPresent()) {
            throw ProblemException.conflict("Service '" + name + "' already exists.");
        }
        Microservice service = new Microservice();
        service.name = name;
        service.teamId = team.id;
        service.systemName = system;
        service.description = request.description() == null ? null
                : request.description().substring(0, Math.min(500, request.description().length()));
        service.createdAt = Instant.now();
        services.persist(service);
        Map<String, Object> details = new HashMap<>();
        details.put("team", team.name);
        if (system != null) {
            details.put("system", system);
        }
        audit.record("service.created", "service", name, details);
        return view(service, team);
    }

    @Transactional
    public Page<ServiceView> listServices(String team, int page, int size) {
        var query = team == null ? services.findAll(Sort.ascending("name"))
                : services.find("teamId", Sort.ascending("name"), requireTeam("team", team).id);
        return new Page<>(query.page(page, size).list().stream()
                .map(service -> view(service, teams.findById(service.teamId))).toList(), page, size, query.count());
    }

    @Transactional
    public ServiceView service(String name) {
        Microservice service = services.findByName(name)
                .orElseThrow(() -> ProblemException.notFound("Service", name));
        return view(service, teams.findById(service.teamId));
    }

    private Team requireTeam(String field, String name) {
        Names.required(field, name);
        return teams.findByName(name).orElseThrow(() -> ProblemException.invalid(field, "reference.exists",
                "team '" + name + "' does not exist; create it first (POST /api/v1/teams)"));
    }

    private List<String> teamNames(Set<Long> teamIds) {
        return teamIds.stream().map(teams::findById).map(team -> team.name).sorted().toList();
    }

    private static TeamView view(Team team) {
        return new TeamView(team.id, team.name, team.displayName, team.approvalChannel, team.createdAt);
    }

    private MemberView view(Member member) {
        return new MemberView(member.id, member.email, member.displayName, member.slackUserId, member.entityRef,
                teamNames(member.teamIds), member.createdAt);
    }

    private static ServiceView view(Microservice service, Team team) {
        return new ServiceView(service.id, service.name, team.name, service.systemName, service.description,
                service.createdAt);
    }
}
