package dev.larder.backend.team.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "teams")
public class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "display_name")
    public String displayName;

    /** The Slack channel where this team's approvals are posted. */
    @Column(name = "approval_channel")
    public String approvalChannel;

    @Column(name = "created_at")
    public Instant createdAt;
}
