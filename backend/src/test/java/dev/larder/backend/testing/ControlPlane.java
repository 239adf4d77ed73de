package dev.larder.backend.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The control-plane database this run uses, for tests that read or change its tables directly. Taken from
 * {@code quarkus.datasource.jdbc.url}, so a run started with its own database
 * ({@code -Dquarkus.datasource.jdbc.url=jdbc:mariadb://…/larder_test_mine}) never touches another run's
 * {@code larder_test}.
 */
public final class ControlPlane {

    private static final Pattern DATABASE = Pattern.compile("^jdbc:[a-z]+://[^/]+/([A-Za-z0-9_$]+)(?:[?;].*)?$");

    private ControlPlane() {
    }

    /** The control-plane schema, e.g. {@code larder_test}. */
    public static String schema() {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        Matcher matcher = DATABASE.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException("cannot tell the control-plane database from " + url);
        }
        return matcher.group(1);
    }

    /** A control-plane table, qualified and quoted: {@code `larder_test`.`datastores`}. */
    public static String table(String table) {
        return "`" + schema() + "`.`" + table + "`";
    }
}
