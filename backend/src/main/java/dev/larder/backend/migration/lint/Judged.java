package dev.larder.backend.migration.lint;

/**
 * One statement of a pending file as the rules see it.
 *
 * @param parse JSqlParser's result, or null when the statement was read by text only
 */
record Judged(String file, int line, String text, StatementFacts facts, SqlParser.Result parse) {

    boolean parsed() {
        return parse != null && parse.parsed();
    }
}
