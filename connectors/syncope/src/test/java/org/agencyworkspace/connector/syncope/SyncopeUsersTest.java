package org.agencyworkspace.connector.syncope;

import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.ANN_KEY;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.BASIC;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.HR_KEY;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.LEGAL_KEY;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.connector;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.json;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.pagedJson;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.userJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.syncope.SyncopeStub.Reply;
import org.agencyworkspace.connector.syncope.SyncopeStub.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SyncopeUsersTest {

    private final SyncopeStub syncope = new SyncopeStub();
    private final SyncopeConnector connector = connector(syncope);

    @AfterEach
    void stop() {
        syncope.close();
    }

    @Test
    void readsAUserByUsernameWithItsAgencyProfileMembershipsAndEtag() {
        syncope.on("GET", "/users/ann.lee",
                Reply.fixture(200, "user-ann.json").header("ETag", "\"1738317605500\""));

        SyncopeUser ann = connector.findUser("ann.lee").orElseThrow();

        Request sent = syncope.only("GET", "/users/ann.lee");
        assertThat(sent.rawQuery()).isNull();
        assertThat(sent.header("Accept")).isEqualTo("application/json");
        assertThat(sent.header("X-Syncope-Domain")).isEqualTo("Master");
        assertThat(sent.header("Authorization")).isEqualTo(BASIC);
        assertThat(sent.body()).isEmpty();

        assertThat(ann.key()).isEqualTo(ANN_KEY);
        assertThat(ann.username()).isEqualTo("ann.lee");
        assertThat(ann.realm()).isEqualTo("/agency/hr");
        assertThat(ann.status()).isEqualTo("active");
        assertThat(ann.suspended()).isFalse();
        assertThat(ann.creationDate()).isEqualTo(Instant.parse("2025-01-20T08:30:00.125Z"));
        assertThat(ann.lastChangeDate()).isEqualTo(Instant.parse("2025-01-31T10:00:05.5Z"));
        assertThat(ann.profile()).isEqualTo(new AgencyProfile(List.of("HR", "LEGAL"),
                "confidential", "ann.lee@agency.gov.tw", "+886-2-2345-6789", "employed", "李安",
                "Ann Lee"));
        assertThat(ann.attributes()).containsEntry("fullname", List.of("Ann Lee"))
                .doesNotContainKey("cn");
        assertThat(ann.memberships()).containsExactly(
                new SyncopeMembership(HR_KEY, "hr", false),
                new SyncopeMembership("8fb2d51e-c605-4e80-a72b-13ffecf1aa9a", "all-staff", true));
        assertThat(ann.roles()).containsExactly("staff");
        assertThat(ann.resources()).containsExactly("ldap");
        assertThat(ann.etag()).isEqualTo("\"1738317605500\"");
        assertThat(connector.memberships("ann.lee")).contains(ann.memberships());
    }

    @Test
    void anUnknownUserIsEmptyWhenSyncopeSaysNotFound() {
        syncope.on("GET", "/users/nobody", Reply.error(404, "NotFound", "User nobody"));

        assertThat(connector.findUser("nobody")).isEmpty();
        assertThat(connector.memberships("nobody")).isEmpty();
    }

    @Test
    void keysAndUsernamesAreEncodedAsOnePathSegment() {
        syncope.on("GET", "/users/ann%20lee%2Fhr%40agency%3F",
                Reply.error(404, "NotFound", "User ann lee/hr@agency?"));

        assertThat(connector.findUser("ann lee/hr@agency?")).isEmpty();

        assertThat(syncope.received("GET", "/users/ann%20lee%2Fhr%40agency%3F")).hasSize(1);
        assertThatThrownBy(() -> connector.findUser(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchSendsEveryQueryParameterAndReadsThePagedResult() {
        syncope.on("GET", "/users", Reply.json(200, pagedJson("/users", 1, 2, 3,
                List.of(userJson(1, "2025-02-01T00:00:00Z"), userJson(2, "2025-02-01T00:00:01Z")))));
        Fiql changed = Fiql.changedSince(Instant.parse("2025-02-01T00:00:00.900Z"))
                .and(Fiql.memberOf("hr"));

        SyncopePage<SyncopeUser> page = connector.searchUsers(SearchQuery.where(changed)
                .inRealm("/agency", false).withDetails(false).withSize(2)
                .orderedBy("lastChangeDate ASC, username ASC"));

        Request sent = syncope.only("GET", "/users");
        assertThat(sent.rawQuery()).isEqualTo("fiql=lastChangeDate%3Dge%3D2025-02-01T00%3A00%3A00"
                + "%252B0000%3B%24groups%3D%3Dhr&realm=%2Fagency&recursive=false&details=false"
                + "&page=1&size=2&orderby=lastChangeDate%20ASC%2C%20username%20ASC");
        assertThat(sent.query("fiql")).contains("lastChangeDate=ge=2025-02-01T00:00:00%2B0000;"
                + "$groups==hr");
        assertThat(page.items()).extracting(SyncopeUser::username)
                .containsExactly("user01", "user02");
        assertThat(page.items().get(0).etag()).isNull();
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.size()).isEqualTo(2);
        assertThat(page.totalCount()).isEqualTo(3);
        assertThat(page.next()).hasValueSatisfying(next -> {
            assertThat(next.page()).isEqualTo(2);
            assertThat(next.filter()).isEqualTo(changed);
        });
    }

    @Test
    void searchWithoutFilterOrOrderListsEveryRealmByUsername() {
        syncope.on("GET", "/users", Reply.json(200, pagedJson("/users", 1, 100, 0, List.of())));

        SyncopePage<SyncopeUser> page = connector.searchUsers(SearchQuery.all());

        assertThat(syncope.only("GET", "/users").rawQuery()).isEqualTo(
                "realm=%2F&recursive=true&details=true&page=1&size=100&orderby=username%20ASC");
        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void allUsersWalksEveryPageOnceAndStopsAtTheTotal() {
        List<String> users = IntStream.rangeClosed(1, 5)
                .mapToObj(n -> userJson(n, "2025-02-01T00:00:0" + n + "Z")).toList();
        syncope.on("GET", "/users",
                Reply.json(200, pagedJson("/users", 1, 2, 5, users.subList(0, 2))),
                Reply.json(200, pagedJson("/users", 2, 2, 5, users.subList(2, 4))),
                Reply.json(200, pagedJson("/users", 3, 2, 5, users.subList(4, 5))));

        List<String> usernames = connector.allUsers(SearchQuery.where(Fiql.like("username", "user*"))
                .withSize(2)).map(SyncopeUser::username).toList();

        assertThat(usernames).containsExactly("user01", "user02", "user03", "user04", "user05");
        List<Request> sent = syncope.received("GET", "/users");
        assertThat(sent).extracting(request -> request.query("page").orElseThrow())
                .containsExactly("1", "2", "3");
        assertThat(sent).allSatisfy(request -> {
            assertThat(request.query("fiql")).contains("username==user*");
            assertThat(request.query("size")).contains("2");
        });
    }

    @Test
    void allUsersStopsOnAnEmptyPageEvenIfTheTotalSaysMore() {
        syncope.on("GET", "/users",
                Reply.json(200, pagedJson("/users", 1, 2, 9, List.of(userJson(1, "2025-02-01T00:00:00Z"),
                        userJson(2, "2025-02-01T00:00:00Z")))),
                Reply.json(200, pagedJson("/users", 2, 2, 9, List.of())));

        assertThat(connector.allUsers(SearchQuery.all().withSize(2))).hasSize(2);
        assertThat(syncope.received("GET", "/users")).hasSize(2);
    }

    @Test
    void createLooksUpGroupsThenPostsAUserCrWithTheClassDiscriminator() {
        syncope.on("GET", "/groups/hr", Reply.fixture(200, "group-hr.json"));
        syncope.on("GET", "/groups/" + LEGAL_KEY, Reply.fixture(200, "group-legal.json"));
        syncope.on("POST", "/users", Reply.fixture(201, "provisioning-ann.json")
                .header("Location", "http://localhost:9080/syncope/rest/users/" + ANN_KEY)
                .header("X-Syncope-Key", ANN_KEY)
                .header("ETag", "\"1738317605500\""));

        SyncopeUser created = connector.createUser(NewUser.builder("/agency/hr", "ann.lee")
                .password("Initial-Pa55")
                .profile(AgencyProfile.builder().departments("HR", "LEGAL").clearance("confidential")
                        .email("ann.lee@agency.gov.tw").phone("+886-2-2345-6789")
                        .employmentStatus("employed").displayNameZh("李安")
                        .displayNameEn("Ann Lee").build())
                .attribute("fullname", "Ann Lee")
                .group("hr").group(LEGAL_KEY).group("hr")
                .role("staff").role("approver")
                .build());

        Request post = syncope.only("POST", "/users");
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.header("Authorization")).isEqualTo(BASIC);
        assertThat(json(post.body())).isEqualTo(json("""
                {"_class":"org.apache.syncope.common.lib.request.UserCR",
                 "realm":"/agency/hr","username":"ann.lee","password":"Initial-Pa55",
                 "plainAttrs":[
                   {"schema":"department","values":["HR","LEGAL"]},
                   {"schema":"clearance","values":["confidential"]},
                   {"schema":"email","values":["ann.lee@agency.gov.tw"]},
                   {"schema":"phone","values":["+886-2-2345-6789"]},
                   {"schema":"employmentStatus","values":["employed"]},
                   {"schema":"displayNameZh","values":["李安"]},
                   {"schema":"displayNameEn","values":["Ann Lee"]},
                   {"schema":"fullname","values":["Ann Lee"]}],
                 "memberships":[{"groupKey":"%s"},{"groupKey":"%s"}],
                 "roles":["approver","staff"]}
                """.formatted(HR_KEY, LEGAL_KEY)));
        assertThat(syncope.received()).extracting(request -> request.method() + " "
                + request.rawPath()).containsExactly("GET /syncope/rest/groups/hr",
                        "GET /syncope/rest/groups/" + LEGAL_KEY, "POST /syncope/rest/users");
        assertThat(created.key()).isEqualTo(ANN_KEY);
        assertThat(created.profile().departments()).containsExactly("HR", "LEGAL");
        assertThat(created.etag()).isEqualTo("\"1738317605500\"");
    }

    @Test
    void createWithoutPasswordOrProfileSendsOnlyWhatIsSet() {
        syncope.on("POST", "/users", Reply.fixture(201, "provisioning-ann.json")
                .header("X-Syncope-Key", ANN_KEY));

        connector.createUser(NewUser.builder("/", "ann.lee").build());

        assertThat(json(syncope.only("POST", "/users").body())).isEqualTo(json("""
                {"_class":"org.apache.syncope.common.lib.request.UserCR","realm":"/",
                 "username":"ann.lee","plainAttrs":[],"memberships":[],"roles":[]}
                """));
    }

    @Test
    void createWithAnUnknownGroupWritesNothing() {
        syncope.on("GET", "/groups/finance", Reply.error(404, "NotFound", "Group finance"));

        assertThatThrownBy(() -> connector.createUser(NewUser.builder("/agency", "bob")
                .group("finance").build()))
                .isInstanceOfSatisfying(SyncopeNotFoundException.class, e -> {
                    assertThat(e.errorInfo()).containsExactly("Group finance");
                    assertThat(e.getMessage()).contains("look up group finance refused");
                });
        assertThat(syncope.received("POST", "/users")).isEmpty();
    }

    @Test
    void createOfATakenUsernameIsATypedExistsTheCallerCanTreatAsDone() {
        syncope.on("POST", "/users", Reply.error(409, "EntityExists",
                "Entity with same key or unique attribute value already exists"));

        assertThatThrownBy(() -> connector.createUser(NewUser.builder("/agency", "ann.lee").build()))
                .isInstanceOfSatisfying(SyncopeEntityExistsException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("EntityExists");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void createRefusesAnAttributeThatShadowsAnAgencyAttribute() {
        assertThatThrownBy(() -> connector.createUser(NewUser.builder("/agency", "ann.lee")
                .group("hr").attribute("email", "x@y").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
        assertThat(syncope.received()).isEmpty();
    }

    @Test
    void aCreateAnswerWhoseKeyHeaderDisagreesWithItsEntityIsRefused() {
        syncope.on("POST", "/users", Reply.fixture(201, "provisioning-ann.json")
                .header("X-Syncope-Key", "ffffffff-0000-4000-8000-000000000000"));

        assertThatThrownBy(() -> connector.createUser(NewUser.builder("/agency", "ann.lee").build()))
                .isInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not a Syncope provisioning result");
    }

    @Test
    void updateSendsAUserUrPatchWithIfMatch() {
        syncope.on("GET", "/groups/legal", Reply.fixture(200, "group-legal.json"));
        syncope.on("GET", "/groups/hr", Reply.fixture(200, "group-hr.json"));
        syncope.on("GET", "/groups/old-team", Reply.error(404, "NotFound", "Group old-team"));
        syncope.on("PATCH", "/users/" + ANN_KEY, Reply.fixture(200, "provisioning-ann.json")
                .header("ETag", "\"1738400000000\""));

        SyncopeUser updated = connector.updateUser(UserUpdate.builder(ANN_KEY)
                .ifMatch("\"1738317605500\"")
                .rename("ann.lee2")
                .replace(AgencyAttribute.CLEARANCE, "secret")
                .replace(AgencyAttribute.DEPARTMENTS, "LEGAL")
                .delete(AgencyAttribute.PHONE)
                .replace("fullname", "Ann Lee-Chen")
                .delete("nickname")
                .joinGroup("legal").leaveGroup("hr").leaveGroup("old-team")
                .addRole("approver").removeRole("staff")
                .build());

        Request patch = syncope.only("PATCH", "/users/" + ANN_KEY);
        assertThat(patch.header("If-Match")).isEqualTo("\"1738317605500\"");
        assertThat(patch.header("Content-Type")).isEqualTo("application/json");
        assertThat(json(patch.body())).isEqualTo(json("""
                {"_class":"org.apache.syncope.common.lib.request.UserUR","key":"%s",
                 "username":{"operation":"ADD_REPLACE","value":"ann.lee2"},
                 "plainAttrs":[
                   {"operation":"ADD_REPLACE","attr":{"schema":"department","values":["LEGAL"]}},
                   {"operation":"ADD_REPLACE","attr":{"schema":"clearance","values":["secret"]}},
                   {"operation":"DELETE","attr":{"schema":"phone","values":[]}},
                   {"operation":"ADD_REPLACE","attr":{"schema":"fullname","values":["Ann Lee-Chen"]}},
                   {"operation":"DELETE","attr":{"schema":"nickname","values":[]}}],
                 "memberships":[
                   {"operation":"ADD_REPLACE","group":"%s"},
                   {"operation":"DELETE","group":"%s"}],
                 "roles":[
                   {"operation":"ADD_REPLACE","value":"approver"},
                   {"operation":"DELETE","value":"staff"}]}
                """.formatted(ANN_KEY, LEGAL_KEY, HR_KEY)));
        assertThat(updated.etag()).isEqualTo("\"1738400000000\"");
    }

    @Test
    void anUpdateWithoutIfMatchSendsOnlyTheNamedChange() {
        syncope.on("PATCH", "/users/ann.lee", Reply.fixture(200, "provisioning-ann.json"));

        connector.updateUser(UserUpdate.builder("ann.lee")
                .replace(AgencyAttribute.EMPLOYMENT_STATUS, "on-leave").build());

        Request patch = syncope.only("PATCH", "/users/ann.lee");
        assertThat(patch.header("If-Match")).isNull();
        assertThat(json(patch.body())).isEqualTo(json("""
                {"_class":"org.apache.syncope.common.lib.request.UserUR","key":"ann.lee",
                 "plainAttrs":[{"operation":"ADD_REPLACE",
                   "attr":{"schema":"employmentStatus","values":["on-leave"]}}]}
                """));
    }

    @Test
    void aStaleEtagIsATypedConflictToRetryAfterReading() {
        syncope.on("PATCH", "/users/" + ANN_KEY,
                Reply.error(412, "ConcurrentModification", "Mismatching ETag value"));

        assertThatThrownBy(() -> connector.updateUser(UserUpdate.builder(ANN_KEY)
                .ifMatch("\"1\"").replace(AgencyAttribute.CLEARANCE, "secret").build()))
                .isInstanceOfSatisfying(SyncopeConcurrentModificationException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.errorCode()).isEqualTo("ConcurrentModification");
                    assertThat(e.errorInfo()).containsExactly("Mismatching ETag value");
                });
    }

    @Test
    void updateRefusesAFurtherAttributeThatIsAnAgencyAttribute() {
        assertThatThrownBy(() -> connector.updateUser(UserUpdate.builder(ANN_KEY)
                .joinGroup("hr").replace("clearance", "secret").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clearance");
        assertThat(syncope.received()).isEmpty();
    }

    @Test
    void suspendPostsAStatusRForTheKeyAndNamedResources() {
        syncope.on("POST", "/users/" + ANN_KEY + "/status",
                Reply.fixture(200, "provisioning-ann-suspended.json")
                        .header("ETag", "\"1738544400000\""));

        SyncopeUser suspended = connector.changeStatus(
                StatusChange.suspend(ANN_KEY).alsoOn("ldap", "ad"));

        Request post = syncope.only("POST", "/users/" + ANN_KEY + "/status");
        assertThat(json(post.body())).isEqualTo(json("""
                {"key":"%s","type":"SUSPEND","onSyncope":true,"resources":["ad","ldap"]}
                """.formatted(ANN_KEY)));
        assertThat(suspended.suspended()).isTrue();
        assertThat(suspended.status()).isEqualTo("suspended");
        assertThat(suspended.etag()).isEqualTo("\"1738544400000\"");
    }

    @Test
    void reactivateSendsReactivateWithoutResources() {
        syncope.on("POST", "/users/" + ANN_KEY + "/status", Reply.fixture(200, "provisioning-ann.json"));

        assertThat(connector.changeStatus(StatusChange.reactivate(ANN_KEY)).suspended()).isFalse();

        assertThat(json(syncope.only("POST", "/users/" + ANN_KEY + "/status").body()))
                .isEqualTo(json("{\"key\":\"%s\",\"type\":\"REACTIVATE\",\"onSyncope\":true,"
                        .formatted(ANN_KEY) + "\"resources\":[]}"));
    }

    @Test
    void deleteAsksForNoContentAndIsFalseTheSecondTime() {
        syncope.on("DELETE", "/users/" + ANN_KEY,
                Reply.empty(204).header("Preference-Applied", "return-no-content"),
                Reply.error(404, "NotFound", "User " + ANN_KEY));

        assertThat(connector.deleteUser(ANN_KEY)).isTrue();
        assertThat(connector.deleteUser(ANN_KEY)).isFalse();

        assertThat(syncope.received("DELETE", "/users/" + ANN_KEY))
                .allSatisfy(request -> assertThat(request.header("Prefer"))
                        .isEqualTo("return-no-content"));
    }
}
