package dev.larder.backend.engine.redis;

import dev.larder.backend.common.names.Names;
import dev.larder.backend.secrets.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Names and ACL rules of Redis datastores. A datastore is the key prefix {@code <service>:<name>:}; as service and
 * datastore names are {@link Names#RESOURCE} words (no colon, no glob character), the prefix names exactly one
 * datastore and no datastore's prefix starts another's, so {@code ~<prefix>*} reaches its own keys only.
 *
 * <p>The rules are allow-lists on top of {@code -@all}: {@code +@all -@dangerous} would still let a tenant run SCAN,
 * RANDOMKEY and DBSIZE (which see every tenant's key names) and SELECT (ADR 0014).
 */
final class RedisAcl {

    /** Larder's user prefix: short, lowercase, no separator, so {@code <prefix>.} starts only Larder's users. */
    static final Pattern USER_PREFIX = Pattern.compile("[a-z][a-z0-9]{1,11}");

    /** The datastore's own login: read, write, expire and delete its keys, transactions, pub/sub on its channels. */
    static final List<String> OWNER = List.of("-@all", "+@read", "+@write", "+@keyspace", "+@transaction",
            "+@connection", "+@pubsub", "-@dangerous", "-@scripting", "-@admin", "-scan", "-randomkey", "-dbsize",
            "-select", "-swapdb", "-move", "-copy", "-pubsub", "+acl|whoami");

    /** A time-boxed read-only login: reads of the datastore's keys, no channels. */
    static final List<String> READ = List.of("-@all", "+@read", "+@connection", "-@dangerous", "-@scripting", "-scan",
            "-randomkey", "-dbsize", "-select", "-pubsub", "+acl|whoami");

    /** A time-boxed read-write login: as the owner, without pub/sub. */
    static final List<String> WRITE = List.of("-@all", "+@read", "+@write", "+@keyspace", "+@transaction",
            "+@connection", "-@dangerous", "-@scripting", "-@admin", "-scan", "-randomkey", "-dbsize", "-select",
            "-swapdb", "-move", "-copy", "-pubsub", "+acl|whoami");

    private RedisAcl() {
    }

    static String prefix(String service, String datastore) {
        return checkedName("service", service) + ":" + checkedName("name", datastore) + ":";
    }

    static String ownerUser(String userPrefix, String service, String datastore) {
        return checkedUserPrefix(userPrefix) + "." + checkedName("service", service) + "."
                + checkedName("name", datastore);
    }

    /** A key prefix as {@link #prefix} builds it; anything else never reaches a server call. */
    static String checkedPrefix(String prefix) {
        String[] parts = prefix.split(":", -1);
        if (parts.length != 3 || !parts[2].isEmpty()) {
            throw new IllegalArgumentException("Not a Redis datastore prefix: " + prefix);
        }
        return prefix(parts[0], parts[1]);
    }

    static String checkedUser(String user) {
        if (!user.matches("[a-z][a-z0-9]*\\.[a-z0-9_.]+")) {
            throw new IllegalArgumentException("Not a Larder ACL user: " + user);
        }
        return user;
    }

    static String checkedUserPrefix(String userPrefix) {
        if (!USER_PREFIX.matcher(userPrefix).matches()) {
            throw new IllegalStateException("larder.redis.user-prefix must match " + USER_PREFIX.pattern());
        }
        return userPrefix;
    }

    /**
     * The complete ACL SETUSER arguments: {@code reset} first, so applying them again converges a user whatever
     * an earlier run or a person left on it; channels only when the rules allow pub/sub.
     */
    static String[] rules(String prefix, Secret password, List<String> commands) {
        List<String> rules = new ArrayList<>();
        rules.add("reset");
        rules.add("on");
        rules.add(">" + password.value());
        rules.add("~" + checkedPrefix(prefix) + "*");
        if (commands.contains("+@pubsub")) {
            rules.add("&" + prefix + "*");
        }
        rules.addAll(commands);
        return rules.toArray(String[]::new);
    }

    private static String checkedName(String field, String name) {
        if (name == null || !Names.RESOURCE.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid " + field + " for a Redis prefix: " + name);
        }
        return name;
    }
}
