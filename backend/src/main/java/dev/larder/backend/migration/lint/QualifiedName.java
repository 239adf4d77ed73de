package dev.larder.backend.migration.lint;

/** A table, view or routine name as written: {@code schema} is null when the name is not qualified. */
record QualifiedName(String schema, String name) {

    boolean qualified() {
        return schema != null;
    }

    /** True when the name reaches outside {@code ownSchema}. */
    boolean outside(String ownSchema) {
        return schema != null && !schema.equals(ownSchema);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
