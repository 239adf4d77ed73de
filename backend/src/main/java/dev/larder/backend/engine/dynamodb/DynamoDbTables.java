package dev.larder.backend.engine.dynamodb;

import dev.larder.backend.engine.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The table operations of the DynamoDB engine, each idempotent: creating a table that exists with the same keys,
 * adding an index that exists, or setting a TTL that is set, converges instead of failing, so a step cut short by a
 * crash simply runs again.
 */
final class DynamoDbTables {

    private static final Duration POLL = Duration.ofMillis(100);

    private final DynamoDbClient client;
    private final Duration timeout;

    DynamoDbTables(DynamoDbClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    Optional<TableDescription> describe(String table) {
        try {
            return Optional.of(client.describeTable(r -> r.tableName(table)).table());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Creates the table from the spec with these tags, or accepts one that has the same keys; then waits for it. */
    void create(String table, DynamoDbSpec spec, Map<String, String> tags) {
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(table)
                .keySchema(keys(spec.partitionKey(), spec.sortKey()))
                .attributeDefinitions(definitions(spec))
                .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList());
        boolean provisioned = DynamoDbSpec.PROVISIONED.equals(spec.billingMode());
        if (provisioned) {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(spec.readCapacity(),
                    spec.writeCapacity()));
        } else {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        if (!spec.indexes().isEmpty()) {
            request.globalSecondaryIndexes(spec.indexes().stream().map(index -> {
                GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder().indexName(index.name())
                        .keySchema(keys(index.partitionKey(), index.sortKey())).projection(projection(index));
                return provisioned ? gsi.provisionedThroughput(indexThroughput(spec, index)).build() : gsi.build();
            }).toList());
        }
        try {
            client.createTable(request.build());
        } catch (ResourceInUseException e) {
            TableDescription existing = describe(table).orElseThrow(() -> e);
            if (!existing.keySchema().equals(keys(spec.partitionKey(), spec.sortKey()))) {
                throw new EngineException("table " + table + " already exists with other keys " + existing.keySchema()
                        + "; Larder will not take it over", false);
            }
        }
        awaitActive(table);
        setTtl(table, spec.ttlAttribute());
    }

    void delete(String table) {
        Optional<TableDescription> existing = describe(table);
        if (existing.isEmpty()) {
            return;
        }
        if (existing.get().tableStatus() != TableStatus.DELETING) {
            awaitActive(table);
            try {
                client.deleteTable(r -> r.tableName(table));
            } catch (ResourceNotFoundException e) {
                return;
            }
        }
        await(table, "deleted", description -> description.isEmpty());
    }

    void addIndex(String table, DynamoDbSpec spec, DynamoDbSpec.Index index) {
        TableDescription current = awaitActive(table);
        if (current.globalSecondaryIndexes().stream().anyMatch(i -> i.indexName().equals(index.name()))) {
            return;
        }
        CreateGlobalSecondaryIndexAction.Builder create = CreateGlobalSecondaryIndexAction.builder()
                .indexName(index.name()).keySchema(keys(index.partitionKey(), index.sortKey()))
                .projection(projection(index));
        if (DynamoDbSpec.PROVISIONED.equals(spec.billingMode())) {
            create.provisionedThroughput(indexThroughput(spec, index));
        }
        client.updateTable(UpdateTableRequest.builder().tableName(table).attributeDefinitions(definitions(spec))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(create.build()).build())
                .build());
        awaitActive(table);
    }

    void removeIndex(String table, String index) {
        TableDescription current = awaitActive(table);
        if (current.globalSecondaryIndexes().stream().noneMatch(i -> i.indexName().equals(index))) {
            return;
        }
        client.updateTable(r -> r.tableName(table).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName(index))));
        await(table, "without index " + index, description -> missing(table, description)
                && description.get().globalSecondaryIndexes().stream().noneMatch(i -> i.indexName().equals(index)));
        awaitActive(table);
    }

    /** Turns TTL on for {@code attribute} (off first if another attribute has it), or off when null. */
    void setTtl(String table, String attribute) {
        var current = client.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        boolean enabled = current.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
        if (enabled && current.attributeName().equals(attribute)) {
            return;
        }
        if (enabled) {
            client.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(false)
                    .attributeName(current.attributeName())));
        }
        if (attribute != null) {
            client.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(true)
                    .attributeName(attribute)));
        }
    }

    void setBilling(String table, DynamoDbSpec spec) {
        TableDescription current = awaitActive(table);
        boolean provisioned = DynamoDbSpec.PROVISIONED.equals(spec.billingMode());
        String mode = current.billingModeSummary() == null || current.billingModeSummary().billingMode() == null
                ? DynamoDbSpec.PROVISIONED : current.billingModeSummary().billingModeAsString();
        boolean sameCapacity = !provisioned || (current.provisionedThroughput().readCapacityUnits()
                .equals(spec.readCapacity()) && current.provisionedThroughput().writeCapacityUnits()
                .equals(spec.writeCapacity()));
        if (mode.equals(spec.billingMode()) && sameCapacity) {
            return;
        }
        UpdateTableRequest.Builder update = UpdateTableRequest.builder().tableName(table)
                .billingMode(BillingMode.fromValue(spec.billingMode()));
        if (provisioned) {
            update.provisionedThroughput(throughput(spec.readCapacity(), spec.writeCapacity()));
            List<GlobalSecondaryIndexUpdate> indexes = new ArrayList<>();
            for (GlobalSecondaryIndexDescription index : current.globalSecondaryIndexes()) {
                DynamoDbSpec.Index declared = spec.index(index.indexName());
                ProvisionedThroughput capacity = declared == null ? throughput(spec.readCapacity(),
                        spec.writeCapacity()) : indexThroughput(spec, declared);
                indexes.add(GlobalSecondaryIndexUpdate.builder().update(u -> u.indexName(index.indexName())
                        .provisionedThroughput(capacity)).build());
            }
            if (!indexes.isEmpty()) {
                update.globalSecondaryIndexUpdates(indexes);
            }
        }
        client.updateTable(update.build());
        awaitActive(table);
    }

    /** Waits until the table and its indexes are ACTIVE; a table that does not exist fails at once. */
    TableDescription awaitActive(String table) {
        return await(table, "ACTIVE", description -> missing(table, description)
                && description.get().tableStatus() == TableStatus.ACTIVE
                && description.get().globalSecondaryIndexes().stream()
                        .allMatch(i -> "ACTIVE".equals(i.indexStatusAsString())))
                .orElseThrow();
    }

    private static boolean missing(String table, Optional<TableDescription> description) {
        if (description.isEmpty()) {
            throw new EngineException("table " + table + " does not exist", false);
        }
        return true;
    }

    private Optional<TableDescription> await(String table, String state,
            java.util.function.Predicate<Optional<TableDescription>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TableDescription> description = describe(table);
            if (done.test(description)) {
                return description;
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException("table " + table + " did not become " + state + " within " + timeout, false);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while waiting for table " + table, false);
            }
        }
    }

    private static List<KeySchemaElement> keys(DynamoDbSpec.Key partition, DynamoDbSpec.Key sort) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build());
        if (sort != null) {
            keys.add(KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
        }
        return keys;
    }

    /** Every key attribute of the table and its indexes, once each. */
    private static List<AttributeDefinition> definitions(DynamoDbSpec spec) {
        Map<String, String> types = new LinkedHashMap<>();
        List<DynamoDbSpec.Key> keys = new ArrayList<>();
        keys.add(spec.partitionKey());
        keys.add(spec.sortKey());
        spec.indexes().forEach(index -> {
            keys.add(index.partitionKey());
            keys.add(index.sortKey());
        });
        keys.stream().filter(java.util.Objects::nonNull).forEach(key -> types.putIfAbsent(key.name(), key.type()));
        return types.entrySet().stream().map(e -> AttributeDefinition.builder().attributeName(e.getKey())
                .attributeType(e.getValue()).build()).toList();
    }

    private static Projection projection(DynamoDbSpec.Index index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projection());
        return index.nonKeyAttributes().isEmpty() ? projection.build()
                : projection.nonKeyAttributes(index.nonKeyAttributes()).build();
    }

    private static ProvisionedThroughput indexThroughput(DynamoDbSpec spec, DynamoDbSpec.Index index) {
        return throughput(index.readCapacity() != null ? index.readCapacity() : spec.readCapacity(),
                index.writeCapacity() != null ? index.writeCapacity() : spec.writeCapacity());
    }

    private static ProvisionedThroughput throughput(Long read, Long write) {
        return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
    }
}
