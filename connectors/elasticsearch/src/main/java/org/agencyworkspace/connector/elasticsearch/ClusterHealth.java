package org.agencyworkspace.connector.elasticsearch;

/**
 * The answer of {@code GET /_cluster/health}, reduced to what operators look at.
 *
 * @param clusterName the cluster's name
 * @param status {@code green}, {@code yellow} or {@code red}
 * @param nodes number of nodes in the cluster
 */
public record ClusterHealth(String clusterName, String status, int nodes) {

    /** Green or yellow: every primary shard is assigned, so reads and writes work. */
    public boolean serving() {
        return "green".equals(status) || "yellow".equals(status);
    }
}
