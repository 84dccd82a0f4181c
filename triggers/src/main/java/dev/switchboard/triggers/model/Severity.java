package dev.switchboard.triggers.model;

/** How bad a {@link Diagnostic} is: errors reject a resource set, warnings do not. */
public enum Severity {
    ERROR,
    WARNING;

    /** lower case, as printed: {@code error}, {@code warning}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
