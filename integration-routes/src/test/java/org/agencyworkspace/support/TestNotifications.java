package org.agencyworkspace.support;

import org.springframework.context.support.ReloadableResourceBundleMessageSource;

/** The notification templates as the application loads them, for tests built without Spring. */
public final class TestNotifications {

    private TestNotifications() {
    }

    public static ReloadableResourceBundleMessageSource messageSource() {
        ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
        source.setBasename("classpath:messages/notifications");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
