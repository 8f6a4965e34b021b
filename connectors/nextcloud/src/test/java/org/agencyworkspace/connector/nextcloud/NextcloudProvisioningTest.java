package org.agencyworkspace.connector.nextcloud;

import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v1Failure;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v1Ok;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v2Failure;
import static org.agencyworkspace.connector.nextcloud.OcsEnvelopes.v2Ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.agencyworkspace.connector.nextcloud.FakeOcsServer.Request;
import org.agencyworkspace.testsupport.CannedHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests and answers of each provisioning call, against OCS stubs built from the reference. */
class NextcloudProvisioningTest {

    private static final String V2 = "/ocs/v2.php/cloud";
    private static final String V1 = "/ocs/v1.php/cloud";
    private static final String BASIC_AUTH = "Basic " + Base64.getEncoder().encodeToString(
            "nc-admin:app-Pass-word1".getBytes(StandardCharsets.UTF_8));
    private static final String FORM = "application/x-www-form-urlencoded";

    /**
     * {@code GET /cloud/users/frank} as an admin sees it on a current server: the quota object of
     * a user who has logged in, plus fields the connector ignores.
     */
    private static final String FRANK = """
            {"enabled":true,"storageLocation":"/var/www/html/data/frank","id":"frank",\
            "lastLogin":1718000000000,"backend":"Database","subadmin":[],\
            "quota":{"free":5355422720,"used":13286400,"total":5368709120,"relative":0.25,\
            "quota":5368709120},"manager":"","email":"frank@agency.gov.tw",\
            "additional_mail":[],"displayname":"Frank Lin","display-name":"Frank Lin",\
            "phone":"","address":"","website":"","twitter":"","fediverse":"",\
            "organisation":"","role":"","headline":"","biography":"","profile_enabled":"1",\
            "groups":["staff","dept-finance"],"language":"zh_TW","locale":"zh_Hant_TW",\
            "notify_email":null,"backendCapabilities":{"setDisplayName":true,"setPassword":true}}""";

    /** A disabled user who never logged in: no storage yet, so the quota is only "none". */
    private static final String NEVER_LOGGED_IN = """
            {"enabled":false,"id":"carol","lastLogin":0,"backend":"Database","subadmin":[],\
            "quota":{"quota":"none","used":0},"email":null,"displayname":"Carol",\
            "display-name":"Carol","groups":[],"language":"en","locale":""}""";

    private final FakeOcsServer server = new FakeOcsServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void findUserSendsAnOcsRequestAndReadsTheV2Record() {
        server.on("GET", V2 + "/users/frank", v2Ok(FRANK));

        NextcloudUser frank = provisioning(2).findUser("frank").orElseThrow();

        assertThat(frank).isEqualTo(new NextcloudUser("frank", true, "Frank Lin",
                "frank@agency.gov.tw", List.of("staff", "dept-finance"),
                new NextcloudUser.Quota(13286400, OptionalLong.of(5368709120L)), "zh_TW"));
        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo(V2 + "/users/frank");
        assertThat(request.rawQuery()).isEqualTo("format=json");
        assertThat(request.headers()).containsEntry("OCS-APIRequest", "true")
                .containsEntry("Accept", "application/json")
                .containsEntry("Authorization", BASIC_AUTH);
        assertThat(request.body()).isEmpty();
    }

    @Test
    void findUserReadsTheV1RecordOfADisabledUserWhoNeverLoggedIn() {
        server.on("GET", V1 + "/users/carol", v1Ok(NEVER_LOGGED_IN));

        NextcloudUser carol = provisioning(1).findUser("carol").orElseThrow();

        assertThat(carol.enabled()).isFalse();
        assertThat(carol.email()).isNull();
        assertThat(carol.groups()).isEmpty();
        assertThat(carol.quota()).isEqualTo(new NextcloudUser.Quota(0, OptionalLong.empty()));
        assertThat(server.onlyRequest().rawPath()).isEqualTo(V1 + "/users/carol");
    }

