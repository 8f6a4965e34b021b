package org.agencyworkspace.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a configuration mistake into one line per problem that names the property and what is
 * wrong with it, instead of a stack trace. Runs before Spring Boot's own analyzers.
 */
public class ConfigurationFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String ACTION = "Fix the property in application.yaml, in its "
            + "environment variable (for example WORKSPACE_SECURITY_MODE) or on the command line, "
            + "then start again. docs/operator-guide.md lists every property.";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                return new FailureAnalysis(describe(bind), ACTION, bind);
            }
            // A check across several properties, made where the beans are built, names them.
            if (cause instanceof IllegalStateException state && state.getMessage() != null
                    && state.getMessage().startsWith("workspace.")) {
                return new FailureAnalysis("Invalid configuration: " + state.getMessage(), ACTION, state);
            }
        }
        return null;
    }

    static String describe(BindException bind) {
        Throwable cause = bind.getCause();
        String prefix = bind.getName().toString();
        if (cause instanceof BindValidationException validation) {
            List<String> lines = new ArrayList<>();
            for (ObjectError error : validation.getValidationErrors().getAllErrors()) {
                lines.add("Invalid configuration: " + describe(prefix, error, validation));
            }
            return String.join(System.lineSeparator(), lines);
        }
        if (cause instanceof UnboundConfigurationPropertiesException unbound) {
            return unbound.getUnboundProperties().stream()
                    .map(property -> "Invalid configuration: " + property.getName()
                            + " is not a known property" + origin(property))
                    .collect(Collectors.joining(System.lineSeparator()));
        }
        ConfigurationProperty property = bind.getProperty();
        String name = property != null ? property.getName().toString() : prefix;
        String value = property != null ? " = '" + property.getValue() + "'" : "";
        return "Invalid configuration: " + name + value + ": " + conversionProblem(bind)
                + (property != null ? origin(property) : "");
    }

    private static String describe(String prefix, ObjectError error,
            BindValidationException validation) {
        if (error instanceof FieldError field) {
            String name = prefix + "." + kebab(field.getField());
            ConfigurationProperty bound = validation.getValidationErrors().getBoundProperties()
                    .stream()
                    .filter(property -> property.getName().equals(ConfigurationPropertyName.adapt(name, '.')))
                    .findFirst().orElse(null);
            if (bound != null) {
                return name + " = '" + bound.getValue() + "': " + field.getDefaultMessage()
                        + origin(bound);
            }
            if (field.getRejectedValue() instanceof Boolean) {
                // A cross-field rule (an @AssertTrue method): its message names the properties.
                return prefix + ": " + field.getDefaultMessage();
            }
            return name + ": " + field.getDefaultMessage();
        }
        return prefix + ": " + error.getDefaultMessage();
    }

    private static String conversionProblem(BindException bind) {
        Class<?> type = bind.getTarget().getType().resolve();
        if (type != null && type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.toString().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        Throwable root = bind;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String typeName = type == null ? "the expected type" : type.getSimpleName();
        return "cannot be read as " + typeName
                + (root.getMessage() == null ? "" : " (" + root.getMessage() + ")");
    }

    private static String origin(ConfigurationProperty property) {
        return property.getOrigin() == null ? "" : " [from " + property.getOrigin() + "]";
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
