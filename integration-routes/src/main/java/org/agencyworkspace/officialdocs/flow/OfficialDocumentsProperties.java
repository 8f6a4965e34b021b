package org.agencyworkspace.officialdocs.flow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.agencyworkspace.approvals.Approval;
import org.agencyworkspace.connector.signing.PadesLevel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The 簽辦 document flow ({@code workspace.official-documents.*}).
 *
 * @param numberPrefix the agency's word before each 文號 (e.g. 府授資), then the ROC year and the id
 * @param reviewRole role whose holders in the drafter's departments review (核稿)
 * @param delegation the 分層負責 table: per document kind and level, which role decides (決行);
 *     the first rule that matches is used, and a document no rule covers cannot be drafted
 * @param registerRole role that reads every document's register line (登記桌, 總收發) and exports it
 * @param padesLevel the signature level of every step: B-B, or B-T / B-LT with a time-stamp authority
 * @param timestampAuthority the RFC 3161 time-stamp authority (needed for B-T and B-LT)
 * @param certificateValidity how long a signing certificate the agency CA issues here lasts
 * @param lockoutAttempts wrong passphrases in a row that lock a person's key
 * @param lockoutDuration how long a locked key stays locked
 * @param minPassphraseLength the shortest passphrase a new certificate is issued under
 * @param maxAttachments most files attached to one document
 * @param maxAttachmentSize the largest file attached
 */
@Validated
@ConfigurationProperties(prefix = "workspace.official-documents", ignoreUnknownFields = false)
public record OfficialDocumentsProperties(
        @NotBlank @DefaultValue("字") String numberPrefix,
        @NotBlank @DefaultValue("manager") String reviewRole,
        @NotEmpty @Valid List<Delegation> delegation,
        @NotBlank @DefaultValue("admin") String registerRole,
        @NotNull @DefaultValue("B_B") PadesLevel padesLevel,
        URI timestampAuthority,
        @NotNull @DefaultValue("730d") Duration certificateValidity,
        @Min(1) @DefaultValue("5") int lockoutAttempts,
        @NotNull @DefaultValue("15m") Duration lockoutDuration,
        @Min(8) @DefaultValue("10") int minPassphraseLength,
        @Min(0) @DefaultValue("10") int maxAttachments,
        @NotNull @DefaultValue("20MB") DataSize maxAttachmentSize) {

    /**
     * One line of the 分層負責 table.
     *
     * @param kind SIGN (簽) or LETTER (函)
     * @param levels the classification level codes it covers; empty for every level
     * @param role the role whose holders decide
     * @param scope AGENCY (any holder) or REQUESTER_DEPARTMENTS (a holder in the drafter's departments)
     */
    public record Delegation(@NotNull DocumentKind kind, @DefaultValue({}) List<@Pattern(regexp = "[a-z0-9-]+") String> levels,
            @NotBlank String role, @NotNull @DefaultValue("AGENCY") Approval.Scope scope) {

        boolean covers(DocumentKind kind, String level) {
            return this.kind == kind && (levels.isEmpty() || levels.contains(level));
        }
    }

    /** The rule that names who decides a document of {@code kind} at {@code level}. */
    public Optional<Delegation> decider(DocumentKind kind, String level) {
        return delegation.stream().filter(rule -> rule.covers(kind, level)).findFirst();
    }
}
