package dev.larder.backend.migration.lint;

import dev.larder.backend.common.names.Environment;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule the migration lint knows. The ids are what users see in findings, in policies and in
 * docs/lint-rules.md; they are stable: rename a rule only by adding a new id.
 */
public enum LintRule {

    // tenant boundary: always ERROR, a policy cannot change them
    TENANT_QUALIFIED_NAME("tenant.qualified-name", Category.TENANT,
            "A table, view or routine is named with a schema other than the datastore's own."),
    TENANT_USE("tenant.use", Category.TENANT,
            "USE switches the connection to another schema."),
    TENANT_CROSS_SCHEMA_FK("tenant.cross-schema-fk", Category.TENANT,
            "A foreign key references a table in another schema."),
    TENANT_PRIVILEGED("tenant.privileged", Category.TENANT,
            "A statement that needs administrative privileges or reaches outside the schema (accounts, grants,"
                    + " global variables, databases, files, plugins, replication, server control)."),
    TENANT_DYNAMIC_SQL("tenant.dynamic-sql", Category.TENANT,
            "PREPARE ... FROM runs SQL built at run time, which the lint cannot see."),

    SYNTAX_UNPARSABLE("syntax.unparsable", Category.SYNTAX,
            "A statement the parser cannot read, so the other rules cannot vouch for it."),

    FLYWAY_FILE_NAME("flyway.file-name", Category.FLYWAY,
            "The file is not named V<version>__<description>.sql (repeatable and undo migrations are refused)."),
    FLYWAY_DUPLICATE_VERSION("flyway.duplicate-version", Category.FLYWAY,
            "Two files in the bundle have the same version."),
    FLYWAY_VERSION_ORDER("flyway.version-order", Category.FLYWAY,
            "A new file's version is not above the highest version already applied (no out-of-order migrations)."),
    FLYWAY_CHECKSUM_DRIFT("flyway.checksum-drift", Category.FLYWAY,
            "A file that was already applied has changed since."),
    FLYWAY_EMPTY_FILE("flyway.empty-file", Category.FLYWAY,
            "The file contains no statement.", Defaults.ALWAYS_WARNING),

    DESTRUCTIVE_DROP_TABLE("destructive.drop-table", Category.DESTRUCTIVE,
            "DROP TABLE deletes a table and its rows."),
    DESTRUCTIVE_DROP_COLUMN("destructive.drop-column", Category.DESTRUCTIVE,
            "ALTER TABLE ... DROP COLUMN deletes a column and its values."),
    DESTRUCTIVE_DROP_DATABASE("destructive.drop-database", Category.DESTRUCTIVE,
            "DROP DATABASE / DROP SCHEMA deletes a whole schema."),
    DESTRUCTIVE_TRUNCATE("destructive.truncate", Category.DESTRUCTIVE,
            "TRUNCATE, DELETE without WHERE, or dropping/truncating a partition deletes every row."),

    COMPAT_RENAME_TABLE("compat.rename-table", Category.COMPAT,
            "Renaming a table breaks the code that is running against the old name."),
    COMPAT_RENAME_COLUMN("compat.rename-column", Category.COMPAT,
            "Renaming a column (RENAME COLUMN, or CHANGE old new) breaks the code that is running."),
    COMPAT_NARROWING_TYPE("compat.narrowing-type", Category.COMPAT,
            "MODIFY/CHANGE gives a column a smaller type of the same family, which can truncate or reject values."),

    MAYFAIL_ADD_NOT_NULL_WITHOUT_DEFAULT("mayfail.add-not-null-without-default", Category.MAYFAIL,
            "A NOT NULL column without DEFAULT is added to an existing table."),
    MAYFAIL_ADD_UNIQUE("mayfail.add-unique", Category.MAYFAIL,
            "A UNIQUE (or PRIMARY) key is added to a table that already has rows, which fails on duplicates."),

