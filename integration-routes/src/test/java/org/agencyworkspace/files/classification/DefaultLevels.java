package org.agencyworkspace.files.classification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The levels the workspace ships in application.yaml, bound as Spring binds them. */
public final class DefaultLevels {

    public static final List<String> CLEARANCES = List.of("unmarked", "secret", "confidential",
            "top-secret", "absolutely-secret");
    /** The agency's time zone as shipped. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Taipei");

    private DefaultLevels() {
    }

    public static ClassificationProperties shipped() {
        StandardEnvironment environment = new StandardEnvironment();
        try {
            new YamlPropertySourceLoader().load("application.yaml",
                    new ClassPathResource("application.yaml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.get(environment))
                .bind("workspace.classification", ClassificationProperties.class).get();
    }

    /** @param nationalSecretsAccepted whether the deployment accepts 機密 and above */
    public static ClassificationScheme scheme(boolean nationalSecretsAccepted) {
        ClassificationProperties shipped = shipped();
        List<ClassificationLevel> levels = shipped.levels().stream()
                .map(level -> !nationalSecretsAccepted ? level : new ClassificationLevel(level.code(),
                        level.nameZh(), level.nameEn(), true, level.needToKnow(), level.publicLinks(),
                        level.externalShares(), level.download(), level.print(), level.copy(),
                        level.stepUp(), level.maxSecrecy()))
                .toList();
        return new ClassificationScheme(new ClassificationProperties(levels,
                shipped.provisionalDecisionPeriod(), shipped.downgradeApproverRoles()), CLEARANCES,
                ZONE);
    }
}