    @Test
    void unlimitedQuotaAndLegacyShapesAreRead() {
        // -3 is Nextcloud's "unlimited"; "enabled" as text and "display-name" come from old
        // servers; numeric ids arrive as JSON numbers.
        server.on("GET", V2 + "/users/1001", v2Ok("""
                {"enabled":"true","id":1001,"quota":{"used":42,"quota":-3},\
                "display-name":"Legacy","groups":{"0":"staff","2":"dept-it"}}"""));

        NextcloudUser legacy = provisioning(2).findUser("1001").orElseThrow();

        assertThat(legacy).isEqualTo(new NextcloudUser("1001", true, "Legacy", null,
                List.of("staff", "dept-it"), new NextcloudUser.Quota(42, OptionalLong.empty()),
                null));
    }

    @Test
    void anUnknownUserIsEmptyInEveryShapeNextcloudUses() {
        server.on("GET", V2 + "/users/gone404", v2Failure(404, 404, "User does not exist"));
        server.on("GET", V2 + "/users/gone998", v2Failure(404, 998, ""));
        server.on("GET", V1 + "/users/gone404", v1Failure(404, "User does not exist"));
        server.on("GET", V1 + "/users/gone998", v1Failure(998, ""));

        assertThat(provisioning(2).findUser("gone404")).isEmpty();
        assertThat(provisioning(2).findUser("gone998")).isEmpty();
        assertThat(provisioning(1).findUser("gone404")).isEmpty();
        assertThat(provisioning(1).findUser("gone998")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "anna maria          | anna%20maria",
        "李小明               | %E6%9D%8E%E5%B0%8F%E6%98%8E",
        "frank@agency.gov.tw | frank%40agency.gov.tw",
        "o'neil+1            | o%27neil%2B1"})
    void userIdsArePercentEncodedAsOnePathSegment(String userId, String encoded) {
        server.on("PUT", V2 + "/users/" + encoded + "/disable", v2Ok("[]"));
        server.on("GET", V2 + "/users/" + encoded + "/groups", v2Ok("{\"groups\":[\"staff\"]}"));

        assertThat(provisioning(2).setEnabled(userId, false)).isTrue();
        assertThat(provisioning(2).userGroups(userId)).contains(List.of("staff"));

        assertThat(server.received()).extracting(Request::rawPath).containsExactly(
                V2 + "/users/" + encoded + "/disable", V2 + "/users/" + encoded + "/groups");
    }

