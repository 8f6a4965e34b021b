package org.agencyworkspace.files.classification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * File classification ({@code workspace.classification.*}). The default levels in
 * {@code application.yaml} follow Taiwan's rules: unmarked, 密, and the national-secret levels
 * 機密, 極機密, 絕對機密, which are refused at upload unless a deployment enables them.
 *
 * @param levels the levels, lowest first; the first is "unmarked" (no label, no restrictions)
 * @param provisionalDecisionPeriod how long a provisional label waits for the competent
 *     official's decision (國家機密保護法 §6: 30 days)
 * @param downgradeApproverRoles roles whose holders may approve a downgrade someone else asked for
 */
@Validated
@ConfigurationProperties(prefix = "workspace.classification", ignoreUnknownFields = false)
public record ClassificationProperties(
        @NotEmpty List<@Valid ClassificationLevel> levels,
        @NotNull @DefaultValue("30d") Duration provisionalDecisionPeriod,
        @NotEmpty @DefaultValue({"security-officer", "manager"}) List<String> downgradeApproverRoles) {

    @AssertTrue(message = "level codes must be unique")
    public boolean isCodesUnique() {
        return levels == null
                || new HashSet<>(levels.stream().map(ClassificationLevel::code).toList()).size()
                        == levels.size();
    }
}
