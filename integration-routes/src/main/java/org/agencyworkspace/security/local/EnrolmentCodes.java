package org.agencyworkspace.security.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One-time codes that let one person enrol their authenticator app. A code is issued to a person
 * (shown once to the operator or administrator who hands it over), kept only as a SHA-256 digest
 * (it carries 100 random bits, so a fast digest is enough), compared in constant time, expires,
 * and is used up by the enrolment it allowed.
 */
public class EnrolmentCodes {

    /** What a presented code is worth. */
    public enum Check {
        VALID, WRONG, EXPIRED,
        /** No code was issued to the person (or it was used): they must ask for one. */
        NONE
    }

    /**
     * A code just issued.
     *
     * @param code the code to hand over, e.g. {@code K7QM-2XHP-...}; not stored anywhere
     * @param expiresAt when it stops working
     */
    public record Issued(String code, Instant expiresAt) {

        @Override
        public String toString() {
            return "Issued[code=******, expiresAt=" + expiresAt + "]";
        }
    }

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 20;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public EnrolmentCodes(JdbcClient jdbc, Clock clock, Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /**
     * Issues a new code to {@code login}, replacing any earlier one.
     *
     * @return empty when there is no such account
     */
    public Optional<Issued> issue(String login) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant expiresAt = clock.instant().plus(lifetime);
        int updated = jdbc.sql("""
                UPDATE local_account SET enrolment_code_hash = :hash,
                    enrolment_code_expires_at = :expires WHERE username = :login
                """)
                .param("hash", digest(code.toString()))
                .param("expires", expiresAt.atOffset(ZoneOffset.UTC))
                .param("login", login).update();
        return updated == 1 ? Optional.of(new Issued(code.toString(), expiresAt)) : Optional.empty();
    }

    /** Checks a presented code without using it up. */
    public Check check(String login, String presented) {
        record Stored(String hash, OffsetDateTime expiresAt) {
        }
        Optional<Stored> stored = jdbc.sql("""
                SELECT enrolment_code_hash, enrolment_code_expires_at FROM local_account
                WHERE username = :login AND enrolment_code_hash IS NOT NULL
                """).param("login", login)
                .query((row, index) -> new Stored(row.getString("enrolment_code_hash"),
                        row.getObject("enrolment_code_expires_at", OffsetDateTime.class)))
                .optional();
        if (stored.isEmpty()) {
            return Check.NONE;
        }
        boolean matches = presented != null && MessageDigest.isEqual(
                stored.get().hash().getBytes(StandardCharsets.US_ASCII),
                digest(presented).getBytes(StandardCharsets.US_ASCII));
        if (!matches) {
            return Check.WRONG;
        }
        return stored.get().expiresAt().toInstant().isAfter(clock.instant())
                ? Check.VALID : Check.EXPIRED;
    }

    /** The enrolment happened: the code cannot be used again. */
    public void useUp(String login) {
        jdbc.sql("""
                UPDATE local_account SET enrolment_code_hash = NULL,
                    enrolment_code_expires_at = NULL WHERE username = :login
                """).param("login", login).update();
    }

    /** Codes are typed by hand: case, spaces and dashes do not matter. */
    private static String digest(String code) {
        String normalized = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
