package org.agencyworkspace.web;

import java.time.Duration;
import java.util.Locale;
import org.agencyworkspace.config.WorkspaceProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Language of the UI: {@code ?lang=en} or {@code ?lang=zh-TW} switches and is remembered in a
 * cookie; otherwise the browser's preferred supported language; otherwise the workspace default.
 */
@Configuration(proxyBeanMethods = false)
public class LocaleConfiguration implements WebMvcConfigurer {

    private final WorkspaceProperties workspace;

    public LocaleConfiguration(WorkspaceProperties workspace) {
        this.workspace = workspace;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("workspace-lang");
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(request -> preferred(request.getHeader("Accept-Language")));
        return resolver;
    }

    /** The best supported match for an Accept-Language header, else the workspace default. */
    Locale preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return workspace.defaultLocale();
        }
        try {
            Locale match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage),
                    workspace.supportedLocales());
            return match != null ? match : workspace.defaultLocale();
        } catch (IllegalArgumentException malformed) {
            return workspace.defaultLocale();
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /** Notification templates, separate from UI texts so translators see them together. */
    @Bean
    MessageSource notificationMessageSource() {
        ReloadableResourceBundleMessageSource source = new ReloadableResourceBundleMessageSource();
        source.setBasename("classpath:messages/notifications");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
