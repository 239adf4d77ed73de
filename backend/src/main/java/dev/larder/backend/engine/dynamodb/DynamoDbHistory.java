package dev.larder.backend.engine.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Which migration files Larder applied to which table, kept on the cluster itself like Flyway's history table: one
 * Larder-owned table ({@code larder.dynamodb.history-table}) keyed by table name and version. A file that failed is
 * recorded with {@code success=false} (and runs again next time, since every operation converges); repair deletes
 * those records. No datastore's policy reaches this table.
 */
final class DynamoDbHistory {

    record Entry(String version, String file, boolean success) {
    }

    private final DynamoDbClient client;
    private final DynamoDbTables tables;
    private final String historyTable;

    DynamoDbHistory(DynamoDbClient client, DynamoDbTables tables, String historyTable) {
        this.client = client;
        this.tables = tables;
        this.historyTable = historyTable;
    }

    List<Entry> entries(String table) {
        if (tables.describe(historyTable).isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        client.queryPaginator(QueryRequest.builder().tableName(historyTable).consistentRead(true)
                .keyConditionExpression("#t = :t").expressionAttributeNames(Map.of("#t", "table"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(table))).build())
                .items().forEach(item -> entries.add(new Entry(item.get("version").s(), item.get("file").s(),
                        item.get("success").bool())));
        return entries;
    }

    void record(String table, String version, String file, String checksum, boolean success) {
        ensureTable();
        client.putItem(r -> r.tableName(historyTable).item(Map.of(
                "table", AttributeValue.fromS(table),
                "version", AttributeValue.fromS(version),
                "file", AttributeValue.fromS(file),
                "checksum", AttributeValue.fromS(checksum),
                "success", AttributeValue.fromBool(success),
                "appliedAt", AttributeValue.fromS(Instant.now().toString()))));
    }

    void remove(String table, String version) {
        client.deleteItem(r -> r.tableName(historyTable).key(Map.of("table", AttributeValue.fromS(table),
                "version", AttributeValue.fromS(version))));
    }

    private void ensureTable() {
        if (tables.describe(historyTable).isPresent()) {
            return;
        }
        try {
            client.createTable(r -> r.tableName(historyTable).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("table").keyType(KeyType.HASH),
                            k -> k.attributeName("version").keyType(KeyType.RANGE))
                    .attributeDefinitions(a -> a.attributeName("table").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("version").attributeType(ScalarAttributeType.S)));
        } catch (ResourceInUseException e) {
            // another replica created it a moment ago: just wait for it below
        }
        tables.awaitActive(historyTable);
    }
}
