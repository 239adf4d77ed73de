package dev.larder.backend.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.larder.backend.common.names.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each rule catches beyond its documented example, and what it must leave alone. */
class LintRulesTest {

    private final MigrationLinter linter = new MigrationLinter();

    private LintReport lint(String sql) {
        return linter.lint(LintInput.of("shop_orders", Environment.PROD, new MigrationFile("V2__change.sql", sql)));
    }

    private LintReport lintReplicated(String sql) {
        return linter.lint(new LintInput(List.of(new MigrationFile("V2__change.sql", sql)), "shop_orders", Map.of(),
                true, Environment.DEV));
    }

    private static List<String> rules(LintReport report) {
        return report.findings().stream().map(Finding::ruleId).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GRANT ALL PRIVILEGES ON *.* TO 'app'@'%' WITH GRANT OPTION",
        "grant select on shop_orders.* to reporting",
        "REVOKE INSERT ON shop_orders.* FROM 'app'@'%'",
        "CREATE USER 'x'@'%' IDENTIFIED BY 'secret'",
        "CREATE OR REPLACE USER x",
        "DROP USER 'app'@'%'",
        "ALTER USER 'app'@'%' IDENTIFIED BY 'secret'",
        "RENAME USER a TO b",
        "CREATE ROLE reporting",
        "SET PASSWORD FOR 'app'@'%' = 'x'",
        "SET DEFAULT ROLE ALL TO 'app'@'%'",
        "SET GLOBAL max_connections = 10",
        "SET PERSIST max_connections = 10",
        "SET PERSIST_ONLY max_connections = 10",
        "SET @@GLOBAL.read_only = 1",
        "SET @@persist.read_only = 1",
        "SET sql_log_bin = 0",
        "SET SESSION sql_log_bin = 0",
        "SET @@session.gtid_next = 'AUTOMATIC'",
        "CREATE DATABASE other",
        "CREATE SCHEMA IF NOT EXISTS other DEFAULT CHARACTER SET utf8mb4",
        "DROP DATABASE shop_orders",
        "DROP SCHEMA IF EXISTS billing",
        "ALTER DATABASE shop_orders READ ONLY = 1",
        "INSTALL PLUGIN audit_log SONAME 'audit_log.so'",
        "UNINSTALL PLUGIN audit_log",
        "INSTALL COMPONENT 'file://component_validate_password'",
        "LOAD DATA INFILE '/etc/passwd' INTO TABLE t",
        "LOAD DATA LOCAL INFILE 'orders.csv' INTO TABLE orders FIELDS TERMINATED BY ','",
        "LOAD XML INFILE 'x.xml' INTO TABLE t",
        "SELECT * FROM orders INTO OUTFILE '/tmp/orders.csv'",
        "SELECT * INTO DUMPFILE '/tmp/x' FROM orders",
        "SELECT LOAD_FILE('/etc/passwd')",
        "INSERT INTO notes (body) SELECT LOAD_FILE('/etc/shadow')",
        "FLUSH PRIVILEGES",
        "FLUSH TABLES WITH READ LOCK",
        "KILL 12",
        "KILL QUERY 12",
        "SHUTDOWN",
        "RESTART",
        "CHANGE MASTER TO MASTER_HOST = 'evil'",
        "CHANGE REPLICATION SOURCE TO SOURCE_HOST = 'evil'",
        "START SLAVE",
        "STOP REPLICA",
        "START GROUP_REPLICATION",
        "RESET MASTER",
        "PURGE BINARY LOGS BEFORE '2024-01-01'",
        "BINLOG 'aGVsbG8='",
        "CLONE INSTANCE FROM 'root'@'other':3306 IDENTIFIED BY 'x'",
        "ALTER INSTANCE ROTATE INNODB MASTER KEY",
        "CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'x')",
        "CREATE TABLESPACE ts ADD DATAFILE 'ts.ibd'",
        "CREATE DEFINER = `root`@`%` PROCEDURE p() SELECT 1",
        "CREATE DEFINER=root@localhost TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET NEW.a = 1",
        "CREATE FUNCTION evil RETURNS STRING SONAME 'evil.so'",
        "CREATE TABLE remote (id INT PRIMARY KEY) ENGINE=FEDERATED CONNECTION='mysql://u@other/db/t'",
        "CREATE TABLE t (id INT PRIMARY KEY) DATA DIRECTORY = '/tmp'",
        "/*!40101 GRANT ALL ON *.* TO 'app'@'%' */",
        "/*M!100100 FLUSH PRIVILEGES */",
        "CREATE PROCEDURE p() BEGIN SELECT 1; GRANT ALL ON *.* TO 'app'@'%'; END",
        "CREATE TRIGGER t AFTER INSERT ON orders FOR EACH ROW BEGIN IF NEW.id = 1 THEN SET GLOBAL read_only = 1;"
                + " END IF; END",
        "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO FLUSH LOGS",
    })
    void privilegedStatementsAreAlwaysRefused(String sql) {
        for (Environment environment : Environment.values()) {
            LintReport report = linter.lint(LintInput.of("shop_orders", environment, new MigrationFile("V2__x.sql",
                    sql + ";")));

            assertThat(report.findings()).as("%s in %s", sql, environment)
                    .anySatisfy(finding -> {
                        assertThat(finding.ruleId()).isEqualTo("tenant.privileged");
                        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
                        assertThat(finding.line()).isEqualTo(1);
                    });
            assertThat(report.blocked()).isTrue();
            assertThat(rules(report)).as("a refused statement is not also reported as unparsable")
                    .doesNotContain("syntax.unparsable");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE SPATIAL INDEX idx_location ON stores (location)",
        "SET NAMES utf8mb4",
        "SET foreign_key_checks = 0",
        "SET @global_count = 1",
        "SELECT 'GRANT ALL ON *.* TO x' AS text",
        "-- GRANT ALL ON *.* TO x\nSELECT 1",
        "/* FLUSH PRIVILEGES */ SELECT 1",
        "INSERT INTO outfile_log (id) VALUES (1)",
        "UPDATE orders SET `grant` = 1 WHERE id = 2",
        "CREATE DEFINER = CURRENT_USER TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET NEW.a = 1",
    })
    void lookalikesAreNotPrivileged(String sql) {
        assertThat(rules(lint(sql))).doesNotContain("tenant.privileged");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM billing.invoices",
        "SELECT * FROM `billing`.`invoices`",
        "INSERT INTO billing.invoices (id) VALUES (1)",
        "UPDATE orders o JOIN billing.invoices i ON i.order_id = o.id SET o.paid = 1",
        "DELETE FROM billing.invoices WHERE id = 1",
        "DELETE o FROM orders o JOIN billing.invoices i ON i.order_id = o.id WHERE i.void = 1",
        "CREATE TABLE billing.t (id INT PRIMARY KEY)",
        "CREATE TABLE copy LIKE billing.invoices",
        "CREATE TABLE copy AS SELECT * FROM billing.invoices",
        "ALTER TABLE billing.invoices ADD COLUMN note TEXT NULL",
        "CREATE INDEX idx ON billing.invoices (id)",
        "DROP TABLE IF EXISTS orders_old, billing.invoices",
        "TRUNCATE billing.invoices",
        "RENAME TABLE orders TO billing.orders",
        "ALTER TABLE orders RENAME TO billing.orders",
        "CREATE VIEW v AS SELECT * FROM billing.invoices",
        "CREATE VIEW billing.v AS SELECT * FROM orders",
        "CALL billing.close_month()",
        "SELECT billing.tax(total) FROM orders",
        "SELECT billing.invoices.id FROM orders",
        "SELECT * FROM mysql.user",
        "SELECT * FROM orders WHERE customer_id IN (SELECT id FROM performance_schema.threads)",
        "CREATE TRIGGER t AFTER INSERT ON orders FOR EACH ROW INSERT INTO billing.audit (id) VALUES (NEW.id)",
        "CREATE PROCEDURE p() BEGIN UPDATE billing.invoices SET void = 1; END",
        "LOCK TABLES billing.invoices READ",
        "OPTIMIZE TABLE billing.invoices",
    })
    void namesInOtherSchemasAreRefused(String sql) {
        assertThat(lint(sql).findings()).as(sql)
                .anySatisfy(finding -> assertThat(finding.ruleId()).isEqualTo("tenant.qualified-name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM shop_orders.orders",
        "INSERT INTO shop_orders.orders (id) VALUES (1)",
        "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()",
        "SELECT o.id, o.total FROM orders o JOIN order_items i ON i.order_id = o.id",
        "SELECT EXTRACT(YEAR FROM o.created_at) FROM orders o",
        "SELECT TRIM(LEADING 'x' FROM o.reference) FROM orders o",
        "CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET NEW.total = NEW.net + NEW.tax",
    })
    void ownAndUnqualifiedNamesAreFine(String sql) {
        assertThat(rules(lint(sql))).doesNotContain("tenant.qualified-name");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ALTER TABLE orders ADD CONSTRAINT fk_customer FOREIGN KEY (customer_id) REFERENCES billing.customers (id)",
        "CREATE TABLE t (id INT PRIMARY KEY, customer_id INT REFERENCES billing.customers (id))",
        "CREATE TABLE t (id INT PRIMARY KEY, c INT, FOREIGN KEY (c) REFERENCES `billing`.`customers` (`id`))",
    })
    void foreignKeysIntoOtherSchemasAreRefused(String sql) {
        assertThat(rules(lint(sql))).contains("tenant.cross-schema-fk").doesNotContain("tenant.qualified-name");
    }

    @Test
    void useIsRefusedEvenForTheOwnSchema() {
        assertThat(rules(lint("USE shop_orders;\nSELECT 1;"))).contains("tenant.use");
        assertThat(rules(lint("use `billing`"))).contains("tenant.use");
    }

    @Test
    void dynamicSqlIsRefusedAlsoInsideRoutines() {
        assertThat(rules(lint("CREATE PROCEDURE p() BEGIN SET @s = 'DROP TABLE x'; PREPARE q FROM @s; EXECUTE q;"
                + " END"))).contains("tenant.dynamic-sql");
    }

    @Test
    void statementsCannotHideBehindADelimiterOrAnUnclosedBody() {
        LintReport hidden = lint("DELIMITER $$\nSELECT 1; GRANT ALL ON *.* TO 'app'@'%' $$\nDELIMITER ;\n");
        assertThat(rules(hidden)).contains("tenant.privileged", "syntax.unparsable");

        LintReport swallowed = lint("CREATE PROCEDURE p() BEGIN SELECT 1;\nDROP TABLE orders;\n");
        assertThat(swallowed.findings()).anySatisfy(finding -> {
            assertThat(finding.ruleId()).isEqualTo("syntax.unparsable");
            assertThat(finding.message()).contains("never ends");
        });
        assertThat(rules(lint("INSERT INTO notes (body) VALUES ('never closed);\nDROP TABLE orders;")))
                .contains("syntax.unparsable");
    }

    @Test
    void aRealisticCleanBundleHasNoFindings() {
        LintReport report = linter.lint(new LintInput(List.of(
                new MigrationFile("db/migration/V1__create_orders.sql", """
                        -- orders of the shop
                        CREATE TABLE orders (
                          id BIGINT UNSIGNED NOT NULL,
                          customer_id BIGINT UNSIGNED NOT NULL,
                          status VARCHAR(20) NOT NULL DEFAULT 'new',
                          total DECIMAL(12,2) NOT NULL,
                          created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                          PRIMARY KEY (id),
                          KEY (customer_id)
                        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
                        """),
                new MigrationFile("db/migration/V1_1__add_channel.sql",
                        "ALTER TABLE orders ADD COLUMN channel VARCHAR(20) NOT NULL DEFAULT 'web' AFTER status,"
                                + " ALGORITHM=INSTANT;\n"),
                new MigrationFile("db/migration/V2__index_created_at.sql",
                        "CREATE INDEX idx_orders_created_at ON orders (created_at) ALGORITHM=INPLACE LOCK=NONE;\n")),
                "shop_orders", Map.of(), true, Environment.PROD));

        assertThat(report.findings()).isEmpty();
        assertThat(report.blocked()).isFalse();
    }

    @Test
    void findingsCarryTheFileTheLineAndTheStatement() {
        LintReport report = lint("-- header\n\nALTER TABLE orders\n  ADD COLUMN a INT NULL;\n\n\nDROP TABLE legacy;\n");

        Finding drop = report.findings().stream().filter(finding -> finding.ruleId().equals("destructive.drop-table"))
                .findFirst().orElseThrow();
        assertThat(drop.file()).isEqualTo("V2__change.sql");
        assertThat(drop.line()).isEqualTo(7);
        assertThat(drop.statement()).isEqualTo("DROP TABLE legacy");
        assertThat(report.findings()).filteredOn(finding -> finding.ruleId().equals("design.multiple-ddl"))
                .extracting(Finding::line).containsExactly(7);
    }

    @Test
    void appliedFilesAreNotJudgedButTeachTheSchema() {
        MigrationFile applied = new MigrationFile("V1__old.sql", "CREATE TABLE t (id INT, big BIGINT NOT NULL);\n"
                + "DROP TABLE legacy;\nGRANT ALL ON *.* TO x;");
        MigrationFile pending = new MigrationFile("V2__narrow.sql", "ALTER TABLE t MODIFY big INT NOT NULL;");
        LintReport report = linter.lint(new LintInput(List.of(pending, applied), "shop_orders",
                Map.of("1", applied.sha256()), false, Environment.PROD));

        assertThat(report.findings()).extracting(Finding::ruleId).containsExactly("compat.narrowing-type");
        assertThat(report.findings().get(0).message()).contains("BIGINT", "INT");
    }

    @Test
    void rulesAboutExistingDataSkipTablesThisBundleCreates() {
        LintReport report = linter.lint(LintInput.of("shop_orders", Environment.PROD,
                new MigrationFile("V2__create.sql", "CREATE TABLE scratch (id INT PRIMARY KEY, v VARCHAR(100));"),
                new MigrationFile("V3__rework.sql", "ALTER TABLE scratch MODIFY v VARCHAR(10) NOT NULL, ADD COLUMN"
                        + " w INT NOT NULL, ADD UNIQUE (v), DROP COLUMN id, RENAME COLUMN v TO x;"),
                new MigrationFile("V4__drop.sql", "DROP TABLE scratch;")));

        assertThat(report.findings()).isEmpty();
    }

    @Test
    void renamingThroughChangeIsARename() {
        assertThat(rules(lint("ALTER TABLE orders CHANGE COLUMN total total_amount DECIMAL(12,2) NOT NULL")))
                .contains("compat.rename-column");
        assertThat(rules(lint("ALTER TABLE orders CHANGE total total DECIMAL(12,2) NOT NULL")))
                .doesNotContain("compat.rename-column");
        assertThat(rules(lint("ALTER TABLE orders RENAME purchase_orders"))).contains("compat.rename-table")
                .doesNotContain("syntax.unparsable");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BIGINT NOT NULL | INT NOT NULL",
        "INT | INT UNSIGNED",
        "INT UNSIGNED | INT",
        "TEXT | VARCHAR(255)",
        "VARCHAR(255) | CHAR(10)",
        "LONGBLOB | BLOB",
        "VARBINARY(64) | BINARY(16)",
        "DECIMAL(12,2) | DECIMAL(10,2)",
        "DECIMAL(12,4) | DECIMAL(14,2)",
        "DOUBLE | FLOAT",
        "DATETIME | DATE",
        "DATETIME(6) | DATETIME(3)",
        "DATETIME | TIMESTAMP",
        "ENUM('new','paid','shipped') | ENUM('new','paid')",
    })
    void narrowingTypesAreFlagged(String change) {
        String[] types = change.split(" \\| ");
        LintReport report = alterAppliedTable(types[0], "MODIFY COLUMN c " + types[1]);

        assertThat(rules(report)).as(change).containsExactly("compat.narrowing-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INT | BIGINT",
        "INT UNSIGNED | BIGINT",
        "SMALLINT | INT",
        "VARCHAR(50) | VARCHAR(255)",
        "VARCHAR(255) | TEXT",
        "CHAR(3) | VARCHAR(3)",
        "DECIMAL(10,2) | DECIMAL(12,2)",
        "FLOAT | DOUBLE",
        "DATE | DATETIME",
        "TIMESTAMP | DATETIME",
        "DATETIME(3) | DATETIME(6)",
        "ENUM('new','paid') | ENUM('new','paid','shipped')",
        "VARCHAR(20) | INT",
        "INTEGER | INT(11)",
        "BOOL | TINYINT(1)",
    })
    void wideningAndCrossFamilyChangesAreNotNarrowing(String change) {
        String[] types = change.split(" \\| ");
        LintReport report = alterAppliedTable(types[0], "CHANGE c c " + types[1]);

        assertThat(rules(report)).as(change).doesNotContain("compat.narrowing-type");
    }

    /** V1 (applied) creates t with column c of {@code type}; V2 (pending) alters it. */
    private LintReport alterAppliedTable(String type, String alteration) {
        MigrationFile create = new MigrationFile("V1__create.sql", "CREATE TABLE t (id INT PRIMARY KEY, c " + type
                + ");");
        MigrationFile change = new MigrationFile("V2__change.sql", "ALTER TABLE t " + alteration + ";");
        return linter.lint(new LintInput(List.of(create, change), "shop_orders", Map.of("1", create.sha256()), false,
                Environment.PROD));
    }

    @Test
    void droppingThePrimaryKeyWithoutANewOneIsFlagged() {
        assertThat(rules(lint("ALTER TABLE orders DROP PRIMARY KEY"))).contains("design.no-primary-key");
        assertThat(rules(lint("ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, created_at)")))
                .doesNotContain("design.no-primary-key");
    }

    @Test
    void uniqueKeysOnExistingTablesMayFailInEveryForm() {
        assertThat(rules(lint("CREATE UNIQUE INDEX uk ON orders (reference)"))).contains("mayfail.add-unique");
        assertThat(rules(lint("ALTER TABLE orders ADD CONSTRAINT uk UNIQUE (reference)")))
                .contains("mayfail.add-unique");
        assertThat(rules(lint("ALTER TABLE orders ADD COLUMN ref INT NULL UNIQUE"))).contains("mayfail.add-unique");
        assertThat(rules(lint("ALTER TABLE orders ADD INDEX idx (reference)"))).doesNotContain("mayfail.add-unique");
    }

    @Test
    void notNullColumnsWithADefaultOrGeneratedValueAreFine() {
        assertThat(rules(lint("ALTER TABLE orders ADD COLUMN a INT NOT NULL DEFAULT 0, ADD COLUMN b INT AS (a * 2)"
                + " STORED NOT NULL, ADD COLUMN c INT NULL")))
                .doesNotContain("mayfail.add-not-null-without-default");
        assertThat(rules(lint("ALTER TABLE orders ADD (a INT NOT NULL, b INT NULL)")))
                .contains("mayfail.add-not-null-without-default");
    }

    @Test
    void destructiveFormsBeyondDropAndTruncate() {
        assertThat(rules(lint("DELETE FROM sessions"))).contains("destructive.truncate");
        assertThat(rules(lint("DELETE FROM sessions WHERE expires_at < '2024-01-01'")))
                .doesNotContain("destructive.truncate");
        assertThat(rules(lint("ALTER TABLE events DROP PARTITION p2023"))).contains("destructive.truncate");
        assertThat(rules(lint("ALTER TABLE events TRUNCATE PARTITION p2023"))).contains("destructive.truncate");
        assertThat(rules(lint("DROP TABLE a, b"))).containsExactly("destructive.drop-table", "destructive.drop-table");
        assertThat(rules(lint("DROP TEMPORARY TABLE IF EXISTS tmp"))).isEmpty();
        assertThat(rules(lint("ALTER TABLE orders DROP a, DROP COLUMN b")))
                .containsExactly("destructive.drop-column", "destructive.drop-column");
    }

    @Test
    void charsetAndEngineAreCheckedOnTablesColumnsAndTheConnection() {
        assertThat(rules(lint("ALTER TABLE orders MODIFY note VARCHAR(10) CHARACTER SET latin1 NULL")))
                .contains("design.charset");
        assertThat(rules(lint("ALTER TABLE orders CONVERT TO CHARACTER SET utf8 COLLATE utf8_general_ci")))
                .containsExactly("design.charset", "design.charset");
        assertThat(rules(lint("SET NAMES latin1"))).contains("design.charset");
        assertThat(rules(lint("/*!40101 SET NAMES utf8mb4 */;"))).isEmpty();
        assertThat(rules(lint("ALTER TABLE orders ENGINE = MyISAM"))).contains("design.engine");
        assertThat(rules(lint("ALTER TABLE orders ENGINE = InnoDB"))).isEmpty();
    }

    @Test
    void replicationRulesOnlyApplyInAReplicationGroup() {
        String sql = "INSERT INTO orders (id, created_at, token) VALUES (1, CURRENT_TIMESTAMP, UUID());";

        assertThat(rules(lint(sql))).isEmpty();
        LintReport replicated = lintReplicated(sql);
        assertThat(rules(replicated)).containsExactly("replication.nondeterministic");
        assertThat(replicated.findings().get(0).message()).contains("CURRENT_TIMESTAMP()", "UUID()");
    }

    @Test
    void inAReplicationGroupRollOutOrderMattersEvenInDev() {
        LintReport report = lintReplicated("ALTER TABLE orders RENAME COLUMN total TO amount");

        assertThat(report.findings()).filteredOn(finding -> finding.ruleId().equals("replication.rollout-order"))
                .singleElement().extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThat(rules(lintReplicated("SELECT GET_LOCK('migration', 10)"))).contains("replication.lock-tables");
        assertThat(rules(lintReplicated("CREATE TABLE t (id SERIAL PRIMARY KEY)")))
                .contains("replication.auto-increment");
    }

    @Test
    void mysqlThatJSqlParserMisreadsIsStillAccepted() {
        assertThat(rules(lint("CREATE TABLE t (id INT NOT NULL, k INT, PRIMARY KEY (id), KEY (k), FULLTEXT (k))"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"))).isEmpty();
        assertThat(rules(lint("CREATE INDEX idx ON orders (a) ALGORITHM=INPLACE LOCK=NONE"))).isEmpty();
        assertThat(rules(lint("ALTER TABLE orders DROP FOREIGN KEY fk_customer"))).isEmpty();
        assertThat(rules(lint("ALTER TABLE orders DROP CHECK chk_total"))).isEmpty();
        assertThat(rules(lint("DROP INDEX idx ON orders ALGORITHM=INPLACE"))).isEmpty();
        assertThat(rules(lint("INSERT INTO notes (body) VALUES ('it\\'s'), ('a;b'), (\"dq\")"))).isEmpty();
    }
}
