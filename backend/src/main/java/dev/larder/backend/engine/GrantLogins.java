package dev.larder.backend.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of personal grant logins, {@code <namespace><access prefix>_<grant id>}, for every engine: the
 * configured prefix ({@code larder.access.login-prefix}) is checked once here, and a name is read back into its
 * grant id the same way everywhere, so the reconciler never mistakes another login for one of Larder's.
 */
public final class GrantLogins {

    private static final Pattern ACCESS_PREFIX = Pattern.compile("[a-z][a-z0-9]{1,9}");

    private final String prefix;
    private final Pattern login;

    private GrantLogins(String prefix) {
        this.prefix = prefix;
        this.login = Pattern.compile(Pattern.quote(prefix) + "([0-9]{1,18})");
    }

    /**
     * @param namespace    what the engine puts first ("" or, for Redis, its user prefix and a dot)
     * @param accessPrefix the configured {@code larder.access.login-prefix}; start-up fails when it is not 2–10
     *                     lowercase letters and digits
     */
    public static GrantLogins of(String namespace, String accessPrefix) {
        if (accessPrefix == null || !ACCESS_PREFIX.matcher(accessPrefix).matches()) {
            throw new IllegalStateException("larder.access.login-prefix must match " + ACCESS_PREFIX.pattern());
        }
        return new GrantLogins(namespace + accessPrefix + "_");
    }

    /** What every grant login starts with, e.g. {@code lxa_}. */
    public String prefix() {
        return prefix;
    }

    public String loginFor(long grantId) {
        return prefix + grantId;
    }

    /** The grant id a login was made for, or -1 when it is not one of these grant logins. */
    public long grantIdOf(String name) {
        Matcher matcher = login.matcher(name);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
