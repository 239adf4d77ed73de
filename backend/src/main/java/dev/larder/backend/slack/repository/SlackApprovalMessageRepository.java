package dev.larder.backend.slack.repository;

import dev.larder.backend.slack.domain.SlackApprovalMessage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SlackApprovalMessageRepository implements PanacheRepositoryBase<SlackApprovalMessage, Long> {
}
