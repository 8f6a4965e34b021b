package org.agencyworkspace.connector.syncope;

import java.util.List;

/**
 * A person's agency attributes, read from or written to Syncope plain attributes under the schema
 * names the connector was built with (see {@link AgencyAttribute}). A single-valued attribute
 * that Syncope holds with several values is read as its first value.
 *
 * @param departments department codes, in Syncope's order; empty when none
 * @param clearance clearance level name; null when absent
 * @param email work e-mail; null when absent
 * @param phone work phone; null when absent
 * @param employmentStatus employment status; null when absent
 * @param displayNameZh name shown in Chinese; null when absent
 * @param displayNameEn name shown in English; null when absent
 */
public record AgencyProfile(List<String> departments, String clearance, String email,
        String phone, String employmentStatus, String displayNameZh, String displayNameEn) {

    /** No agency attribute at all. */
    public static final AgencyProfile EMPTY = new AgencyProfile(List.of(), null, null, null, null,
            null, null);

    public AgencyProfile {
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    /** The values of one attribute: empty when absent, one element for a single-valued one. */
    public List<String> values(AgencyAttribute attribute) {
        return switch (attribute) {
            case DEPARTMENTS -> departments;
            case CLEARANCE -> listOf(clearance);
            case EMAIL -> listOf(email);
            case PHONE -> listOf(phone);
            case EMPLOYMENT_STATUS -> listOf(employmentStatus);
            case DISPLAY_NAME_ZH -> listOf(displayNameZh);
            case DISPLAY_NAME_EN -> listOf(displayNameEn);
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /** Builds an {@link AgencyProfile}; anything not set stays absent. */
    public static final class Builder {
        private List<String> departments = List.of();
        private String clearance;
        private String email;
        private String phone;
        private String employmentStatus;
        private String displayNameZh;
        private String displayNameEn;

        private Builder() {
        }

        public Builder departments(String... codes) {
            this.departments = List.of(codes);
            return this;
        }

        public Builder clearance(String clearance) {
            this.clearance = clearance;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder employmentStatus(String employmentStatus) {
            this.employmentStatus = employmentStatus;
            return this;
        }

        public Builder displayNameZh(String displayNameZh) {
            this.displayNameZh = displayNameZh;
            return this;
        }

        public Builder displayNameEn(String displayNameEn) {
            this.displayNameEn = displayNameEn;
            return this;
        }

        public AgencyProfile build() {
            return new AgencyProfile(departments, clearance, email, phone, employmentStatus,
                    displayNameZh, displayNameEn);
        }
    }
}
