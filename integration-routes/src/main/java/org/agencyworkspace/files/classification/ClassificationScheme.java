package org.agencyworkspace.files.classification;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agency's ordered classification levels and the rules a label must satisfy. The level codes
 * are the clearance levels people hold, in the same order, so "clearance at least the level" is
 * one comparison.
 */
public class ClassificationScheme {

    private final List<ClassificationLevel> levels;
    private final Duration provisionalDecisionPeriod;
    private final List<String> downgradeApproverRoles;
    private final ZoneId zone;

    /**
     * @param clearanceLevels the identity clearance levels, lowest first
     * @param zone whose calendar declassification dates are in (the agency's)
     * @throws IllegalStateException when the level codes are not exactly the clearance levels
     */
    public ClassificationScheme(ClassificationProperties properties, List<String> clearanceLevels,
            ZoneId zone) {
        List<String> codes = properties.levels().stream().map(ClassificationLevel::code).toList();
        if (!codes.equals(clearanceLevels)) {
            throw new IllegalStateException("workspace.classification.levels codes " + codes
                    + " must be the clearance levels " + clearanceLevels + " in the same order");
        }
        this.levels = List.copyOf(properties.levels());
        this.provisionalDecisionPeriod = properties.provisionalDecisionPeriod();
        this.downgradeApproverRoles = List.copyOf(properties.downgradeApproverRoles());
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The agency's time zone, whose calendar declassification dates are in. */
    public ZoneId zone() {
        return zone;
    }

    /** Roles whose holders may approve a change that weakens a label, asked by someone else. */
    public List<String> downgradeApproverRoles() {
        return downgradeApproverRoles;
    }

    /** The level code of {@code label}: the unmarked level's when there is no label. */
    public String levelOf(Label label) {
        return label == null ? unmarked().code() : label.level();
    }

    public List<ClassificationLevel> levels() {
        return levels;
    }

    /** The lowest level: an ordinary, unlabelled document. */
    public ClassificationLevel unmarked() {
        return levels.get(0);
    }

    public Optional<ClassificationLevel> find(String code) {
        return levels.stream().filter(level -> level.code().equals(code)).findFirst();
    }

    /** @throws LabelRejectedException naming the known levels */
    public ClassificationLevel level(String code) {
        return find(code).orElseThrow(() -> new LabelRejectedException("unknown classification '"
                + code + "'; levels: " + String.join(", ", levels.stream()
                        .map(ClassificationLevel::code).toList())));
    }

    /** Position in the order, lowest 0; -1 for a code that is no level (it ranks below all). */
    public int rank(String code) {
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isDowngrade(String from, String to) {
        return rank(to) < rank(from);
    }

    /**
     * What in {@code wanted} could end or weaken the protection {@code current} gives, as reasons
     * a second person must approve it (as a downgrade); empty when nothing does. Raising the
     * level, a later date, and adding people to a label that named nobody (narrowing who may
     * read) apply at once.
     *
     * @param current the label in force, or null for none
     * @param own whether {@code current} is the file's own label rather than its folder's
     * @param wanted the label asked for, already {@link #check checked}
     */
    public List<String> weakenings(Label current, boolean own, Label wanted) {
        List<String> found = new ArrayList<>();
        if (current == null || rank(current.level()) <= 0) {
            return found;
        }
        if (isDowngrade(current.level(), wanted.level())) {
            found.add("a lower level");
        }
        if (rank(wanted.level()) <= 0) {
            return found;
        }
        if (wanted.declassifyOn() != null && (current.declassifyOn() == null
                || wanted.declassifyOn().isBefore(current.declassifyOn()))) {
            found.add(current.declassifyOn() == null ? "a new declassification date"
                    : "an earlier declassification date");
        }
        if (wanted.declassifyCondition() != null
                && !wanted.declassifyCondition().equals(current.declassifyCondition())) {
            found.add("a new declassification condition");
        }
        // Fewer names can leave nobody named (open to everyone cleared); more names let more read.
        if (current.namesReaders() && (!wanted.readers().equals(current.readers())
                || !wanted.groups().equals(current.groups()))) {
            found.add("other people or groups who need to know");
        }
        boolean raised = rank(wanted.level()) > rank(current.level());
        if (own && !raised && !Objects.equals(wanted.classifiedBy(), current.classifiedBy())) {
            found.add("another classifier");
        }
        if (current.provisional() && !Objects.equals(wanted.reason(), current.reason())) {
            found.add("a changed reason on a provisional label");
        }
        return found;
    }

    /** The level of material combined from several files (§17: the highest of them). */
    public ClassificationLevel highest(Collection<String> codes) {
        return codes.stream().map(this::level).max(Comparator.comparingInt(level -> rank(level.code())))
                .orElse(unmarked());
    }

    /**
     * Checks a label before it is stored and fills in what follows from it: a provisional
     * label's decision deadline.
     *
     * @throws LabelRejectedException naming what is wrong
     */
    public Label check(Label label) {
        ClassificationLevel level = level(label.level());
        if (level == unmarked()) {
            return new Label(level.code(), label.reason(), label.classifiedBy(), label.classifiedAt(),
                    null, null, null, false, null, List.of(), List.of());
        }
        if (!level.acceptedAtUpload()) {
            throw new LabelRejectedException(level.nameZh() + " (" + level.code()
                    + ") files are not accepted by this workspace: keep them off networked systems"
                    + " unless a protection mechanism certified for the level is in place");
        }
        if (label.reason() == null || label.reason().isBlank()) {
            throw new LabelRejectedException("a reason is required to classify as " + level.code());
        }
        if (label.reason().length() > 500) {
            throw new LabelRejectedException("the reason is longer than 500 characters");
        }
        boolean hasDate = label.declassifyOn() != null;
        boolean hasCondition = label.declassifyCondition() != null && !label.declassifyCondition().isBlank();
        if (hasDate == hasCondition) {
            throw new LabelRejectedException(
                    "give either a declassification date or a declassification condition, not "
                            + (hasDate ? "both" : "neither"));
        }
        Instant at = label.classifiedAt();
        // The agency's calendar, as the review that lifts labels on the date uses: a UTC date
        // would let "tomorrow" be today in Taipei, lifting the label at the next review.
        LocalDate classifiedOn = LocalDate.ofInstant(at, zone);
        if (hasDate && !label.declassifyOn().isAfter(classifiedOn)) {
            throw new LabelRejectedException("the declassification date must be after today");
        }
        if (hasDate && level.maxSecrecy() != null
                && label.declassifyOn().isAfter(classifiedOn.plus(level.maxSecrecy()))) {
            throw new LabelRejectedException("secrecy at " + level.code() + " may last at most "
                    + level.maxSecrecy() + "; declassify on or before "
                    + classifiedOn.plus(level.maxSecrecy()));
        }
        if (level.needToKnow() && !label.namesReaders()) {
            throw new LabelRejectedException(level.code()
                    + " files need the people or groups who need to know");
        }
        Instant deadline = label.provisional() ? at.plus(provisionalDecisionPeriod) : null;
        return new Label(level.code(), label.reason().strip(), label.classifiedBy(), at,
                label.authority(), label.declassifyOn(), hasCondition ? label.declassifyCondition().strip() : null,
                label.provisional(), deadline, label.readers(), label.groups());
    }
}
