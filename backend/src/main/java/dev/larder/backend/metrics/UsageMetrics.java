package dev.larder.backend.metrics;

import dev.larder.backend.datastore.domain.Datastore;
import dev.larder.backend.datastore.domain.DatastoreState;
import dev.larder.backend.datastore.repository.DatastoreRepository;
import dev.larder.backend.datastore.service.DatastoreTargets;
import dev.larder.backend.datastore.service.DatastoreUsage;
import dev.larder.backend.datastore.service.DatastoreUsage.UsageView;
import dev.larder.backend.engine.Usage.Measure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * larder_datastore_&lt;measure&gt;{team,service,datastore,kind,environment,…}: what each READY datastore holds, read
 * from the servers on a schedule (a scrape never waits on a server). Prometheus wants one set of label names per
 * metric, so a measure's labels are the union seen so far, missing ones empty.
 */
@ApplicationScoped
public class UsageMetrics {

    private static final Logger LOG = Logger.getLogger(UsageMetrics.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,60}");

    private final Map<String, MultiGauge> gauges = new HashMap<>();
    private final Map<String, TreeSet<String>> labelNames = new HashMap<>();

    @Inject
    MeterRegistry registry;

    @Inject
    DatastoreRepository datastores;

    @Inject
    DatastoreTargets targets;

    @Inject
    DatastoreUsage usage;

    @Scheduled(every = "${larder.metrics.usage-interval}", delayed = "${larder.metrics.usage-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        List<Long> ready = QuarkusTransaction.requiringNew().call(() -> datastores
                .list("state", DatastoreState.READY).stream().map((Datastore d) -> d.id).toList());
        Map<String, List<Row>> rows = new HashMap<>();
        for (long id : ready) {
            try {
                UsageView view = usage.measure(targets.target(id));
                for (Measure measure : view.measures()) {
                    if (NAME.matcher(measure.name()).matches()) {
                        rows.computeIfAbsent(measure.name(), name -> new ArrayList<>()).add(new Row(view, measure));
                    }
                }
            } catch (RuntimeException e) {
                // An unreachable server or a datastore decommissioned meanwhile: its gauges drop out until it answers.
                LOG.debugf("No usage for datastore %d: %s", id, e.getMessage());
            }
        }
        publish(rows);
    }

    private synchronized void publish(Map<String, List<Row>> rows) {
        gauges.keySet().stream().filter(name -> !rows.containsKey(name)).toList()
                .forEach(name -> gauges.get(name).register(List.of(), true));
        rows.forEach((name, measured) -> {
            TreeSet<String> seen = labelNames.computeIfAbsent(name, n -> new TreeSet<>());
            TreeSet<String> union = new TreeSet<>(seen);
            measured.forEach(row -> union.addAll(row.measure().labels().keySet()));
            MultiGauge gauge = gauges.computeIfAbsent(name, n -> MultiGauge.builder("larder.datastore." + n)
                    .description("Datastore usage read from its server: " + n).register(registry));
            if (!union.equals(seen)) {
                gauge.register(List.of(), true);
                labelNames.put(name, union);
            }
            gauge.register(measured.stream().map(row -> MultiGauge.Row.of(row.tags(union), row.measure().value()))
                    .map(row -> (MultiGauge.Row<?>) row).toList(), true);
        });
    }

    private record Row(UsageView view, Measure measure) {

        Tags tags(TreeSet<String> labels) {
            Tags tags = Tags.of("team", view.team(), "service", view.service(), "datastore", view.datastore(),
                    "kind", view.kind(), "environment", view.environment());
            for (String label : labels) {
                tags = tags.and(label, measure.labels().getOrDefault(label, ""));
            }
            return tags;
        }
    }
}