    @Test
    void idsThatCannotBeOnePathSegmentAreRefusedBeforeSending() {
        NextcloudProvisioning provisioning = provisioning(2);

        for (String bad : new String[] {"", " ", ".", "..", "a/b"}) {
            assertThatThrownBy(() -> provisioning.findUser(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> provisioning.findUser(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("userId required");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void listUserIdsSendsSearchLimitAndOffset() {
        server.on("GET", V2 + "/users", v2Ok("{\"users\":[\"anna maria\",\"anna mei\"]}"));

        assertThat(provisioning(2).listUserIds("anna m", 4, 2))
                .containsExactly("anna maria", "anna mei");
        assertThat(server.onlyRequest().rawQuery())
                .isEqualTo("format=json&search=anna%20m&limit=2&offset=4");
    }

    @Test
    void allUserIdsWalksPagesUntilAShortOne() {
        server.on("GET", V1 + "/users", v1Ok("{\"users\":[\"alice\",\"bob\"]}"),
                v1Ok("{\"users\":[\"carol\",1001]}"), v1Ok("{\"users\":[\"erin\"]}"));

        assertThat(provisioning(1).allUserIds("", 2))
                .containsExactly("alice", "bob", "carol", "1001", "erin");
        assertThat(server.received()).extracting(Request::rawQuery).containsExactly(
                "format=json&search=&limit=2&offset=0", "format=json&search=&limit=2&offset=2",
                "format=json&search=&limit=2&offset=4");
    }

    @Test
    void createUserPostsEveryFieldAsAForm() {
        server.on("POST", V2 + "/users", v2Ok("{\"id\":\"li xiaoming\"}"));

        UserCreation outcome = provisioning(2).createUser(NewNextcloudUser.of("li xiaoming")
                .withPassword("S3cret!pass").withDisplayName("李小明")
                .withEmail("li@agency.gov.tw").withGroups(List.of("staff", "dept finance"))
                .withQuota("5 GB").withLanguage("zh_TW"));

        assertThat(outcome).isEqualTo(UserCreation.CREATED);
        Request request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawQuery()).isEqualTo("format=json");
        assertThat(request.headers()).containsEntry("Content-Type", FORM)
                .containsEntry("OCS-APIRequest", "true")
                .containsEntry("Authorization", BASIC_AUTH);
        assertThat(request.body()).isEqualTo("userid=li%20xiaoming&password=S3cret%21pass"
                + "&displayName=%E6%9D%8E%E5%B0%8F%E6%98%8E&email=li%40agency.gov.tw"
                + "&groups%5B%5D=staff&groups%5B%5D=dept%20finance&quota=5%20GB"
                + "&language=zh_TW");
    }

    @Test
    void createUserWithoutPasswordSendsOnlyTheFieldsThatAreSet() {
        server.on("POST", V1 + "/users", v1Ok("[]"));

        assertThat(provisioning(1).createUser(
                NewNextcloudUser.of("dave").withEmail("dave@agency.gov.tw")))
                .isEqualTo(UserCreation.CREATED);
        assertThat(server.onlyRequest().body()).isEqualTo("userid=dave&email=dave%40agency.gov.tw");
    }

    @Test
    void createUserNeedsAPasswordOrAnEmail() {
        assertThatThrownBy(() -> provisioning(2).createUser(NewNextcloudUser.of("dave")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password or email required");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void creatingAnExistingUserIsATypedOutcomeOnBothVersions() {
        server.on("POST", V2 + "/users", v2Failure(400, 102, "User already exists"));
        server.on("POST", V1 + "/users", v1Failure(102, "User already exists"));
        NewNextcloudUser frank = NewNextcloudUser.of("frank").withPassword("S3cret!pass");

        assertThat(provisioning(2).createUser(frank)).isEqualTo(UserCreation.ALREADY_EXISTS);
        assertThat(provisioning(1).createUser(frank)).isEqualTo(UserCreation.ALREADY_EXISTS);
    }

    @Test
    void aFailedWelcomeMailStillCreatedTheUser() {
        server.on("POST", V1 + "/users", v1Failure(109, "Unable to send the invitation mail"));

        assertThat(provisioning(1).createUser(
                NewNextcloudUser.of("erin").withEmail("erin@agency.gov.tw")))
                .isEqualTo(UserCreation.CREATED_MAIL_FAILED);
    }

    @Test
    void editUserPutsOneKeyAndValue() {
        server.on("PUT", V2 + "/users/frank", v2Ok("[]"));

        assertThat(provisioning(2).editUser("frank", UserField.QUOTA, "10 GB")).isTrue();
        assertThat(provisioning(2).editUser("frank", UserField.DISPLAY_NAME, "林法蘭")).isTrue();

        assertThat(server.received()).extracting(Request::method, Request::body).containsExactly(
                tuple("PUT", "key=quota&value=10%20GB"),
                tuple("PUT",
                        "key=displayname&value=%E6%9E%97%E6%B3%95%E8%98%AD"));
        assertThat(server.received().get(0).headers()).containsEntry("Content-Type", FORM);
    }

    @Test
    void editingAnUnknownUserIsFalse() {
        server.on("PUT", V2 + "/users/gone", v2Failure(404, 998, ""));
        server.on("PUT", V1 + "/users/gone", v1Failure(998, ""));

        assertThat(provisioning(2).editUser("gone", UserField.EMAIL, "x@agency.gov.tw")).isFalse();
        assertThat(provisioning(1).editUser("gone", UserField.EMAIL, "x@agency.gov.tw")).isFalse();
    }

    @Test
    void anInvalidValueIsRefusedWithItsOcsCode() {
        server.on("PUT", V2 + "/users/frank", v2Failure(400, 102, "Invalid quota value 5 XB"));

        assertThatThrownBy(() -> provisioning(2).editUser("frank", UserField.QUOTA, "5 XB"))
                .isInstanceOfSatisfying(OcsRefusedException.class, e -> {
                    assertThat(e.ocsStatus()).isEqualTo(102);
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.serverMessage()).isEqualTo("OCS 102: Invalid quota value 5 XB");
                    assertThat(e).hasMessageContaining("edit quota refused");
                });
    }

    @Test
    void enableAndDisableUseTheirOwnPaths() {
        server.on("PUT", V1 + "/users/frank/enable", v1Ok("[]"));
        server.on("PUT", V1 + "/users/frank/disable", v1Ok("[]"));

        assertThat(provisioning(1).setEnabled("frank", true)).isTrue();
        assertThat(provisioning(1).setEnabled("frank", false)).isTrue();

        assertThat(server.received()).extracting(Request::method, Request::rawPath)
                .containsExactly(tuple("PUT", V1 + "/users/frank/enable"),
                        tuple("PUT", V1 + "/users/frank/disable"));
        assertThat(server.received()).allSatisfy(request -> {
            assertThat(request.body()).isEmpty();
            assertThat(request.rawQuery()).isEqualTo("format=json");
        });
    }

    @Test
    void disablingAnUnknownUserIsFalseAfterALookUp() {
        // Nextcloud answers a missing user and the signed-in account itself with the same 101.
        server.on("PUT", V2 + "/users/gone/disable", v2Failure(400, 101, ""));
        server.on("GET", V2 + "/users/gone", v2Failure(404, 404, "User does not exist"));

        assertThat(provisioning(2).setEnabled("gone", false)).isFalse();
        assertThat(server.received()).extracting(Request::method).containsExactly("PUT", "GET");
    }

    @Test
    void disablingOnesOwnAccountIsRefused() {
        server.on("PUT", V2 + "/users/nc-admin/disable", v2Failure(400, 101, ""));
        server.on("GET", V2 + "/users/nc-admin", v2Ok(FRANK.replace("\"frank\"", "\"nc-admin\"")));

        assertThatThrownBy(() -> provisioning(2).setEnabled("nc-admin", false))
                .isInstanceOfSatisfying(OcsRefusedException.class,
                        e -> assertThat(e.ocsStatus()).isEqualTo(101))
                .hasMessageContaining("disable user refused");
    }

    @Test
    void deleteUserIsTrueOnceAndFalseOnRetry() {
        server.on("DELETE", V2 + "/users/frank", v2Ok("[]"), v2Failure(404, 998, ""));

        assertThat(provisioning(2).deleteUser("frank")).isTrue();
        assertThat(provisioning(2).deleteUser("frank")).isFalse();
        assertThat(server.received()).extracting(Request::method, Request::body).containsOnly(
                tuple("DELETE", ""));
    }

    @Test
    void deletingOnAnOldServerThatAnswers101ForAMissingUserIsFalse() {
        server.on("DELETE", V1 + "/users/gone", v1Failure(101, ""));
        server.on("GET", V1 + "/users/gone", v1Failure(998, ""));

        assertThat(provisioning(1).deleteUser("gone")).isFalse();
    }

    @Test
    void userGroupsOfAnUnknownUserIsEmpty() {
        server.on("GET", V2 + "/users/gone/groups", v2Failure(404, 998, ""));

        assertThat(provisioning(2).userGroups("gone")).isEmpty();
    }

    @Test
    void addAndRemoveMembershipSendTheGroupIdAsAForm() {
        server.on("POST", V2 + "/users/frank/groups", v2Ok("[]"));
        server.on("DELETE", V2 + "/users/frank/groups", v2Ok("[]"));

        assertThat(provisioning(2).addToGroup("frank", "dept finance"))
                .isEqualTo(MembershipChange.DONE);
        assertThat(provisioning(2).removeFromGroup("frank", "dept finance"))
                .isEqualTo(MembershipChange.DONE);

        assertThat(server.received()).extracting(Request::method, Request::body).containsExactly(
                tuple("POST", "groupid=dept%20finance"),
                tuple("DELETE", "groupid=dept%20finance"));
        assertThat(server.received()).allSatisfy(request -> assertThat(request.headers())
                .containsEntry("Content-Type", FORM).containsEntry("OCS-APIRequest", "true"));
    }

    @Test
    void membershipNamesWhatIsMissing() {
        server.on("POST", V2 + "/users/frank/groups", v2Failure(400, 102, ""));
        server.on("POST", V2 + "/users/gone/groups", v2Failure(400, 103, ""));
        server.on("DELETE", V1 + "/users/frank/groups", v1Failure(102, ""));
        server.on("DELETE", V1 + "/users/gone/groups", v1Failure(103, ""));

        assertThat(provisioning(2).addToGroup("frank", "nope"))
                .isEqualTo(MembershipChange.NO_SUCH_GROUP);
        assertThat(provisioning(2).addToGroup("gone", "staff"))
                .isEqualTo(MembershipChange.NO_SUCH_USER);
        assertThat(provisioning(1).removeFromGroup("frank", "nope"))
                .isEqualTo(MembershipChange.NO_SUCH_GROUP);
        assertThat(provisioning(1).removeFromGroup("gone", "staff"))
                .isEqualTo(MembershipChange.NO_SUCH_USER);
    }

    @Test
    void membershipWithoutTheRightsIsRefused() {
        server.on("POST", V2 + "/users/frank/groups", v2Failure(400, 104, ""));
        server.on("DELETE", V2 + "/users/nc-admin/groups",
                v2Failure(400, 105, "Cannot remove yourself from the admin group"));

        assertThatThrownBy(() -> provisioning(2).addToGroup("frank", "admin"))
                .isInstanceOfSatisfying(OcsRefusedException.class,
                        e -> assertThat(e.ocsStatus()).isEqualTo(104));
        assertThatThrownBy(() -> provisioning(2).removeFromGroup("nc-admin", "admin"))
                .isInstanceOfSatisfying(OcsRefusedException.class,
                        e -> assertThat(e.serverMessage())
                                .isEqualTo("OCS 105: Cannot remove yourself from the admin group"));
    }

    @Test
    void createGroupIfMissingIsTrueOnceThenFalse() {
        server.on("POST", V2 + "/groups", v2Ok("[]"), v2Failure(400, 102, "group exists"));

        assertThat(provisioning(2).createGroupIfMissing("dept-finance", "財務處")).isTrue();
        assertThat(provisioning(2).createGroupIfMissing("dept-finance", null)).isFalse();

        assertThat(server.received()).extracting(Request::body).containsExactly(
                "groupid=dept-finance&displayname=%E8%B2%A1%E5%8B%99%E8%99%95",
                "groupid=dept-finance");
    }

    @Test
    void listGroupIdsPagesLikeUsers() {
        server.on("GET", V1 + "/groups", v1Ok("{\"groups\":[\"admin\",\"dept-finance\"]}"));

        assertThat(provisioning(1).listGroupIds("", 0, 50))
                .containsExactly("admin", "dept-finance");
        assertThat(server.onlyRequest().rawQuery())
                .isEqualTo("format=json&search=&limit=50&offset=0");
    }

    @Test
    void probeIsUpForAnAdminAndNamesTheAccount() {
        server.on("GET", V2 + "/user", v2Ok("""
                {"enabled":true,"id":"nc-admin","subadmin":[],"groups":["admin"],\
                "display-name":"Provisioning"}"""));

        var result = provisioning(2).probe();

        assertThat(result.up()).isTrue();
        assertThat(result.detail()).isEqualTo("provisioning as nc-admin (admin)");
        assertThat(result.facts()).containsEntry("account", "nc-admin")
                .containsEntry("role", "admin").containsEntry("ocs", "v2");
    }

    @Test
    void probeIsUpForAGroupAdminAndDownForAPlainAccount() {
        server.on("GET", V1 + "/user",
                v1Ok("{\"id\":\"hr-bot\",\"subadmin\":[\"staff\"],\"groups\":[\"hr\"]}"),
                v1Ok("{\"id\":\"someone\",\"subadmin\":[],\"groups\":[\"staff\"]}"));

        assertThat(provisioning(1).probe().detail())
                .isEqualTo("provisioning as hr-bot (group admin)");
        var plain = provisioning(1).probe();
        assertThat(plain.up()).isFalse();
        assertThat(plain.detail()).contains("someone").contains("neither admin nor group admin");
    }

    @Test
    void serverUrlMayHaveASubPathAndATrailingSlash() {
        server.on("GET", "/nextcloud" + V2 + "/users/frank", v2Ok(FRANK));

        NextcloudProvisioning provisioning = NextcloudProvisioning.builder()
                .serverUrl(server.baseUri().resolve("/nextcloud/"))
                .credentials("nc-admin", "app-Pass-word1").build();

        assertThat(provisioning.findUser("frank")).isPresent();
    }

    @Test
    void newUserNeverShowsItsPassword() {
        NewNextcloudUser user = NewNextcloudUser.of("frank").withPassword("S3cret!pass")
                .withGroups(List.of("staff"));

        assertThat(user.toString()).doesNotContain("S3cret").contains("password=******")
                .contains("groups=[staff]");
    }

    private NextcloudProvisioning provisioning(int version) {
        return NextcloudProvisioning.builder().serverUrl(server.baseUri())
                .credentials("nc-admin", "app-Pass-word1").ocsVersion(version).build();
    }
}
