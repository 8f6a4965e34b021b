package org.agencyworkspace.connector.elasticsearch;

import java.time.Instant;

/**
 * One audit event found by a search, with the ECS fields the UI lists.
 *
 * @param id {@code event.id}
 * @param timestamp {@code @timestamp}
 * @param action {@code event.action}
 * @param category {@code event.category}
 * @param outcome {@code event.outcome}
 * @param userId {@code user.id}
 * @param userName {@code user.name}
 * @param filePath {@code file.path}, or the target's id for other objects
 * @param classification {@code labels.classification}
 * @param sourceIp {@code source.ip}
 * @param reason {@code event.reason}
 */
public record AuditHit(String id, Instant timestamp, String action, String category,
        String outcome, String userId, String userName, String filePath, String classification,
        String sourceIp, String reason) {
}
