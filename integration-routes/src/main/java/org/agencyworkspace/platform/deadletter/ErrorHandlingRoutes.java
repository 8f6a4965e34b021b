package org.agencyworkspace.platform.deadletter;

import jakarta.validation.ValidationException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.platform.RefusedException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.springframework.stereotype.Component;

/**
 * The shared error handling every route names with {@code routeConfigurationId}, from Java or
 * YAML. Permanent failures (a refusal, invalid input) go straight to the dead-letter store;
 * anything else is retried with exponential backoff first. The message stored is the one that
 * entered the route, never a half-transformed one.
 */
@Component
public class ErrorHandlingRoutes extends RouteConfigurationBuilder {

    /** Id of the standard error handling: retry transient failures, then dead-letter. */
    public static final String DEFAULT = "workspace-default";

    private final RetryProperties retry;
    private final DeadLetterRecorder recorder;

    public ErrorHandlingRoutes(RetryProperties retry, DeadLetterRecorder recorder) {
        this.retry = retry;
        this.recorder = recorder;
    }

    @Override
    public void configuration() {
        RouteConfigurationDefinition standard = routeConfiguration(DEFAULT);

        standard.onException(PermanentConnectorException.class, IllegalArgumentException.class,
                        ValidationException.class, RefusedException.class)
                .handled(true)
                .maximumRedeliveries(0)
                .useOriginalMessage()
                .logStackTrace(false)
                .logExhausted(false)
                .process(recorder);

        standard.onException(Exception.class)
                .handled(true)
                .maximumRedeliveries(retry.maxRedeliveries())
                .redeliveryDelay(retry.initialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(retry.backoffMultiplier())
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logRetryStackTrace(false)
                .logStackTrace(false)
                .logExhausted(false)
                .useOriginalMessage()
                .process(recorder);
    }
}
