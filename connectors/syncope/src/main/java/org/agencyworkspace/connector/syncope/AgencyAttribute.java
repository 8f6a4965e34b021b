package org.agencyworkspace.connector.syncope;

/**
 * The agency's own user attributes, kept in Syncope as plain attributes. Each has a default
 * plain schema name, which {@link SyncopeConnector.Builder#schemaName} can change to whatever the
 * deployment's Syncope schema calls it.
 */
public enum AgencyAttribute {

    /** Department codes; multi-valued. Default schema {@code department}. */
    DEPARTMENTS("department", true),
    /** Clearance level name. Default schema {@code clearance}. */
    CLEARANCE("clearance", false),
    /** Work e-mail address. Default schema {@code email}. */
    EMAIL("email", false),
    /** Work phone number. Default schema {@code phone}. */
    PHONE("phone", false),
    /**
     * Employment status as HR records it (e.g. {@code employed}, {@code on-leave}, {@code left}).
     * Default schema {@code employmentStatus}.
     */
    EMPLOYMENT_STATUS("employmentStatus", false),
    /** Name shown in Chinese. Default schema {@code displayNameZh}. */
    DISPLAY_NAME_ZH("displayNameZh", false),
    /** Name shown in English. Default schema {@code displayNameEn}. */
    DISPLAY_NAME_EN("displayNameEn", false);

    private final String defaultSchema;
    private final boolean multiValued;

    AgencyAttribute(String defaultSchema, boolean multiValued) {
        this.defaultSchema = defaultSchema;
        this.multiValued = multiValued;
    }

    /** The plain schema name used unless the builder names another. */
    public String defaultSchema() {
        return defaultSchema;
    }

    /** Whether the attribute holds several values; single-valued ones take at most one. */
    public boolean multiValued() {
        return multiValued;
    }
}
