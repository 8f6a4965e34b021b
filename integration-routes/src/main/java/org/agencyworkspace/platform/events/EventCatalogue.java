package org.agencyworkspace.platform.events;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every domain event the code can publish, found by the {@link EventType} annotation, and the
 * Markdown catalogue made from them ({@code docs/events.md}): the catalogue is generated, so
 * it cannot drift from the payloads.
 */
public final class EventCatalogue {

    /** The package below which event payloads are looked for. */
    public static final String ROOT_PACKAGE = "org.agencyworkspace";

    private final List<Class<?>> payloads;

    private EventCatalogue(List<Class<?>> payloads) {
        this.payloads = payloads;
    }

    /** Scans the class path for payloads and checks each one. */
    public static EventCatalogue scan() {
        ClassPathScanningCandidateComponentProvider scanner =
                new ClassPathScanningCandidateComponentProvider(false) {
                    @Override
                    protected boolean isCandidateComponent(
                            org.springframework.beans.factory.annotation.AnnotatedBeanDefinition d) {
                        return d.getMetadata().isIndependent();
                    }
                };
        scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents(ROOT_PACKAGE)) {
            found.add(ClassUtils.resolveClassName(definition.getBeanClassName(),
                    EventCatalogue.class.getClassLoader()));
        }
        return of(found);
    }

    /** A catalogue of the given payload classes, checked. */
    public static EventCatalogue of(Collection<Class<?>> payloadClasses) {
        Set<String> names = new HashSet<>();
        List<Class<?>> sorted = new ArrayList<>(payloadClasses);
        for (Class<?> payload : sorted) {
            EventType type = DomainEvents.typeOf(payload);
            if (!DomainEvent.class.isAssignableFrom(payload)) {
                throw new IllegalStateException(payload.getName() + " must implement DomainEvent");
            }
            if (!names.add(type.name())) {
                throw new IllegalStateException("two payloads are named " + type.name());
            }
            for (RecordComponent component : payload.getRecordComponents()) {
                if (component.getAnnotation(EventField.class) == null) {
                    throw new IllegalStateException(payload.getName() + "." + component.getName()
                            + " needs an @EventField description");
                }
            }
        }
        sorted.sort(Comparator.comparing(c -> c.getAnnotation(EventType.class).name()));
        return new EventCatalogue(List.copyOf(sorted));
    }

    /** The event names, sorted. */
    public List<String> names() {
        return payloads.stream().map(c -> c.getAnnotation(EventType.class).name()).toList();
    }

    /** The catalogue as Markdown. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Domain event catalogue\n\n")
                .append("<!-- Generated from the code by EventCatalogueTest; do not edit by hand."
                        + " Regenerate: ./mvnw -pl integration-routes test"
                        + " -Dtest=EventCatalogueTest -Devents.catalogue.write=true -->\n\n")
                .append("A route receives each event by starting `from` `workspace-event:<name>`"
                        + " (or `workspace-event:file.*`, or `workspace-event:*`); see the"
                        + " integrator guide. The body is this JSON envelope:\n\n")
                .append("| field | type | description |\n|---|---|---|\n")
                .append("| `id` | string | unique event id; key idempotency on it |\n")
                .append("| `type` | string | the event name below |\n")
                .append("| `version` | number | the version of `data`'s shape |\n")
                .append("| `occurredAt` | string (date-time, UTC) | when it happened |\n")
                .append("| `actor` | string | who caused it: a login, `system` or"
                        + " `route:<id>` |\n")
                .append("| `data` | object | the event's fields below; a field with no value is"
                        + " left out |\n\n")
                .append("The same facts are in the headers `WorkspaceEventId`,"
                        + " `WorkspaceEventType`, `WorkspaceEventVersion`,"
                        + " `WorkspaceEventOccurredAt` and `WorkspaceEventActor`.\n\n")
                .append("| event | version | what happened |\n|---|---|---|\n");
        for (Class<?> payload : payloads) {
            EventType type = payload.getAnnotation(EventType.class);
            out.append("| [`").append(type.name()).append("`](#")
                    .append(type.name().replace(".", "")).append(") | ")
                    .append(type.version()).append(" | ").append(type.summary()).append(" |\n");
        }
        for (Class<?> payload : payloads) {
            EventType type = payload.getAnnotation(EventType.class);
            out.append("\n## ").append(type.name()).append("\n\n")
                    .append("Version ").append(type.version()).append(". ")
                    .append(type.summary()).append("\n\n")
                    .append("| `data` field | type | description |\n|---|---|---|\n");
            for (RecordComponent component : payload.getRecordComponents()) {
                EventField field = component.getAnnotation(EventField.class);
                out.append("| `").append(component.getName()).append("` | ")
                        .append(jsonType(component.getGenericType()))
                        .append(field.optional() ? ", optional" : "").append(" | ")
                        .append(field.value()).append(" |\n");
            }
        }
        return out.toString();
    }

    static String jsonType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return "array of " + jsonType(parameterized.getActualTypeArguments()[0]) + "s";
        }
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() == Map.class) {
            return "object";
        }
        if (type == String.class || type instanceof Class<?> c && c.isEnum()) {
            return "string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type instanceof Class<?> c && (Number.class.isAssignableFrom(c)
                || c == int.class || c == long.class || c == double.class)) {
            return "number";
        }
        if (type == LocalDate.class) {
            return "string (date)";
        }
        if (type == Instant.class) {
            return "string (date-time, UTC)";
        }
        throw new IllegalStateException("no JSON type documented for " + type.getTypeName());
    }
}
