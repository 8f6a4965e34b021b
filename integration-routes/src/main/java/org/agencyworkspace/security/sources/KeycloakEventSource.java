package org.agencyworkspace.security.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.agencyworkspace.connector.keycloak.KeycloakAdmin;
import org.agencyworkspace.connector.keycloak.KeycloakEvent;
import org.agencyworkspace.platform.audit.AuditCursors;
import org.agencyworkspace.platform.audit.AuditCursors.Cursor;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Polls Keycloak's stored user and admin events into the audit trail. Keycloak answers newest
 * first with offset paging, so each poll pages back until it reaches the cursor: the time of the
 * newest event already imported and the keys of the events at exactly that time (several share
 * a millisecond). New events are recorded oldest first, in the transaction that moves the
 * cursor; audit ids derived from Keycloak's ids make a repeated import a no-op.
 */
public class KeycloakEventSource {

    static final int PAGE = 200;
    /** Pages read per poll and kind at most; a larger backlog is read over several polls. */
    static final int MAX_PAGES = 50;

    private static final TypeReference<List<String>> KEYS = new TypeReference<>() { };

    private final KeycloakAdmin keycloak;
    private final AuditTrail audit;
    private final AuditCursors cursors;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final KeycloakEventMapper mapper;

    public KeycloakEventSource(KeycloakAdmin keycloak, AuditTrail audit, AuditCursors cursors,
            JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.keycloak = keycloak;
        this.audit = audit;
        this.cursors = cursors;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.mapper = new KeycloakEventMapper(json);
    }

    /** Imports what is new of both kinds; returns how many events were recorded. */
    public synchronized int poll() {
        return importNew(KeycloakEvent.Kind.USER) + importNew(KeycloakEvent.Kind.ADMIN);
    }

    private int importNew(KeycloakEvent.Kind kind) {
        String name = "keycloak-" + kind.name().toLowerCase() + "-events";
        Cursor cursor = cursors.get(name);
        Set<String> seenAtCursor = new HashSet<>(read(cursor.extra()));
        Map<String, KeycloakEvent> fresh = new LinkedHashMap<>();
        boolean older = false;
        for (int page = 0; page < MAX_PAGES && !older; page++) {
            List<KeycloakEvent> events = keycloak.events(kind, page * PAGE, PAGE);
            for (KeycloakEvent event : events) {
                String key = KeycloakEventMapper.auditId(event);
                if (event.time() >= 0 && event.time() < cursor.position()) {
                    older = true;
                } else if (!(event.time() == cursor.position() && seenAtCursor.contains(key))) {
                    fresh.putIfAbsent(key, event);
                }
            }
            if (events.size() < PAGE) {
                break;
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        List<KeycloakEvent> ordered = new ArrayList<>(fresh.values());
        ordered.sort(Comparator.comparingLong(KeycloakEvent::time));
        long newest = Math.max(cursor.position(), ordered.get(ordered.size() - 1).time());
        Set<String> atNewest = new HashSet<>(newest == cursor.position() ? seenAtCursor : Set.of());
        ordered.stream().filter(event -> event.time() == newest)
                .forEach(event -> atNewest.add(KeycloakEventMapper.auditId(event)));
        List<AuditEvent> events = ordered.stream().map(mapper::map)
                .filter(event -> !exists(event.id())).toList();
        transactions.executeWithoutResult(status -> {
            audit.recordAll(events);
            cursors.set(name, new Cursor(newest, write(atNewest)));
        });
        return events.size();
    }

    private boolean exists(String auditId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE id = :id").param("id", auditId)
                .query(Long.class).single() > 0;
    }

    private List<String> read(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, KEYS);
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private String write(Set<String> keys) {
        try {
            return json.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
