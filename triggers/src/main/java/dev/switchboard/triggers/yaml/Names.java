package dev.switchboard.triggers.yaml;

import java.util.regex.Pattern;

/**
 * The shapes names must have. Resource and namespace names are RFC 1123 DNS labels (as Kubernetes requires
 * for namespaces; stricter than its subdomain rule for names, so that they can go into Kafka topic and group
 * names {@code switchboard.{namespace}.{broker}} without ambiguity). Filter attribute names follow the
 * CloudEvents v1.0.2 naming rule, lower-case letters and digits.
 */
final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z0-9]+");

    private Names() {}

    /** Why {@code name} is not a DNS label, or null when it is. */
    static String dnsLabelProblem(String name) {
        if (name.length() > 63) {
            return "\"" + name + "\" is longer than 63 characters";
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            return "\"" + name + "\" must consist of lower-case letters, digits and '-', "
                    + "and start and end with a letter or digit (RFC 1123 label)";
        }
        return null;
    }

    static boolean isAttributeName(String name) {
        return ATTRIBUTE.matcher(name).matches();
    }
}
