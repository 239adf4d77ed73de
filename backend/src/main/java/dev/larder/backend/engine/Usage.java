package dev.larder.backend.engine;

import java.util.List;
import java.util.Map;

/**
 * What a datastore holds right now, as the server reports it. Each measure becomes a Prometheus gauge
 * {@code larder_datastore_<name>} labelled by team, service, datastore, kind and environment plus its own labels.
 */
public record Usage(List<Measure> measures) {

    /** One number: a lowercase snake_case name (rows, size_bytes, keys…), its own labels, the value. */
    public record Measure(String name, Map<String, String> labels, double value) {

        public static Measure of(String name, double value) {
            return new Measure(name, Map.of(), value);
        }
    }

    public static Usage none() {
        return new Usage(List.of());
    }
}
