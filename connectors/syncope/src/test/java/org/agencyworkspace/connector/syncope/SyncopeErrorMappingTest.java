package org.agencyworkspace.connector.syncope;

import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.ANN_KEY;
import static org.agencyworkspace.connector.syncope.SyncopeTestSupport.connector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.agencyworkspace.connector.ConnectorException;
import org.agencyworkspace.connector.PermanentConnectorException;
import org.agencyworkspace.connector.TransientConnectorException;
import org.agencyworkspace.connector.syncope.SyncopeStub.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error answer Syncope's {@code RestServiceExceptionMapper} (and the servlet container or a
 * proxy in front of it) can give, and the exception each becomes.
 */
class SyncopeErrorMappingTest {

    private final SyncopeStub syncope = new SyncopeStub();
    private final SyncopeConnector connector = connector(syncope);

    @AfterEach
    void stop() {
        syncope.close();
    }

    static Stream<Arguments> syncopeErrors() {
        return Stream.of(
                Arguments.of(Reply.error(404, "NotFound", "User " + ANN_KEY),
                        SyncopeNotFoundException.class, List.of("User " + ANN_KEY)),
                Arguments.of(Reply.error(409, "EntityExists", "ann.lee"),
                        SyncopeEntityExistsException.class, List.of("ann.lee")),
                Arguments.of(Reply.error(409, "DataIntegrityViolation",
                        "Unique constraint violated: email"),
                        SyncopeInvalidRequestException.class,
                        List.of("Unique constraint violated: email")),
                Arguments.of(Reply.error(400, "InvalidValues", "email: not a valid e-mail",
                        "clearance: not in enumeration"),
                        SyncopeInvalidRequestException.class,
                        List.of("email: not a valid e-mail", "clearance: not in enumeration")),
                Arguments.of(Reply.error(400, "RequiredValuesMissing", "email"),
                        SyncopeInvalidRequestException.class, List.of("email")),
                Arguments.of(Reply.error(400, "InvalidUser", "InvalidUsername: ann lee"),
                        SyncopeInvalidRequestException.class, List.of("InvalidUsername: ann lee")),
                Arguments.of(Reply.error(400, "RESTValidation", "page must be at least 1"),
                        SyncopeInvalidRequestException.class, List.of("page must be at least 1")),
                Arguments.of(Reply.error(403, "DelegatedAdministration",
                        "User " + ANN_KEY + " not allowed in realm /agency/hr"),
                        SyncopeAccessDeniedException.class,
                        List.of("User " + ANN_KEY + " not allowed in realm /agency/hr")),
                Arguments.of(Reply.error(412, "ConcurrentModification", "Mismatching ETag value"),
                        SyncopeConcurrentModificationException.class,
                        List.of("Mismatching ETag value")),
                Arguments.of(Reply.error(400, "Workflow", "Not a valid transition"),
                        SyncopeRefusedException.class, List.of("Not a valid transition")));
    }

