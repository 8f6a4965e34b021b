package org.agencyworkspace.officialdocs.exchange;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.agencyworkspace.files.classification.ClassificationScheme;

/**
 * Between the level labels packages carry ({@code 普通}, {@code 密}) and this workspace's level
 * codes, up to the configured maximum: anything above it, or not mapped, is neither sent nor taken.
 */
class ExchangeLevels {

    private final Map<String, String> codeByLabel;
    private final Map<String, String> labelByCode = new LinkedHashMap<>();

    ExchangeLevels(ExchangeProperties properties, ClassificationScheme scheme) {
        scheme.level(properties.maxLevel());
        int max = scheme.rank(properties.maxLevel());
        codeByLabel = properties.levels().stream()
                .filter(level -> scheme.find(level.code()).isPresent() && scheme.rank(level.code()) <= max)
                .collect(Collectors.toUnmodifiableMap(ExchangeProperties.Level::label, ExchangeProperties.Level::code));
        codeByLabel.forEach((label, code) -> labelByCode.putIfAbsent(code, label));
    }

    /** Labels accepted by exchange here. */
    Set<String> acceptedLabels() {
        return codeByLabel.keySet();
    }

    Optional<String> codeOf(String label) {
        return Optional.ofNullable(codeByLabel.get(label));
    }

    /** The label a level code is sent as; empty when the level may not be sent. */
    Optional<String> labelOf(String code) {
        return Optional.ofNullable(labelByCode.get(code));
    }
}