    DESIGN_NO_PRIMARY_KEY("design.no-primary-key", Category.DESIGN,
            "A table is created (or left) without a PRIMARY KEY.", Defaults.WARNING_IN_DEV),
    DESIGN_FOREIGN_KEY("design.foreign-key", Category.DESIGN,
            "A FOREIGN KEY constraint: it complicates online schema changes and couples tables."),
    DESIGN_TRIGGER("design.trigger", Category.DESIGN,
            "A trigger: hidden behaviour that runs inside every write."),
    DESIGN_ROUTINE("design.routine", Category.DESIGN,
            "A stored procedure or function: logic in the database, outside the service's code and tests."),
    DESIGN_EVENT("design.event", Category.DESIGN,
            "A scheduled event: a job the service team cannot see, which runs on every member of a group."),
    DESIGN_ENGINE("design.engine", Category.DESIGN,
            "A storage engine other than InnoDB.", Defaults.WARNING_IN_DEV),
    DESIGN_CHARSET("design.charset", Category.DESIGN,
            "A character set or collation other than utf8mb4 / utf8mb4_*."),
    DESIGN_MULTIPLE_DDL("design.multiple-ddl", Category.DESIGN,
            "More than one DDL statement in one file: MySQL DDL is not transactional, a failure leaves half."),
    DESIGN_DDL_WITH_DML("design.ddl-with-dml", Category.DESIGN,
            "DDL and DML in the same file: DDL commits implicitly, so the file cannot be all-or-nothing."),

    // only checked when the datastore lives in a replication group (hot-hot, several regions)
    REPLICATION_AUTO_INCREMENT("replication.auto-increment", Category.REPLICATION,
            "An AUTO_INCREMENT column: several writers hand out colliding ids unless offsets are configured.",
            Defaults.ALWAYS_WARNING),
    REPLICATION_NONDETERMINISTIC("replication.nondeterministic", Category.REPLICATION,
            "DML uses NOW(), UUID(), RAND() or similar, so each member of the group computes different data.",
            Defaults.WARNING_IN_DEV),
    REPLICATION_LOCK_TABLES("replication.lock-tables", Category.REPLICATION,
            "LOCK TABLES or GET_LOCK(): locks are local to one member and do not hold across the group.",
            Defaults.WARNING_IN_DEV),
    REPLICATION_ROLLOUT_ORDER("replication.rollout-order", Category.REPLICATION,
            "DROP or RENAME in a replication group: regions run different code versions while it rolls out.",
            Defaults.ALWAYS_WARNING),

    LINT_INTERNAL_ERROR("lint.internal-error", Category.INTERNAL,
            "The lint itself failed on a statement; the bundle is blocked rather than waved through.");

    /** What a rule is about; the default severities follow from it unless the rule says otherwise. */
    public enum Category {
        TENANT(Defaults.ALWAYS_ERROR, true),
        SYNTAX(Defaults.ALWAYS_ERROR, false),
        FLYWAY(Defaults.ALWAYS_ERROR, false),
        DESTRUCTIVE(Defaults.WARNING_IN_DEV, false),
        COMPAT(Defaults.WARNING_IN_DEV, false),
        MAYFAIL(Defaults.ALWAYS_WARNING, false),
        DESIGN(Defaults.ALWAYS_WARNING, false),
        REPLICATION(Defaults.ALWAYS_WARNING, false),
        INTERNAL(Defaults.ALWAYS_ERROR, true);

        private final Defaults defaults;
        private final boolean locked;

        Category(Defaults defaults, boolean locked) {
            this.defaults = defaults;
            this.locked = locked;
        }
    }

    /** Default severity in dev, staging and prod. */
    enum Defaults {
        ALWAYS_ERROR(Severity.ERROR, Severity.ERROR, Severity.ERROR),
        WARNING_IN_DEV(Severity.WARNING, Severity.ERROR, Severity.ERROR),
        ALWAYS_WARNING(Severity.WARNING, Severity.WARNING, Severity.WARNING);

        private final Severity dev;
        private final Severity staging;
        private final Severity prod;

        Defaults(Severity dev, Severity staging, Severity prod) {
            this.dev = dev;
            this.staging = staging;
            this.prod = prod;
        }

        Severity in(Environment environment) {
            return switch (environment) {
                case DEV -> dev;
                case STAGING -> staging;
                case PROD -> prod;
            };
        }
    }

    private final String id;
    private final Category category;
    private final String description;
    private final Defaults defaults;

    LintRule(String id, Category category, String description) {
        this(id, category, description, category.defaults);
    }

    LintRule(String id, Category category, String description, Defaults defaults) {
        this.id = id;
        this.category = category;
        this.description = description;
        this.defaults = defaults;
    }

    public String id() {
        return id;
    }

    public Category category() {
        return category;
    }

    /** One line, for docs and API listings. */
    public String description() {
        return description;
    }

    public Severity defaultSeverity(Environment environment) {
        return defaults.in(environment);
    }

    /** Locked rules are always ERROR; a policy that tries to change them is refused. */
    public boolean locked() {
        return category.locked;
    }

    /** Rules that only apply to datastores in a replication group. */
    public boolean replicationOnly() {
        return category == Category.REPLICATION;
    }

    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }
}
