package org.agencyworkspace.connector.syncope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A FIQL search condition as Syncope reads it ({@code GET /users?fiql=...}), built from typed
 * parts so that no value can break the expression.
 *
 * <p>Syncope parses the expression with Apache CXF's FIQL parser and then percent-decodes each
 * value once more. Values are therefore percent-encoded here (UTF-8) except for letters, digits
 * and {@code - . _ : @ / *}, so that {@code ; , ( ) = ! ~ < > ' "}, {@code %}, {@code +}, spaces
 * and non-ASCII text arrive intact. The expression is encoded again as a query parameter when
 * sent.
 *
 * <p>{@code *} is always a wildcard: Syncope decodes a value before it looks for wildcards, so no
 * encoding can make it literal. {@link #eq} refuses it rather than match something else.
 *
 * <p>Timestamps are written as {@code yyyy-MM-dd'T'HH:mm:ssZ} in UTC (e.g.
 * {@code 2025-01-31T10:00:00+0000}), the first date pattern Syncope accepts. That pattern has whole
 * seconds: an instant is truncated, so {@code ge} includes the whole second it falls in.
 *
 * <p>{@code ;} (and) binds tighter than {@code ,} (or); {@link #and} puts parentheses around an
 * or-condition so the result means what the calls say.
 */
public final class Fiql {

    private static final Pattern PROPERTY = Pattern.compile("\\$?[A-Za-z0-9_.-]+");
    private static final DateTimeFormatter SYNCOPE_DATE = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String NULL_VALUE = "$null";

    private enum Join { NONE, AND, OR }

    private final String expression;
    private final Join join;

    private Fiql(String expression, Join join) {
        this.expression = expression;
        this.join = join;
    }

    /**
     * {@code property==value}, an exact match.
     *
     * @throws IllegalArgumentException when the value contains {@code *}: Syncope always reads it
     *     as a wildcard and has no escape for it; use {@link #like} for patterns
     */
    public static Fiql eq(String property, String value) {
        if (requireValue(value).indexOf('*') >= 0) {
            throw new IllegalArgumentException(
                    "'*' is a wildcard in Syncope FIQL and cannot be matched exactly; use like()");
        }
        return comparison(property, "==", encode(value));
    }

    /** {@code property==pattern}, where {@code *} in the pattern matches any text. */
    public static Fiql like(String property, String pattern) {
        return comparison(property, "==", encode(requireValue(pattern)));
    }

    /** {@code property=~value}, a match ignoring case ({@code *} is a wildcard). */
    public static Fiql eqIgnoreCase(String property, String value) {
        return comparison(property, "=~", encode(requireValue(value)));
    }

    /** {@code property!=value} ({@code *} is a wildcard). */
    public static Fiql ne(String property, String value) {
        return comparison(property, "!=", encode(requireValue(value)));
    }

    /** {@code property=ge=timestamp}, with {@code instant} truncated to the whole second. */
    public static Fiql ge(String property, Instant instant) {
        return comparison(property, "=ge=", timestamp(instant));
    }

    /** {@code property=gt=timestamp}, with {@code instant} truncated to the whole second. */
    public static Fiql gt(String property, Instant instant) {
        return comparison(property, "=gt=", timestamp(instant));
    }

    /** {@code property=le=timestamp}, with {@code instant} truncated to the whole second. */
    public static Fiql le(String property, Instant instant) {
        return comparison(property, "=le=", timestamp(instant));
    }

    /** {@code property=lt=timestamp}, with {@code instant} truncated to the whole second. */
    public static Fiql lt(String property, Instant instant) {
        return comparison(property, "=lt=", timestamp(instant));
    }

    /** {@code property==$null}: the attribute has no value. */
    public static Fiql isNull(String property) {
        return comparison(property, "==", NULL_VALUE);
    }

    /** {@code property!=$null}: the attribute has a value. */
    public static Fiql isNotNull(String property) {
        return comparison(property, "!=", NULL_VALUE);
    }

    /** {@code username==name}. */
    public static Fiql username(String username) {
        return eq("username", username);
    }

    /**
     * {@code lastChangeDate=ge=timestamp}: users or groups changed at or after {@code since}. For
     * change polling, order by {@code lastChangeDate ASC}, keep the largest {@code lastChangeDate}
     * seen as the next {@code since}, and expect to see the entities of that second again.
     */
    public static Fiql changedSince(Instant since) {
        return ge("lastChangeDate", since);
    }

    /** {@code $groups==name}: direct or dynamic members of the group ({@code *} is a wildcard). */
    public static Fiql memberOf(String groupName) {
        return comparison("$groups", "==", encode(requireValue(groupName)));
    }

    /** {@code $roles==role}: users holding the role directly. */
    public static Fiql hasRole(String role) {
        return comparison("$roles", "==", encode(requireValue(role)));
    }

    /** Both conditions: {@code this;other}. */
    public Fiql and(Fiql other) {
        return allOf(this, other);
    }

    /** Either condition: {@code this,other}. */
    public Fiql or(Fiql other) {
        return anyOf(this, other);
    }

    /** Every condition holds ({@code ;}); an or-condition among them is put in parentheses. */
    public static Fiql allOf(Fiql... conditions) {
        return join(conditions, ";", Join.AND);
    }

    /** At least one condition holds ({@code ,}). */
    public static Fiql anyOf(Fiql... conditions) {
        return join(conditions, ",", Join.OR);
    }

    /** The expression as Syncope parses it, values percent-encoded, not yet encoded for a URL. */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fiql fiql && fiql.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    private static Fiql join(Fiql[] conditions, String separator, Join join) {
        if (conditions.length < 2) {
            throw new IllegalArgumentException("joining needs at least two conditions");
        }
        String joined = Arrays.stream(conditions)
                .map(condition -> Objects.requireNonNull(condition, "condition"))
                .map(condition -> join == Join.AND && condition.join == Join.OR
                        ? "(" + condition.expression + ")" : condition.expression)
                .collect(Collectors.joining(separator));
        return new Fiql(joined, join);
    }

    private static Fiql comparison(String property, String operator, String encodedValue) {
        if (property == null || !PROPERTY.matcher(property).matches()) {
            throw new IllegalArgumentException("not a searchable property name: " + property);
        }
        return new Fiql(property + operator + encodedValue, Join.NONE);
    }

    private static String requireValue(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a FIQL value must not be empty");
        }
        return value;
    }

    private static String timestamp(Instant instant) {
        return encode(SYNCOPE_DATE.format(Objects.requireNonNull(instant, "instant")));
    }

    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte octet : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (octet & 0xff);
            if (isSafe(c)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isSafe(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._:@/*".indexOf(c) >= 0;
    }
}
