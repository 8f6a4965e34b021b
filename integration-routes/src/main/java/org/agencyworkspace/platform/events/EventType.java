package org.agencyworkspace.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a domain event's payload record: its event name (what routes subscribe to), the version
 * of its JSON shape, and one sentence for the event catalogue. Raise the version whenever a
 * field is removed, renamed or changes meaning; adding a field keeps the version.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Dotted lower-case name, capability first: {@code file.labelled}. */
    String name();

    /** Version of the payload's shape, from 1. */
    int version() default 1;

    /** What happened, for the catalogue. */
    String summary();
}
