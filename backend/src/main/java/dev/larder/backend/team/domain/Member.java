package dev.larder.backend.team.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** A person: identified by email (the claim a JWT carries), optionally linked to a Slack user. */
@Entity
@Table(name = "members")
public class Member {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String email;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "slack_user_id")
    public String slackUserId;

    /** The Backstage user entity, e.g. user:default/jane. */
    @Column(name = "entity_ref")
    public String entityRef;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "member_teams", joinColumns = @JoinColumn(name = "member_id"))
    @Column(name = "team_id")
    public Set<Long> teamIds = new HashSet<>();

    @Column(name = "created_at")
    public Instant createdAt;
}
