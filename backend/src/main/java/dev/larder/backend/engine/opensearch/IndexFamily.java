package dev.larder.backend.engine.opensearch;

import dev.larder.backend.engine.EngineException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names one OpenSearch datastore owns: the alias {@code <service>-<name>} that clients use, its versioned
 * indices {@code <service>-<name>-v<n>}, and any extra alias {@code <service>-<name>-<suffix>} a migration declares.
 *
 * <p>The security pattern is the pair {@code <family>} and {@code <family>-*}, not {@code <family>*}: service and
 * datastore names hold no dash, so {@code shop-orders-*} can only be this family, whereas {@code shop-orders*} would
 * also open {@code shop-orders_archive}, another datastore of the same service.
 */
record IndexFamily(String name) {

    /** {@code <service>-<name>}, both Larder names ({@code [a-z][a-z0-9]*(_[a-z0-9]+)*}). */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*-[a-z][a-z0-9]*(_[a-z0-9]+)*");
    /** A throwaway family for shadow runs: {@code larder-shadow-<datastore id>-<random>}. */
    static final Pattern SHADOW = Pattern.compile("larder-shadow-[0-9]+-[a-z0-9]+");
    private static final Pattern VERSIONED = Pattern.compile("(.+)-v([0-9]{1,9})");

    IndexFamily {
        if (name == null || name.length() > 200 || !(NAME.matcher(name).matches()
                || SHADOW.matcher(name).matches())) {
            throw new EngineException("not an OpenSearch index family Larder manages: " + name, false);
        }
    }

    static IndexFamily of(String service, String datastore) {
        return new IndexFamily(service + "-" + datastore);
    }

    String alias() {
        return name;
    }

    String index(int version) {
        return name + "-v" + version;
    }

    /** The version of one of this family's indices, if the name is one. */
    Optional<Integer> versionOf(String index) {
        Matcher matcher = VERSIONED.matcher(index);
        return matcher.matches() && matcher.group(1).equals(name) ? Optional.of(Integer.parseInt(matcher.group(2)))
                : Optional.empty();
    }

    /** Every index and alias of the family, as security plugin index patterns. */
    List<String> patterns() {
        return List.of(name, name + "-*");
    }

    /** The wildcard that lists the family's indices (never another family's: see the class comment). */
    String wildcard() {
        return name + "-*";
    }

    /** True for a name a migration may give an extra alias: inside the family, not one of its versioned indices. */
    boolean ownsAlias(String alias) {
        return alias.startsWith(name + "-") && alias.length() > name.length() + 1 && versionOf(alias).isEmpty()
                && alias.equals(alias.toLowerCase(java.util.Locale.ROOT));
    }

    /** The same suffix in another family (a migration's extra aliases, carried over to a shadow run). */
    String moved(String alias, IndexFamily to) {
        return to.name + alias.substring(name.length());
    }

    String ownerRole() {
        return "larder-" + name;
    }

    String grantRole(boolean write) {
        return "larder-" + name + (write ? "-write" : "-read");
    }
}
