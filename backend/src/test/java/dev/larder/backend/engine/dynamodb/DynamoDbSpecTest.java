package dev.larder.backend.engine.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of the declared spec names the path and the rule; a good spec comes back normalised. */
class DynamoDbSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{}|partitionKey|required",
        "{'partitionKey': {'name': 'id'}}|partitionKey.type|required",
        "{'partitionKey': {'name': 'id', 'type': 'X'}}|partitionKey.type|enum",
        "{'partitionKey': {'name': '1id', 'type': 'S'}}|partitionKey.name|pattern",
        "{'partitionKey': {'name': 'id', 'type': 'S', 'kind': 'HASH'}}|partitionKey.kind|unknown-field",
        "{'partitionKey': 'id'}|partitionKey|type",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'sortKey': {'name': 'id', 'type': 'S'}}|sortKey.name|distinct",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'billingMode': 'ON_DEMAND'}|billingMode|enum",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'billingMode': 'PROVISIONED', 'readCapacity': 5}|writeCapacity|required",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'readCapacity': 5}|readCapacity|billing",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'billingMode': 'PROVISIONED', 'readCapacity': 0, 'writeCapacity': 1}|readCapacity|range",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'billingMode': 'PROVISIONED', 'readCapacity': 1.5, 'writeCapacity': 1}|readCapacity|type",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'ttlAttribute': 'expires at'}|ttlAttribute|pattern",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': {}}|globalSecondaryIndexes|type",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'partitionKey': {'name': 'a', 'type': 'S'}}]}|globalSecondaryIndexes[0].name|required",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'name': 'ix', 'partitionKey': {'name': 'a', 'type': 'S'}}]}|globalSecondaryIndexes[0].name|pattern",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'S'}, 'projection': 'SOME'}]}|globalSecondaryIndexes[0].projection|enum",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'S'}, 'projection': 'INCLUDE'}]}|globalSecondaryIndexes[0].nonKeyAttributes|projection",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'S'}, 'nonKeyAttributes': ['b']}]}|globalSecondaryIndexes[0].nonKeyAttributes|projection",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'S'}}, {'name': 'byA', 'partitionKey': {'name': 'b', 'type': 'S'}}]}|globalSecondaryIndexes[1].name|unique",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'name': 'byId', 'partitionKey': {'name': 'id', 'type': 'N'}}]}|globalSecondaryIndexes[0].partitionKey.type|type-conflict",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes': [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'S'}, 'readCapacity': 1}]}|globalSecondaryIndexes[0].readCapacity|billing",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'tenantKey': 'other'}|tenantKey|tenant-key",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'tenantKey': 'id', 'globalSecondaryIndexes': [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'S'}}]}|globalSecondaryIndexes[0].partitionKey.name|tenant-key",
        "{'partitionKey': {'name': 'id', 'type': 'S'}, 'streams': true}|streams|unknown-field",
    })
    void aBrokenRuleNamesItsPathAndRule(String spec, String path, String rule) {
        assertThatThrownBy(() -> DynamoDbSpec.parse(json(spec))).isInstanceOfSatisfying(SpecViolation.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.rule()).isEqualTo(rule);
        });
    }

    @Test
    void aGoodSpecComesBackWithItsDefaultsWrittenOut() throws Exception {
        JsonNode normalised = DynamoDbSpec.parse(json("{'partitionKey': {'name': 'id', 'type': 'S'}, 'sortKey': '',"
                + " 'globalSecondaryIndexes': [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'N'}}]}"))
                .toJson();

        assertThat(normalised).isEqualTo(json("{'partitionKey': {'name': 'id', 'type': 'S'}, 'globalSecondaryIndexes':"
                + " [{'name': 'byA', 'partitionKey': {'name': 'a', 'type': 'N'}, 'projection': 'ALL'}],"
                + " 'billingMode': 'PAY_PER_REQUEST'}"));
        assertThat(DynamoDbSpec.parse(normalised).toJson()).as("normalising twice changes nothing")
                .isEqualTo(normalised);
    }

    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
