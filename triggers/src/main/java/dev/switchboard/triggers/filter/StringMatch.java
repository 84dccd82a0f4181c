package dev.switchboard.triggers.filter;

/**
 * How an attribute's text is compared with the value written in a filter, all case-sensitive. A missing
 * attribute never matches.
 */
enum StringMatch {
    /** Knative {@code filter.attributes}: equal, except that {@code ""} means "present with any value". */
    ATTRIBUTES {
        @Override
        boolean test(String actual, String expected) {
            return expected.isEmpty() || actual.equals(expected);
        }
    },
    /** Subscriptions API {@code exact}. */
    EXACT {
        @Override
        boolean test(String actual, String expected) {
            return actual.equals(expected);
        }
    },
    /** Subscriptions API {@code prefix}. */
    PREFIX {
        @Override
        boolean test(String actual, String expected) {
            return actual.startsWith(expected);
        }
    },
    /** Subscriptions API {@code suffix}. */
    SUFFIX {
        @Override
        boolean test(String actual, String expected) {
            return actual.endsWith(expected);
        }
    };

    abstract boolean test(String actual, String expected);
}
