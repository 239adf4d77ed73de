package dev.larder.backend.engine;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** Finds the engine for a kind. Refuses to start when a kind has no engine or more than one. */
@Startup
@ApplicationScoped
public class EngineRegistry {

    private final Map<DatastoreKind, DatastoreEngine> engines = new EnumMap<>(DatastoreKind.class);

    public EngineRegistry(@Any Instance<DatastoreEngine> candidates) {
        for (DatastoreEngine engine : candidates) {
            DatastoreEngine previous = engines.put(engine.kind(), engine);
            if (previous != null) {
                throw new IllegalStateException("Two engines for kind " + engine.kind().label() + ": "
                        + previous.getClass().getName() + " and " + engine.getClass().getName());
            }
        }
        for (DatastoreKind kind : DatastoreKind.values()) {
            if (!engines.containsKey(kind)) {
                throw new IllegalStateException("No engine for datastore kind " + kind.label());
            }
        }
    }

    public DatastoreEngine engine(DatastoreKind kind) {
        return engines.get(kind);
    }
}
