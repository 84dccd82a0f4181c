package dev.switchboard.triggers.policy;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3) into how long to wait from now, by the
 * injected clock.
 *
 * <p>Accepted: {@code delay-seconds} (one or more digits; huge values saturate) and an {@code HTTP-date} in
 * any of the three forms of RFC 9110 §5.6.7: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}), the
 * obsolete RFC 850 form ({@code Sunday, 06-Nov-94 08:49:37 GMT}, its two-digit year read as the most recent
 * matching year not more than 50 years ahead, as §5.6.7 requires) and asctime ({@code Sun Nov  6 08:49:37
 * 1994}). A date in the past means "now" ({@link Duration#ZERO}). Anything else is invalid and yields empty,
 * so the header is ignored. Month and day names are case-sensitive as in the grammar; the day name is not
 * cross-checked against the date.
 */
public final class RetryAfterParser {

    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
    private static final String TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d+");
    private static final Pattern IMF_FIXDATE =
            Pattern.compile("(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) " + MONTH + " (\\d{4}) " + TIME + " GMT");
    private static final Pattern RFC_850 =
            Pattern.compile("(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-" + MONTH
                    + "-(\\d{2}) " + TIME + " GMT");
    private static final Pattern ASCTIME =
            Pattern.compile("(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) " + MONTH + " ([ \\d]\\d) " + TIME + " (\\d{4})");

    private final Clock clock;

    public RetryAfterParser(Clock clock) {
        this.clock = clock;
    }

    /** The wait the header asks for, or empty when it is absent or invalid. */
    public Optional<Duration> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (DELAY_SECONDS.matcher(value).matches()) {
            return Optional.of(delaySeconds(value));
        }
        try {
            return httpDate(value).map(this::untilNow);
        } catch (DateTimeException invalidDate) {
            return Optional.empty();
        }
    }

    private static Duration delaySeconds(String digits) {
        String significant = digits.replaceFirst("^0+(?=\\d)", "");
        if (significant.length() > 18) {
            return Duration.ofSeconds(Long.MAX_VALUE); // absurd, but valid: capped by retryAfterMax
        }
        return Duration.ofSeconds(Long.parseLong(significant));
    }

    private Optional<Instant> httpDate(String value) {
        Matcher m = IMF_FIXDATE.matcher(value);
        if (m.matches()) {
            return Optional.of(instant(Integer.parseInt(m.group(3)), m.group(2), m.group(1), m, 4));
        }
        m = RFC_850.matcher(value);
        if (m.matches()) {
            return Optional.of(instant(fullYear(Integer.parseInt(m.group(3))), m.group(2), m.group(1), m, 4));
        }
        m = ASCTIME.matcher(value);
        if (m.matches()) {
            return Optional.of(
                    instant(Integer.parseInt(m.group(6)), m.group(1), m.group(2).strip(), m, 3));
        }
        return Optional.empty();
    }

    /** RFC 9110 §5.6.7: a two-digit year more than 50 years ahead is the most recent such year in the past. */
    private int fullYear(int twoDigits) {
        int thisYear = LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear();
        int year = thisYear - Math.floorMod(thisYear, 100) + twoDigits;
        return year > thisYear + 50 ? year - 100 : year;
    }

    private static Instant instant(int year, String month, String day, Matcher m, int timeGroup) {
        int second = Integer.parseInt(m.group(timeGroup + 2));
        int leap = second == 60 ? 1 : 0; // RFC 9110 allows a leap second
        return LocalDateTime.of(
                        year,
                        MONTHS.indexOf(month) + 1,
                        Integer.parseInt(day),
                        Integer.parseInt(m.group(timeGroup)),
                        Integer.parseInt(m.group(timeGroup + 1)),
                        second - leap)
                .plusSeconds(leap)
                .toInstant(ZoneOffset.UTC);
    }

    private Duration untilNow(Instant when) {
        Duration wait = Duration.between(clock.instant(), when);
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