    @ParameterizedTest
    @MethodSource("syncopeErrors")
    void eachErrorCodeBecomesItsTypedExceptionKeepingCodeAndInfo(Reply reply,
            Class<? extends SyncopeRefusedException> type, List<String> info) {
        syncope.on("POST", "/users/" + ANN_KEY + "/status", reply);

        assertThatThrownBy(() -> connector.changeStatus(StatusChange.suspend(ANN_KEY)))
                .isExactlyInstanceOf(type)
                .isInstanceOfSatisfying(SyncopeRefusedException.class, e -> {
                    String code = reply.headers().get("X-Application-Error-Code").get(0);
                    assertThat(e.status()).isEqualTo(reply.status());
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.errorInfo()).isEqualTo(info);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.connector()).isEqualTo("syncope");
                    assertThat(e.serverMessage()).isEqualTo(code + ": " + String.join("; ", info));
                    assertThat(e.getMessage()).startsWith("syncope: change user status refused (HTTP "
                            + reply.status() + ") at " + syncope.baseUrl() + "/users/" + ANN_KEY
                            + "/status: " + code);
                });
    }

    @Test
    void aPreconditionFailureWithoutCodeIsStillAConflict() {
        syncope.on("PATCH", "/users/" + ANN_KEY, Reply.empty(412));

        assertThatThrownBy(() -> connector.updateUser(UserUpdate.builder(ANN_KEY).ifMatch("\"1\"")
                .replace(AgencyAttribute.EMAIL, "a@b").build()))
                .isInstanceOfSatisfying(SyncopeConcurrentModificationException.class,
                        e -> assertThat(e.errorCode()).isNull());
    }

    @Test
    void aCompositeErrorKeepsEveryCodeAndTheDetailsOfTheErrorArray() {
        syncope.on("POST", "/users", Reply.json(400, """
                [{"status":400,"type":"RequiredValuesMissing","elements":["email"]},
                 {"status":400,"type":"InvalidValues","elements":["phone: too long"]}]
                """).header("X-Application-Error-Code", "RequiredValuesMissing", "InvalidValues")
                .header("X-Application-Error-Info", "RequiredValuesMissing:email",
                        "InvalidValues:phone: too long"));

        assertThatThrownBy(() -> connector.createUser(NewUser.builder("/", "ann.lee").build()))
                .isInstanceOfSatisfying(SyncopeInvalidRequestException.class, e -> {
                    assertThat(e.errorCodes()).containsExactly("RequiredValuesMissing",
                            "InvalidValues");
                    assertThat(e.errorInfo()).containsExactly("email", "phone: too long");
                });
    }

    @Test
    void detailsComeFromTheErrorBodyWhenTheInfoHeaderIsMissing() {
        syncope.on("POST", "/users", Reply.json(400,
                "{\"status\":400,\"type\":\"InvalidValues\",\"elements\":[\"email\"]}")
                .header("X-Application-Error-Code", "InvalidValues"));

        assertThatThrownBy(() -> connector.createUser(NewUser.builder("/", "ann.lee").build()))
                .isInstanceOfSatisfying(SyncopeInvalidRequestException.class,
                        e -> assertThat(e.errorInfo()).containsExactly("email"));
    }

    @Test
    void refusedCredentialsAndMissingEntitlementsAreAccessDenied() {
        syncope.on("GET", "/users/ann.lee", new Reply(401,
                Map.of("WWW-Authenticate", List.of("Basic realm=\"Apache Syncope authentication\"")),
                ""));
        syncope.on("GET", "/groups/hr", new Reply(403, Map.of("Content-Type",
                List.of("text/plain")), "Forbidden"));

        assertThatThrownBy(() -> connector.findUser("ann.lee"))
                .isInstanceOfSatisfying(SyncopeAccessDeniedException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCodes()).isEmpty();
                });
        assertThatThrownBy(() -> connector.findGroup("hr"))
                .isInstanceOfSatisfying(SyncopeAccessDeniedException.class,
                        e -> assertThat(e.errorInfo()).containsExactly("Forbidden"));
    }

    @Test
    void aBare404IsAWrongBaseUrlNotAMissingUser() {
        SyncopeConnector misconfigured = SyncopeConnector.builder()
                .baseUrl(URI.create(syncope.baseUrl().toString().replace("/syncope/rest", "")))
                .serviceAccount("svc", "pw").build();

        assertThatThrownBy(() -> misconfigured.findUser("ann.lee"))
                .isExactlyInstanceOf(SyncopeRefusedException.class)
                .hasMessageContaining("no Syncope REST resource here, check baseUrl")
                .isInstanceOfSatisfying(SyncopeRefusedException.class,
                        e -> assertThat(e.errorInfo()).singleElement().asString()
                                .contains("HTTP Status 404"));
        assertThatThrownBy(() -> misconfigured.deleteUser("ann.lee"))
                .isExactlyInstanceOf(SyncopeRefusedException.class);
    }

    static Stream<Arguments> transientAnswers() {
        return Stream.of(
                Arguments.of(Reply.error(500, "Unknown", "NullPointerException"),
                        "Unknown; NullPointerException"),
                Arguments.of(Reply.error(500, "InvalidAccessToken", "token expired"),
                        "InvalidAccessToken; token expired"),
                Arguments.of(new Reply(503, Map.of(), "<html>Service Unavailable</html>"),
                        "<html>Service Unavailable</html>"),
                Arguments.of(new Reply(429, Map.of("Retry-After", List.of("2")), ""), null));
    }

    @ParameterizedTest
    @MethodSource("transientAnswers")
    void serverErrorsAndRateLimitsAreTransient(Reply reply, String serverMessage) {
        syncope.on("GET", "/users", reply);

        assertThatThrownBy(() -> connector.searchUsers(SearchQuery.all()))
                .isExactlyInstanceOf(TransientConnectorException.class)
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(reply.status());
                    assertThat(e.serverMessage()).isEqualTo(serverMessage);
                    assertThat(e.getMessage()).contains("search users failed");
                });
    }

    @Test
    void anUnreachableServerIsTransient() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        SyncopeConnector unreachable = SyncopeConnector.builder()
                .baseUrl(URI.create("http://127.0.0.1:" + freePort + "/syncope/rest"))
                .serviceAccount("svc", "pw").build();

        assertThatThrownBy(() -> unreachable.findUser("ann.lee"))
                .isInstanceOf(TransientConnectorException.class)
                .hasMessageContaining("cannot reach server");
    }

    static Stream<Arguments> malformedAnswers() {
        return Stream.of(
                Arguments.of("<html>Login</html>", "not JSON"),
                Arguments.of("", "empty body"),
                Arguments.of("{\"username\":\"ann.lee\"}", "missing key"),
                Arguments.of("{\"key\":\"k\",\"username\":\"ann.lee\",\"lastChangeDate\":\"yesterday\"}",
                        "lastChangeDate is not an ISO date-time"),
                Arguments.of("{\"key\":\"k\",\"username\":\"ann.lee\",\"plainAttrs\":[{\"values\":[\"x\"]}]}",
                        "missing schema"),
                Arguments.of("{\"key\":\"k\",\"username\":\"ann.lee\",\"roles\":[{\"name\":\"x\"}]}",
                        "expected text values"),
                Arguments.of("{\"key\":\"k\",\"username\":\"ann.lee\",\"memberships\":[{\"groupName\":\"hr\"}]}",
                        "missing groupKey"));
    }

    @ParameterizedTest
    @MethodSource("malformedAnswers")
    void anAnswerThatIsNotAUserToIsAPermanentFailure(String body, String problem) {
        syncope.on("GET", "/users/ann.lee", Reply.json(200, body));

        assertThatThrownBy(() -> connector.findUser("ann.lee"))
                .isExactlyInstanceOf(PermanentConnectorException.class)
                .isInstanceOfSatisfying(PermanentConnectorException.class, e -> {
                    assertThat(e.getMessage()).contains("not a Syncope user");
                    assertThat(e.serverMessage()).contains(problem);
                    assertThat(e.status()).isEqualTo(200);
                });
    }

    @Test
    void aPageWithoutResultOrTotalIsAPermanentFailure() {
        syncope.on("GET", "/users", Reply.json(200, "{\"page\":1,\"size\":0}"),
                Reply.json(200, "[]"));

        assertThatThrownBy(() -> connector.searchUsers(SearchQuery.all()))
                .isExactlyInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("not a Syncope paged user result");
        assertThatThrownBy(() -> connector.searchUsers(SearchQuery.all()))
                .hasMessageContaining("no result array or totalCount");
    }

    @Test
    void aCreateAnswerWithoutEntityIsAPermanentFailure() {
        syncope.on("POST", "/users", Reply.json(201, "{\"propagationStatuses\":[]}"));

        assertThatThrownBy(() -> connector.createUser(NewUser.builder("/", "ann.lee").build()))
                .isExactlyInstanceOf(PermanentConnectorException.class)
                .hasMessageContaining("no entity in the provisioning result");
    }
}
