package org.agencyworkspace.security.detection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/** Reads a detection rules file and checks it; a refusal says where and what. */
public final class DetectionRulesFile {

    /** The rules shipped with the workspace. */
    public static final String DEFAULT_RESOURCE = "/security/detection-rules.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private DetectionRulesFile() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a valid rule set; the message is
     *     for the operator
     */
    public static RuleSet parse(String yaml, Predicate<String> levelExists) {
        RuleSet rules;
        try {
            rules = YAML.readValue(yaml, RuleSet.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "' near line "
                    + e.getLocation().getLineNr());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a rules file"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")
                    + ": " + e.getOriginalMessage());
        }
        if (rules == null) {
            throw new IllegalArgumentException("the file is empty");
        }
        return rules.check(levelExists);
    }

    public static String defaultText() {
        try (InputStream in = DetectionRulesFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
