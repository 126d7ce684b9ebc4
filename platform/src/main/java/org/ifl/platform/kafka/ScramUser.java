package org.ifl.platform.kafka;

import java.util.regex.Pattern;

/**
 * A user of a SASL/SCRAM-SHA-512 listener and its password. Names are letters, digits, '.', '_' and '-'; passwords
 * are printable ASCII without white space and without {@code " \ , = [ ] ;}, which Kafka's JAAS and SCRAM argument
 * syntaxes would take for their own. {@link #toString()} never shows the password.
 */
public record ScramUser(String name, String password) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern PASSWORD = Pattern.compile("[\\x21-\\x7E&&[^\"\\\\,=\\[\\];]]+");

    public ScramUser {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a SCRAM user name is letters, digits, '.', '_' and '-', not '" + name + "'");
        }
        if (password == null || !PASSWORD.matcher(password).matches()) {
            throw new IllegalArgumentException("the password of SCRAM user " + name + " is empty or has a character "
                    + "other than printable ASCII without white space and without \" \\ , = [ ] ;");
        }
    }

    /** The JAAS line of a Kafka client logging in as this user. */
    public String jaasConfig() {
        return jaasConfig(name, password);
    }

    /**
     * The JAAS line of a Kafka client logging in as {@code name} with {@code password}, which may also be a
     * reference a config provider resolves ({@code ${file:PATH:KEY}}).
     */
    public static String jaasConfig(String name, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "ScramUser[" + name + "]";
    }
}
