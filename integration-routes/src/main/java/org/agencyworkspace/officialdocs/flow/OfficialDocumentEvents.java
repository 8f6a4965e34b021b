package org.agencyworkspace.officialdocs.flow;

import org.agencyworkspace.platform.events.DomainEvent;
import org.agencyworkspace.platform.events.EventField;
import org.agencyworkspace.platform.events.EventType;

/**
 * The 簽辦 flow's domain events. Payloads name documents, steps and people, never the subject or
 * text (a 密 document's subject is itself classified).
 */
public final class OfficialDocumentEvents {

    private OfficialDocumentEvents() {
    }

    @EventType(name = "official-document.drafted", summary = "A drafter (承辦人) created a document from a template.")
    public record Drafted(
            @EventField("document id") long documentId,
            @EventField("文號, the document number") String number,
            @EventField("SIGN (簽) or LETTER (函)") String kind,
            @EventField("classification level code") String level,
            @EventField("MOST_URGENT, URGENT or NORMAL") String urgency,
            @EventField("login of the drafter") String drafter)
            implements DomainEvent {
    }

    @EventType(name = "official-document.revised", summary = "The drafter changed a draft or returned document; it was rendered afresh.")
    public record Revised(
            @EventField("document id") long documentId,
            @EventField("rounds so far") int round,
            @EventField("SHA-256 of the new PDF") String sha256,
            @EventField("login of the drafter") String drafter)
            implements DomainEvent {
    }

    @EventType(name = "official-document.submitted", summary = "A draft or returned document went to review (核稿) in a new round.")
    public record Submitted(
            @EventField("document id") long documentId,
            @EventField("round, from 1") int round,
            @EventField("login of the drafter") String drafter)
            implements DomainEvent {
    }

    @EventType(name = "official-document.signed", summary = "A step (核稿, 會辦 or 決行) was answered by a PAdES signature over the bytes the signer saw.")
    public record Signed(
            @EventField("document id") long documentId,
            @EventField("round") int round,
            @EventField("REVIEW, CO_SIGN or DECISION") String step,
            @EventField(value = "the co-signing department", optional = true) String department,
            @EventField("login of the signer") String signer,
            @EventField("SHA-256 of the signed PDF") String sha256)
            implements DomainEvent {
    }

    @EventType(name = "official-document.returned", summary = "A step returned the document to its drafter for changes (退回).")
    public record Returned(
            @EventField("document id") long documentId,
            @EventField("round") int round,
            @EventField("REVIEW, CO_SIGN or DECISION") String step,
            @EventField("login of who returned it") String by,
            @EventField("login of the drafter") String drafter)
            implements DomainEvent {
    }

    @EventType(name = "official-document.approved", summary = "The decision (決行) signed the document: its final PDF carries every signature of the round; dispatch (發文) may take it through OfficialDocuments.finalDocument.")
    public record Approved(
            @EventField("document id") long documentId,
            @EventField("文號, the document number") String number,
            @EventField("SIGN (簽) or LETTER (函)") String kind,
            @EventField("classification level code") String level,
            @EventField("MOST_URGENT, URGENT or NORMAL") String urgency,
            @EventField("login of who decided") String decidedBy,
            @EventField("SHA-256 of the final PDF") String sha256)
            implements DomainEvent {
    }

    @EventType(name = "official-document.register-exported", summary = "The register (公文登記簿) was exported.")
    public record RegisterExported(
            @EventField("login of who exported") String by,
            @EventField("csv or xlsx") String format,
            @EventField("lines exported") int rows)
            implements DomainEvent {
    }

    @EventType(name = "official-document.certificate-issued", summary = "The agency CA issued a person a signing certificate, held in key custody under their passphrase.")
    public record CertificateIssued(
            @EventField("login of the holder") String holder,
            @EventField("certificate serial, hex") String serial)
            implements DomainEvent {
    }

    @EventType(name = "official-document.certificate-imported", summary = "A person brought their own signing certificate (issued elsewhere, chaining to a trust anchor, naming them) into key custody.")
    public record CertificateImported(
            @EventField("login of the holder") String holder,
            @EventField("certificate serial, hex") String serial,
            @EventField("the issuing CA's name") String issuer)
            implements DomainEvent {
    }
}
