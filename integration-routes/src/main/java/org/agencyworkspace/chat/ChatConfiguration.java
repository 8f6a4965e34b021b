package org.agencyworkspace.chat;

import java.util.List;
import org.agencyworkspace.config.MatrixProperties;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.agencyworkspace.connector.matrix.AppServiceRegistration;
import org.agencyworkspace.connector.matrix.MatrixClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The application service's Client-Server client, built when both the homeserver
 * ({@code workspace.connectors.matrix.homeserver-url}) and the {@code as_token}
 * ({@code workspace.chat.as-token}) are configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${workspace.chat.as-token:}' != '' "
        + "&& '${workspace.connectors.matrix.homeserver-url:}' != ''")
public class ChatConfiguration {

    @Bean
    MatrixClient matrixBot(MatrixProperties matrix, ChatProperties chat) {
        if (matrix.serverName() == null || matrix.serverName().isBlank()) {
            throw new IllegalStateException(
                    "workspace.connectors.matrix.server-name is required with workspace.chat.as-token");
        }
        return MatrixClient.builder()
                .homeserverUrl(matrix.homeserverUrl())
                .accessToken(chat.asToken())
                .connectTimeout(matrix.connectTimeout())
                .requestTimeout(matrix.requestTimeout())
                .build();
    }

    @Bean
    OrgChart orgChart(JdbcClient jdbc) {
        return new OrgChart(jdbc);
    }

    @Bean
    ChatRooms chatRooms(MatrixClient matrixBot, MatrixProperties matrix, ChatProperties chat,
            OrgChart orgChart) {
        return new ChatRooms(matrixBot, matrix.serverName(), chat, orgChart);
    }

    @Bean
    MatrixRoomMembers matrixRoomMembers(MatrixClient matrixBot, ChatRooms chatRooms) {
        return new MatrixRoomMembers(matrixBot, chatRooms);
    }

    @Bean
    ChatCommands chatCommands(List<ChatCommand> commands, MatrixClient matrixBot, ChatRooms chatRooms,
            ChatInbox inbox, StaffDirectory directory, NotificationTemplates texts, AuditTrail audit,
            WorkspaceProperties workspace) {
        return new ChatCommands(commands, matrixBot, chatRooms, inbox, directory, texts, audit,
                workspace);
    }

    @Bean
    AppServiceRegistrationFile appServiceRegistrationFile(MatrixProperties matrix, ChatProperties chat,
            WorkspaceProperties workspace) {
        return new AppServiceRegistrationFile(AppServiceRegistration.forBot(chat.appserviceId(),
                chat.appserviceUrl(), chat.asToken(), chat.hsToken(), chat.botLocalpart(),
                chat.userPrefix(), chat.aliasPrefix(), matrix.serverName()), workspace.dataDir());
    }

    @Bean
    AppServicePing appServicePing(MatrixClient matrixBot, ChatProperties chat) {
        return new AppServicePing(matrixBot, chat.appserviceId());
    }

    @Bean
    ChatEventRoutes chatEventRoutes(ChatProperties chat, ChatInbox inbox, ChatCommands commands) {
        return new ChatEventRoutes(chat, inbox, commands);
    }

    @Bean
    OrgChartRooms orgChartRooms(MatrixClient matrixBot, ChatRooms chatRooms, OrgChart orgChart,
            ChatProperties chat) {
        return new OrgChartRooms(matrixBot, chatRooms, orgChart::departmentCodes, chat.securityRole());
    }
}
