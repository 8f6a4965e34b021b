package org.agencyworkspace.files.classification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A file's classification as it is stored with the file (a WebDAV property) and audited.
 *
 * @param level the level code
 * @param reason why it is classified (國家機密保護法 §5: only the minimum necessary)
 * @param classifiedBy who classified it
 * @param classifiedAt when
 * @param authority the official who approved the level (核定人), if not the classifier
 * @param declassifyOn the date it ends, or null when a condition is given
 * @param declassifyCondition the condition that ends it, or null when a date is given
 * @param provisional whether it still awaits the competent official's decision (§6)
 * @param decisionDeadline for a provisional label, when the decision is due
 * @param readers people named as needing to know (logins); empty for none
 * @param groups groups (department codes) that need to know; empty for none
 */
public record Label(String level, String reason, String classifiedBy, Instant classifiedAt,
        String authority, LocalDate declassifyOn, String declassifyCondition, boolean provisional,
        Instant decisionDeadline, List<String> readers, List<String> groups) {

    public Label {
        Objects.requireNonNull(level, "level");
        readers = readers == null ? List.of() : readers.stream().distinct().sorted().toList();
        groups = groups == null ? List.of() : groups.stream().distinct().sorted().toList();
    }

    /** The same label with these people named as needing to know. */
    public Label withReaders(List<String> logins) {
        return new Label(level, reason, classifiedBy, classifiedAt, authority, declassifyOn,
                declassifyCondition, provisional, decisionDeadline, logins, groups);
    }

    /** Whether the label names who needs to know; only they (and the classifier) may read. */
    public boolean namesReaders() {
        return !readers.isEmpty() || !groups.isEmpty();
    }
}
