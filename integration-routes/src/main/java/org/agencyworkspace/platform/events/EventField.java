package org.agencyworkspace.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes one field of a domain event's payload, for the event catalogue. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface EventField {

    /** What the field holds. */
    String value();

    /** Whether the field may be absent (null values are left out of the JSON). */
    boolean optional() default false;
}
