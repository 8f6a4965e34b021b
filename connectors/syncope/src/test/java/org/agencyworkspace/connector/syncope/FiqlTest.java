package org.agencyworkspace.connector.syncope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.agencyworkspace.connector.syncope.SyncopeStub.Reply;
import org.junit.jupiter.api.Test;

class FiqlTest {

    @Test
    void comparisonsUseSyncopesOperators() {
        assertThat(Fiql.username("ann.lee")).hasToString("username==ann.lee");
        assertThat(Fiql.eqIgnoreCase("email", "Ann@Agency.gov.tw"))
                .hasToString("email=~Ann@Agency.gov.tw");
        assertThat(Fiql.ne("status", "suspended")).hasToString("status!=suspended");
        assertThat(Fiql.like("username", "ann*")).hasToString("username==ann*");
        assertThat(Fiql.isNull("phone")).hasToString("phone==$null");
        assertThat(Fiql.isNotNull("phone")).hasToString("phone!=$null");
        assertThat(Fiql.memberOf("hr")).hasToString("$groups==hr");
        assertThat(Fiql.hasRole("approver")).hasToString("$roles==approver");
    }

    @Test
    void timestampsAreUtcWholeSecondsWithAnEncodedPlus() {
        Instant moment = Instant.parse("2025-01-31T10:00:00.999Z");

        assertThat(Fiql.changedSince(moment))
                .hasToString("lastChangeDate=ge=2025-01-31T10:00:00%2B0000");
        assertThat(Fiql.gt("lastLoginDate", moment))
                .hasToString("lastLoginDate=gt=2025-01-31T10:00:00%2B0000");
        assertThat(Fiql.le("creationDate", Instant.parse("2024-12-31T23:59:59Z")))
                .hasToString("creationDate=le=2024-12-31T23:59:59%2B0000");
        assertThat(Fiql.lt("creationDate", Instant.parse("2024-02-29T16:00:00Z")))
                .hasToString("creationDate=lt=2024-02-29T16:00:00%2B0000");
        assertThat(decodedValue(Fiql.changedSince(moment), "=ge="))
                .isEqualTo("2025-01-31T10:00:00+0000");
    }

    @Test
    void reservedCharactersSpacesAndChineseAreEncodedInsideValues() {
        String value = "李安 (HR); o'neil, a=b!c<d>~\"%+";

        Fiql condition = Fiql.eq("displayNameZh", value);

        assertThat(condition.expression()).isEqualTo("displayNameZh==%E6%9D%8E%E5%AE%89%20%28HR"
                + "%29%3B%20o%27neil%2C%20a%3Db%21c%3Cd%3E%7E%22%25%2B");
        assertThat(condition.expression().substring("displayNameZh==".length()))
                .doesNotContain(";", ",", "(", ")", "=", "!", "<", ">", "~", "'", "\"", " ", "+");
        assertThat(decodedValue(condition, "==")).isEqualTo(value);
    }

    @Test
    void andPutsParenthesesAroundAnOrButOrNeedsNone() {
        Fiql inHrOrLegal = Fiql.memberOf("hr").or(Fiql.memberOf("legal"));
        Fiql active = Fiql.eq("status", "active");

        assertThat(active.and(inHrOrLegal)).hasToString("status==active;($groups==hr,$groups==legal)");
        assertThat(Fiql.allOf(inHrOrLegal, active, Fiql.isNotNull("email")))
                .hasToString("($groups==hr,$groups==legal);status==active;email!=$null");
        assertThat(Fiql.anyOf(active.and(Fiql.memberOf("hr")), Fiql.memberOf("legal")))
                .hasToString("status==active;$groups==hr,$groups==legal");
        assertThat(active.and(inHrOrLegal).and(Fiql.username("ann")))
                .hasToString("status==active;($groups==hr,$groups==legal);username==ann");
    }

    @Test
    void refusesWhatCannotBeExpressed() {
        assertThatThrownBy(() -> Fiql.eq("username", "ann*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("like()");
        assertThatThrownBy(() -> Fiql.eq("user name", "ann"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a searchable property name");
        assertThatThrownBy(() -> Fiql.eq("username;status", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fiql.eq("username", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fiql.allOf(Fiql.username("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theExpressionReachesSyncopeIntactThroughTheQueryString() {
        try (SyncopeStub syncope = new SyncopeStub()) {
            syncope.on("GET", "/users", Reply.json(200, SyncopeTestSupport.pagedJson("/users", 1,
                    100, 0, List.of())));
            Fiql condition = Fiql.eq("displayNameEn", "Lee, Ann; 50% & more +1")
                    .and(Fiql.changedSince(Instant.parse("2025-01-31T10:00:00Z")));

            SyncopeTestSupport.connector(syncope).searchUsers(SearchQuery.where(condition));

            String received = syncope.only("GET", "/users").query("fiql").orElseThrow();
            assertThat(received).isEqualTo(condition.expression());
            assertThat(received.split(";")).hasSize(2);
            assertThat(decodedValue(Fiql.eq("displayNameEn", "Lee, Ann; 50% & more +1"), "=="))
                    .isEqualTo("Lee, Ann; 50% & more +1");
        }
    }

    /** What Syncope's {@code SearchCondVisitor.getValue} makes of a value: one more decoding. */
    private static String decodedValue(Fiql condition, String operator) {
        String expression = condition.expression();
        String value = expression.substring(expression.indexOf(operator) + operator.length());
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
