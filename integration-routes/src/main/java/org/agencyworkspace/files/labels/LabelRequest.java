package org.agencyworkspace.files.labels;

import java.time.LocalDate;
import java.util.List;

/**
 * What someone asks a file's label to be.
 *
 * @param level the level code
 * @param reason why (required above unmarked)
 * @param authority the official who approved the level (核定人), if not the person asking
 * @param declassifyOn the date it ends, or null with a condition
 * @param declassifyCondition the condition that ends it, or null with a date
 * @param provisional whether it awaits the competent official's decision
 * @param readers people who need to know (logins)
 * @param groups groups (department codes) that need to know
 */
public record LabelRequest(String level, String reason, String authority, LocalDate declassifyOn,
        String declassifyCondition, boolean provisional, List<String> readers, List<String> groups) {
}
