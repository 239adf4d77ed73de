package dev.larder.backend.team.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A service in the company's sense: a deployable owned by one team, which owns datastores. */
@Entity
@Table(name = "services")
public class Microservice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "team_id")
    public Long teamId;

    /** The Backstage System it belongs to, if known. */
    @Column(name = "system_name")
    public String systemName;

    public String description;

    @Column(name = "created_at")
    public Instant createdAt;
}
