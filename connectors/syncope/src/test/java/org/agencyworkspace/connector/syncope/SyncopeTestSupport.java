package org.agencyworkspace.connector.syncope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** Shared values and helpers for the connector tests. */
final class SyncopeTestSupport {

    static final String SERVICE_USER = "svc-workspace";
    static final String SERVICE_PASSWORD = "s3cret:Pa55";
    /** {@code Basic base64(svc-workspace:s3cret:Pa55)}. */
    static final String BASIC = "Basic c3ZjLXdvcmtzcGFjZTpzM2NyZXQ6UGE1NQ==";
    static final String ANN_KEY = "0b9a1c3e-5f7d-4e2a-9c1b-3d5e7f9a1b2c";
    static final String HR_KEY = "37d15e4c-cdc1-460b-a591-8505c8133806";
    static final String LEGAL_KEY = "a1f4c2d0-6b3e-4f7a-8e21-5c9d0b7e4a13";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncopeTestSupport() {
    }

    static SyncopeConnector.Builder builder(SyncopeStub stub) {
        return SyncopeConnector.builder().baseUrl(stub.baseUrl())
                .serviceAccount(SERVICE_USER, SERVICE_PASSWORD);
    }

    static SyncopeConnector connector(SyncopeStub stub) {
        return builder(stub).build();
    }

    static String fixture(String name) {
        return SyncopeStub.fixture(name);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal {@code UserTO} as a search returns it with {@code details=false}. */
    static String userJson(int number, String lastChangeDate) {
        return """
                {"_class":"org.apache.syncope.common.lib.to.UserTO",
                 "key":"00000000-0000-4000-8000-%012d","type":"USER","realm":"/agency",
                 "status":"active","creationDate":"2025-01-01T00:00:00Z",
                 "lastChangeDate":"%s","plainAttrs":[],"resources":[],"username":"user%02d",
                 "suspended":false,"memberships":[],"dynMemberships":[],"roles":[]}
                """.formatted(number, lastChangeDate, number);
    }

    /** A {@code PagedResult} as {@code AbstractService.buildPagedResult} writes it. */
    static String pagedJson(String path, int page, int pageSize, long total, List<String> items) {
        String base = "http://localhost:9080/syncope/rest" + path;
        String prev = page > 1 ? "\"" + base + "?page=" + (page - 1) + "&size=" + pageSize + "\""
                : "null";
        String next = (long) (page - 1) * pageSize + items.size() < total
                ? "\"" + base + "?page=" + (page + 1) + "&size=" + pageSize + "\"" : "null";
        return "{\"prev\":" + prev + ",\"next\":" + next + ",\"result\":["
                + items.stream().collect(Collectors.joining(",")) + "],\"page\":" + page
                + ",\"size\":" + items.size() + ",\"totalCount\":" + total + "}";
    }
}
