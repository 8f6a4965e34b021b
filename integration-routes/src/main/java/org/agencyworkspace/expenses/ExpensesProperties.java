package org.agencyworkspace.expenses;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Expense claims ({@code workspace.expenses.*}).
 *
 * @param supervisorRole role whose holders approve first (the claimant's supervisors: holders
 *     who share a department with the claimant read the claim)
 * @param accountingGroup department code or role of accounting (主計), who approve second,
 *     override flagged duplicates, record payment and export
 * @param receiptsFolder folder in Files receipts are kept under, one sub-folder per claim
 * @param maxItemAmount the largest amount one receipt may carry, NT$ (a typo guard)
 * @param maxFileSize largest receipt file accepted
 * @param maxImagePixels largest picture decoded (width x height), checked from the file's header
 * @param maxPdfPages most pages of a receipt PDF read
 * @param pdfDpi resolution PDF pages are rendered at to find codes
 * @param photoDistance two receipt photos whose hashes differ in at most this many bits are
 *     taken as the same receipt photographed again (0 to 3: the lookup is exact for those)
 */
@Validated
@ConfigurationProperties(prefix = "workspace.expenses", ignoreUnknownFields = false)
public record ExpensesProperties(
        @NotBlank @DefaultValue("manager") String supervisorRole,
        @NotBlank @DefaultValue("accounting") String accountingGroup,
        @NotBlank @Pattern(regexp = "/[^/].*") @DefaultValue("/expenses") String receiptsFolder,
        @NotNull @DecimalMin("1") @DefaultValue("1000000") BigDecimal maxItemAmount,
        @NotNull @DefaultValue("20MB") DataSize maxFileSize,
        @Min(1_000_000) @DefaultValue("40000000") long maxImagePixels,
        @Min(1) @Max(100) @DefaultValue("10") int maxPdfPages,
        @Min(72) @Max(600) @DefaultValue("200") int pdfDpi,
        @Min(0) @Max(3) @DefaultValue("3") int photoDistance) {
}
