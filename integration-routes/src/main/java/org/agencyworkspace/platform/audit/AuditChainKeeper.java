package org.agencyworkspace.platform.audit;

import org.springframework.stereotype.Component;

/**
 * Keeps the chain keyed and anchored: at its first tick it keys the chain (once per database;
 * an upgraded workspace's older rows stay unkeyed before the cut-over row), then each tick
 * anchors the head when it moved. Driven by {@link AuditChainRoutes}, so a one-shot command
 * ({@code audit verify}), which starts no routes, writes nothing.
 */
@Component
public class AuditChainKeeper {

    private final JdbcAuditTrail trail;
    private final AuditAnchors anchors;
    private final AuditChainKey key;
    private volatile boolean keyed;

    public AuditChainKeeper(JdbcAuditTrail trail, AuditAnchors anchors, AuditChainKey key) {
        this.trail = trail;
        this.anchors = anchors;
        this.key = key;
    }

    /** Keys the chain if it is not yet, then anchors the head if it moved since the last anchor. */
    public void tick() {
        if (!keyed && key.present()) {
            trail.keyChain();
            keyed = true;
        }
        anchors.anchor(trail.head());
    }
}
