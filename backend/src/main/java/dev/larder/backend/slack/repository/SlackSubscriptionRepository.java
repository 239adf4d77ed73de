package dev.larder.backend.slack.repository;

import dev.larder.backend.slack.domain.SlackSubscription;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SlackSubscriptionRepository implements PanacheRepository<SlackSubscription> {

    public List<SlackSubscription> ofDatastore(long datastoreId) {
        return list("datastoreId", Sort.ascending("id"), datastoreId);
    }

    public Optional<SlackSubscription> find(long datastoreId, String channel) {
        return find("datastoreId = ?1 and channel = ?2", datastoreId, channel).firstResultOptional();
    }
}
