package dev.larder.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.events.common.DatastoreRef;
import dev.larder.events.migration.MigrationFileSpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandIdsTest {

    private static final DatastoreRef ORDERS = DatastoreRef.byName("orders", "orders_db", "prod");

    @Test
    void sameDatastoreAndFilesGiveTheSameId() {
        String first = CommandIds.stable(ORDERS, List.of(file("V1__a.sql", "CREATE TABLE a (id INT);"),
                file("V2__b.sql", "CREATE TABLE b (id INT);")));
        String again = CommandIds.stable(DatastoreRef.byName("orders", "orders_db", "prod"), List.of(
                file("V1__a.sql", "CREATE TABLE a (id INT);"), file("V2__b.sql", "CREATE TABLE b (id INT);")));

        assertThat(first).matches("ci-[0-9a-f]{32}").isEqualTo(again);
    }

    @Test
    void isTheDocumentedHash() {
        MigrationFileSpec a = file("V1__a.sql", "abc");
        String input = "orders/orders_db/prod\nV1__a.sql\n" + a.sha256() + "\n";
        String expected = "ci-" + HexFormat.of().formatHex(BundlePacker.sha256(input.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);

        assertThat(CommandIds.stable(ORDERS, List.of(a))).isEqualTo(expected);
    }

    @Test
    void oneChangedByteGivesAnotherId() {
        String before = CommandIds.stable(ORDERS, List.of(file("V1__a.sql", "CREATE TABLE a (id INT);")));
        String after = CommandIds.stable(ORDERS, List.of(file("V1__a.sql", "CREATE TABLE a (id INT)!")));

        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void dependsOnTheDatastoreTheNamesAndTheOrder() {
        MigrationFileSpec a = file("V1__a.sql", "A");
        MigrationFileSpec b = file("V2__b.sql", "B");
        String id = CommandIds.stable(ORDERS, List.of(a, b));

        assertThat(CommandIds.stable(DatastoreRef.byName("orders", "orders_db", "staging"), List.of(a, b)))
                .isNotEqualTo(id);
        assertThat(CommandIds.stable(DatastoreRef.byId(42), List.of(a, b))).isNotEqualTo(id);
        assertThat(CommandIds.stable(ORDERS, List.of(file("V1__renamed.sql", "A"), b))).isNotEqualTo(id);
        assertThat(CommandIds.stable(ORDERS, List.of(b, a))).isNotEqualTo(id);
        assertThat(CommandIds.stable(ORDERS, List.of(a))).isNotEqualTo(id);
    }

    private static MigrationFileSpec file(String name, String content) {
        return new MigrationFileSpec(name, BundlePacker.sha256Hex(content), content);
    }
}
