package org.agencyworkspace.connector.signing;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The validation of one document or package: a finding per signature, in document order.
 *
 * @param problem why the file could not be validated at all (not a signed document, unreadable);
 *     empty when it could
 */
public record ValidationReport(List<SignatureFinding> signatures, String problem) {

    public ValidationReport {
        signatures = List.copyOf(signatures);
    }

    static ValidationReport unreadable(String problem) {
        return new ValidationReport(List.of(), problem);
    }

    /** Whether the file is signed and every signature in it stands. */
    public boolean allValid() {
        return problem.isEmpty() && !signatures.isEmpty() && signatures.stream().allMatch(SignatureFinding::valid);
    }

    public String inPlainWords(ZoneId zone) {
        if (!problem.isEmpty()) {
            return "Not validated: " + problem + ".";
        }
        if (signatures.isEmpty()) {
            return "The file carries no signature.";
        }
        return signatures.stream().map(finding -> finding.inPlainWords(zone)).collect(Collectors.joining("\n"));
    }
}
