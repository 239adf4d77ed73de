package dev.larder.backend.migration.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LintSplitterTest {

    private static List<String> texts(String sql) {
        return SqlSplitter.split(sql).stream().map(SqlSplitter.Piece::text).toList();
    }

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        String sql = """
                -- a; comment
                INSERT INTO t VALUES ('a;b', "c;d", `e;f`); # another; comment
                /* block; comment */ UPDATE t SET a = 'it''s; fine' WHERE b = 'back\\\\'; -- x
                SELECT 1
                """;

        assertThat(texts(sql)).containsExactly("INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`)",
                "/* block; comment */ UPDATE t SET a = 'it''s; fine' WHERE b = 'back\\\\'".substring(21),
                "SELECT 1");
    }

    @Test
    void keepsTheLineEachStatementStartsOn() {
        List<SqlSplitter.Piece> pieces = SqlSplitter.split("\n\n-- c\nSELECT 1;\n\nSELECT\n  2; SELECT 3;");

        assertThat(pieces).extracting(SqlSplitter.Piece::line).containsExactly(4, 6, 7);
    }

    @Test
    void keepsRoutineBodiesWhole() {
        String sql = """
                CREATE PROCEDURE p()
                BEGIN
                  DECLARE x INT DEFAULT 0;
                  IF x = 0 THEN SELECT 1; END IF;
                  CASE x WHEN 1 THEN SELECT 2; ELSE BEGIN END; END CASE;
                  WHILE x < 3 DO SET x = x + 1; END WHILE;
                  SELECT CASE WHEN x > 1 THEN 'a' ELSE 'b' END;
                END;
                SELECT 2;
                CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET NEW.a = 1;
                SELECT 3;
                """;

        List<String> texts = texts(sql);

        assertThat(texts).hasSize(4);
        assertThat(texts.get(0)).startsWith("CREATE PROCEDURE").endsWith("END");
        assertThat(texts.subList(1, 4)).containsExactly("SELECT 2",
                "CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW SET NEW.a = 1", "SELECT 3");
    }

    @Test
    void followsDelimiterLines() {
        String sql = """
                DELIMITER $$
                CREATE TRIGGER t BEFORE INSERT ON orders FOR EACH ROW
                BEGIN
                  SET NEW.a = 1;
                END$$
                DELIMITER ;
                SELECT 1;
                """;

        List<SqlSplitter.Piece> pieces = SqlSplitter.split(sql);

        assertThat(pieces).extracting(SqlSplitter.Piece::line).containsExactly(2, 7);
        assertThat(pieces.get(0).text()).endsWith("END");
    }

    @Test
    void unwrapsExecutableComments() {
        List<SqlSplitter.Piece> pieces = SqlSplitter.split("/*!40101 SET NAMES utf8mb4 */;\n/*!GRANT ALL ON *.* TO x*/;"
                + "\n/* plain GRANT */ SELECT 1;");

        assertThat(pieces).extracting(piece -> piece.code().strip()).containsExactly("SET NAMES utf8mb4",
                "GRANT ALL ON *.* TO x", "SELECT 1");
    }
}
