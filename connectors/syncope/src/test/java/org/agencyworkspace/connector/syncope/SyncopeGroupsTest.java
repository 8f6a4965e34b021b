package org.agencyworkspace.connector.syncope;

import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.HR_KEY;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.connector;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.fixture;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.pagedJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.syncope.SyncopeStub.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncopeGroupsTest {

    private final SyncopeStub syncope = new SyncopeStub();
    private final SyncopeConnector connector = connector(syncope);

    @AfterEach
    void stop() {
        syncope.close();
    }

    @Test
    void readsAGroupByName() {
        syncope.on("GET", "/groups/hr", Reply.fixture(200, "group-hr.json"));

        SyncopeGroup hr = connector.findGroup("hr").orElseThrow();

        assertThat(hr).isEqualTo(new SyncopeGroup(HR_KEY, "hr", "/agency",
                Instant.parse("2024-12-01T10:00:00Z"), Map.of("title",
                        List.of("Human Resources"))));
        assertThat(syncope.only("GET", "/groups/hr").header("X-Syncope-Domain"))
                .isEqualTo("Master");
    }

    @Test
    void anUnknownGroupIsEmpty() {
        syncope.on("GET", "/groups/finance", Reply.error(404, "NotFound", "Group finance"));

        assertThat(connector.findGroup("finance")).isEmpty();
    }

    @Test
    void listsGroupsOfARealmByNameAcrossPages() {
        syncope.on("GET", "/groups",
                Reply.json(200, pagedJson("/groups", 1, 1, 2, List.of(fixture("group-hr.json")))),
                Reply.json(200, pagedJson("/groups", 2, 1, 2,
                        List.of(fixture("group-legal.json")))));

        List<String> names = connector.allGroups(SearchQuery.all().inRealm("/agency", true)
                .withDetails(false).withSize(1)).map(SyncopeGroup::name).toList();

        assertThat(names).containsExactly("hr", "legal");
        assertThat(syncope.received("GET", "/groups")).extracting(SyncopeStub.Request::rawQuery)
                .containsExactly(
                        "realm=%2Fagency&recursive=true&details=false&page=1&size=1"
                                + "&orderby=name%20ASC",
                        "realm=%2Fagency&recursive=true&details=false&page=2&size=1"
                                + "&orderby=name%20ASC");
    }

    @Test
    void searchesGroupsWithFiql() {
        syncope.on("GET", "/groups",
                Reply.json(200, pagedJson("/groups", 1, 100, 1, List.of(fixture("group-hr.json")))));

        SyncopePage<SyncopeGroup> page = connector.searchGroups(
                SearchQuery.where(Fiql.eq("name", "hr").or(Fiql.eq("name", "legal"))));

        assertThat(syncope.only("GET", "/groups").query("fiql")).contains("name==hr,name==legal");
        assertThat(page.items()).extracting(SyncopeGroup::key).containsExactly(HR_KEY);
        assertThat(page.next()).isEmpty();
    }
}
