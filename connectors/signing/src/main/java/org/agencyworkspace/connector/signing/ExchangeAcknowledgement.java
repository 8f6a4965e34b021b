package org.agencyworkspace.connector.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The receiving workspace's answer to an exchange package (收文回執): received, or refused with
 * the reason. It names the package by the SHA-256 of its bytes, so the sender matches it to what
 * it sent even when the package was too damaged to read a document number from. Written as
 * {@code exchange-acknowledgement.xml} inside an ASiC-E container signed by the receiver.
 *
 * @param receiverCode the receiving agency's exchange code
 * @param receiverName its name
 * @param senderCode the sender's code as the package claimed it; empty when unreadable
 * @param documentNumber the package's 文號; empty when unreadable
 * @param packageDigest lower-case hex SHA-256 of the package bytes as received
 * @param outcome received or refused
 * @param reason why it was refused (a {@link PackageRefusedException.Reason} name or
 *     {@code DUPLICATE}); empty when received
 * @param detail the refusal in words; empty when received
 * @param at when the receiver decided
 */
public record ExchangeAcknowledgement(String receiverCode, String receiverName, String senderCode, String documentNumber,
        String packageDigest, Outcome outcome, String reason, String detail, Instant at) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9.-]{1,40}");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    /** What the receiver did with the package. */
    public enum Outcome { RECEIVED, REFUSED }

    public ExchangeAcknowledgement {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        if (receiverCode == null || !CODE.matcher(receiverCode).matches()) {
            throw new IllegalArgumentException("the receiver's code must match " + CODE);
        }
        if (packageDigest == null || !DIGEST.matcher(packageDigest).matches()) {
            throw new IllegalArgumentException("the package digest must be 64 lower-case hex digits");
        }
        receiverName = limited(receiverName, "receiverName", 200);
        senderCode = limited(senderCode, "senderCode", 40);
        documentNumber = limited(documentNumber, "documentNumber", 100);
        reason = limited(reason, "reason", 40);
        detail = limited(detail, "detail", 2000);
        if ((outcome == Outcome.REFUSED) == reason.isEmpty()) {
            throw new IllegalArgumentException("a refusal, and only a refusal, names a reason");
        }
    }

    private static String limited(String value, String name, int max) {
        String text = value == null ? "" : value;
        if (text.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        return text;
    }
}
