package org.agencyworkspace.connector.signing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What travels with an official document between agencies (公文交換): who sends it, its number
 * (文號), date, urgency (速別), classification level, recipients, subject (主旨), and which file in
 * the package is the document and which are attachments. Written as
 * {@code exchange-metadata.xml} against {@code exchange-metadata-1.xsd}.
 */
public record ExchangeMetadata(Party sender, String documentNumber, LocalDate date, Urgency urgency, String level,
        List<Party> recipients, String subject, String document, List<String> attachments) {

    /** An agency in the exchange: its exchange code (用戶代碼) and name. */
    public record Party(String code, String name) {

        public Party {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
        }
    }

    /** 速別, with the label the metadata carries. */
    public enum Urgency {
        MOST_URGENT("最速件"), URGENT("速件"), ORDINARY("普通件");

        private final String label;

        Urgency(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Urgency ofLabel(String label) {
            for (Urgency urgency : values()) {
                if (urgency.label.equals(label)) {
                    return urgency;
                }
            }
            throw new IllegalArgumentException("unknown urgency " + label);
        }
    }

    public ExchangeMetadata {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(document, "document");
        recipients = List.copyOf(recipients);
        attachments = List.copyOf(attachments);
    }
}
