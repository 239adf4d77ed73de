package dev.larder.backend.metrics;

import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.repository.DatastoreRepository;
import dev.larder.backend.engine.DatastoreKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * larder_datastores{kind,state}: how many datastores are in each state. Counted from the control plane on a
 * schedule (a scrape never waits on the database), so every replica reports the same numbers.
 */
@ApplicationScoped
public class DatastoreMetrics {

    private final Map<DatastoreKind, Map<DatastoreState, AtomicLong>> counts = new EnumMap<>(DatastoreKind.class);

    @Inject
    DatastoreRepository datastores;

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        for (DatastoreKind kind : DatastoreKind.values()) {
            Map<DatastoreState, AtomicLong> byState = new EnumMap<>(DatastoreState.class);
            for (DatastoreState state : DatastoreState.values()) {
                AtomicLong value = new AtomicLong();
                byState.put(state, value);
                Gauge.builder("larder.datastores", value, AtomicLong::get)
                        .description("Datastores by kind and state")
                        .tag("kind", kind.label()).tag("state", state.name())
                        .register(registry);
            }
            counts.put(kind, byState);
        }
    }

    @Scheduled(every = "${larder.metrics.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        Map<String, Long> seen = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> datastores.countByKindAndState()
                .forEach(row -> seen.put(row[0] + "/" + row[1], ((Number) row[2]).longValue())));
        counts.forEach((kind, byState) -> byState.forEach((state, value) ->
                value.set(seen.getOrDefault(kind.label() + "/" + state, 0L))));
    }
}
