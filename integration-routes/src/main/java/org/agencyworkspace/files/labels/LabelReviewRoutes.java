package org.agencyworkspace.files.labels;

import org.agencyworkspace.files.FilesProperties;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.springframework.stereotype.Component;

/** The label review's schedule; the first review runs a minute after start-up. */
@Component
public class LabelReviewRoutes extends EndpointRouteBuilder {

    private final FilesProperties.LabelReview settings;
    private final LabelReview review;

    public LabelReviewRoutes(FilesProperties files, LabelReview review) {
        this.settings = files.labelReview();
        this.review = review;
    }

    @Override
    public void configure() {
        // No dead-letter handling: what a review could not do is the next review's work.
        from(timer("file-label-review").period(settings.interval().toMillis()).delay(60_000))
                .routeId("file-label-review")
                .autoStartup(settings.enabled())
                .process(exchange -> exchange.getMessage().setBody(review.review()));
    }
}
