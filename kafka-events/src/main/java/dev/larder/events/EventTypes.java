package dev.larder.events;

import dev.larder.events.access.AccessExpired;
import dev.larder.events.access.AccessExpiring;
import dev.larder.events.access.AccessGranted;
import dev.larder.events.access.AccessRevoked;
import dev.larder.events.approval.ApprovalDecided;
import dev.larder.events.approval.ApprovalRequested;
import dev.larder.events.datachange.DataChangeExecuted;
import dev.larder.events.datachange.DataChangeFailed;
import dev.larder.events.datachange.DataChangeRequested;
import dev.larder.events.datachange.DataChangeRolledBack;
import dev.larder.events.datastore.DatastoreDecommissioned;
import dev.larder.events.datastore.DatastoreProvisioned;
import dev.larder.events.migration.MigrationFailed;
import dev.larder.events.migration.MigrationRequested;
import dev.larder.events.migration.MigrationStarted;
import dev.larder.events.migration.MigrationSucceeded;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every CloudEvent type of the contract, as {@code dev.larder.<aggregate>.<past-tense>.v<N>}, and the record its
 * data binds to. A breaking change adds a {@code .v2} constant beside the {@code .v1} one; neither is removed
 * while any producer may still send it.
 */
public final class EventTypes {

    // Commands, on larder.commands.v1
    public static final String MIGRATION_REQUESTED = "dev.larder.migration.requested.v1";
    public static final String DATACHANGE_REQUESTED = "dev.larder.datachange.requested.v1";

    // Events, on larder.events.v1
    public static final String MIGRATION_STARTED = "dev.larder.migration.started.v1";
    public static final String MIGRATION_SUCCEEDED = "dev.larder.migration.succeeded.v1";
    public static final String MIGRATION_FAILED = "dev.larder.migration.failed.v1";
    public static final String DATASTORE_PROVISIONED = "dev.larder.datastore.provisioned.v1";
    public static final String DATASTORE_DECOMMISSIONED = "dev.larder.datastore.decommissioned.v1";
    public static final String APPROVAL_REQUESTED = "dev.larder.approval.requested.v1";
    public static final String APPROVAL_DECIDED = "dev.larder.approval.decided.v1";
    public static final String DATACHANGE_EXECUTED = "dev.larder.datachange.executed.v1";
    public static final String DATACHANGE_FAILED = "dev.larder.datachange.failed.v1";
    public static final String DATACHANGE_ROLLEDBACK = "dev.larder.datachange.rolledback.v1";
    public static final String ACCESS_GRANTED = "dev.larder.access.granted.v1";
    public static final String ACCESS_EXPIRING = "dev.larder.access.expiring.v1";
    public static final String ACCESS_REVOKED = "dev.larder.access.revoked.v1";
    public static final String ACCESS_EXPIRED = "dev.larder.access.expired.v1";

    private static final Map<String, EventType> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();

    static {
        command(MIGRATION_REQUESTED, MigrationRequested.class);
        command(DATACHANGE_REQUESTED, DataChangeRequested.class);

        event(MIGRATION_STARTED, MigrationStarted.class);
        event(MIGRATION_SUCCEEDED, MigrationSucceeded.class);
        event(MIGRATION_FAILED, MigrationFailed.class);
        event(DATASTORE_PROVISIONED, DatastoreProvisioned.class);
        event(DATASTORE_DECOMMISSIONED, DatastoreDecommissioned.class);
        event(APPROVAL_REQUESTED, ApprovalRequested.class);
        event(APPROVAL_DECIDED, ApprovalDecided.class);
        event(DATACHANGE_EXECUTED, DataChangeExecuted.class);
        event(DATACHANGE_FAILED, DataChangeFailed.class);
        event(DATACHANGE_ROLLEDBACK, DataChangeRolledBack.class);
        event(ACCESS_GRANTED, AccessGranted.class);
        event(ACCESS_EXPIRING, AccessExpiring.class);
        event(ACCESS_REVOKED, AccessRevoked.class);
        event(ACCESS_EXPIRED, AccessExpired.class);
    }

    private EventTypes() {
    }

    /** All types, commands first, in declaration order. */
    public static Collection<EventType> all() {
        return BY_TYPE.values();
    }

    /** The descriptor of a type; empty for a type this version of the contract does not know. */
    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    public static boolean isKnown(String type) {
        return type != null && BY_TYPE.containsKey(type);
    }

    /** The record a type's data binds to; empty for an unknown type. */
    public static Optional<Class<?>> dataClass(String type) {
        return find(type).map(EventType::dataClass);
    }

    /** The type string for a data record class; throws for a class that is not part of the contract. */
    public static String typeOf(Class<?> dataClass) {
        EventType eventType = BY_CLASS.get(dataClass);
        if (eventType == null) {
            throw new IllegalArgumentException(dataClass.getName() + " is not a Larder event data record");
        }
        return eventType.type();
    }

    private static void command(String type, Class<?> dataClass) {
        register(new EventType(type, Topics.COMMANDS, dataClass));
    }

    private static void event(String type, Class<?> dataClass) {
        register(new EventType(type, Topics.EVENTS, dataClass));
    }

    private static void register(EventType eventType) {
        if (BY_TYPE.putIfAbsent(eventType.type(), eventType) != null
                || BY_CLASS.putIfAbsent(eventType.dataClass(), eventType) != null) {
            throw new IllegalStateException("duplicate registration: " + eventType);
        }
    }
}
