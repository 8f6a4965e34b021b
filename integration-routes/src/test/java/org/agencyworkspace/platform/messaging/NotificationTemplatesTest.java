package org.agencyworkspace.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTemplatesTest {

    @Test
    void fillsNamedPlaceholdersAndKeepsUnknownOnesVisible() {
        assertThat(NotificationTemplates.fill("{connector} 無法連線：{detail} {missing}",
                Map.of("connector", "keycloak", "detail", "$1 \\ refused")))
                .isEqualTo("keycloak 無法連線：$1 \\ refused {missing}");
    }
}
