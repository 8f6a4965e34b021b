package org.agencyworkspace.officialdocs.exchange;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.agencyworkspace.connector.signing.ExchangeMetadata.Urgency;

/**
 * A document to dispatch (發文): the final PDF, its attachments in order, and what the metadata says.
 *
 * @param documentName file name of the PDF in the package
 * @param attachments by file name, in order
 * @param level this workspace's level code
 * @param recipients exchange codes of configured recipients
 */
public record OutgoingDocument(byte[] pdf, String documentName, Map<String, byte[]> attachments, String documentNumber,
        LocalDate date, Urgency urgency, String level, List<String> recipients, String subject) {

    public OutgoingDocument {
        Objects.requireNonNull(pdf, "pdf");
        Objects.requireNonNull(documentName, "documentName");
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(subject, "subject");
        attachments = new LinkedHashMap<>(attachments);
        recipients = List.copyOf(recipients);
    }
}
