package org.agencyworkspace.connector.nextcloud;

/** An account attribute {@link NextcloudProvisioning#editUser} can change, with its OCS key. */
public enum UserField {
    /** {@code displayname}: the name shown in Nextcloud. */
    DISPLAY_NAME("displayname"),
    /** {@code email}: the primary e-mail address; empty removes it. */
    EMAIL("email"),
    /** {@code quota}: a size such as {@code 5 GB}, {@code none} (unlimited) or {@code default}. */
    QUOTA("quota"),
    /** {@code language}: a language code such as {@code zh_TW}. */
    LANGUAGE("language"),
    /** {@code locale}: formats for dates and numbers, such as {@code zh_Hant_TW}. */
    LOCALE("locale"),
    /** {@code phone}: the profile phone number. */
    PHONE("phone"),
    /** {@code password}: a new login password; it is sent in the request body only. */
    PASSWORD("password");

    private final String key;

    UserField(String key) {
        this.key = key;
    }

    /** The {@code key} form field Nextcloud expects. */
    String key() {
        return key;
    }
}
