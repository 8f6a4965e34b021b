package org.agencyworkspace.chat.builtin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.agencyworkspace.chat.ChatCommand;
import org.agencyworkspace.chat.CommandContext;
import org.agencyworkspace.chat.CommandResult;
import org.agencyworkspace.platform.messaging.NotificationTemplates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code !clockin}: records that the sender starts work now, once per day (Taipei time), in
 * {@code attendance_entry}. A plain record: no location, no device check, no working-hours
 * rules; the remote clock-in workflow is expected to replace it by registering its own
 * {@code clockin} command.
 */
@Component
public class ClockInCommand implements ChatCommand {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;
    private final NotificationTemplates texts;
    private final Clock clock;

    public ClockInCommand(JdbcClient jdbc, NotificationTemplates texts, Clock clock) {
        this.jdbc = jdbc;
        this.texts = texts;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "clockin";
    }

    @Override
    public String usage() {
        return "!clockin";
    }

    @Override
    public String description(Locale locale) {
        return texts.text("chat.help.clockin", Map.of(), locale);
    }

    @Override
    @Transactional
    public CommandResult handle(CommandContext context) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(TAIPEI).toLocalDate();
        Optional<OffsetDateTime> earlier = jdbc.sql("""
                SELECT recorded_at FROM attendance_entry WHERE login = :login
                    AND recorded_at >= :from ORDER BY recorded_at FETCH FIRST 1 ROWS ONLY
                """)
                .param("login", context.login())
                .param("from", today.atStartOfDay(TAIPEI).toOffsetDateTime())
                .query(OffsetDateTime.class).optional();
        if (earlier.isPresent()) {
            return CommandResult.done(texts.text("chat.clockin.already",
                    Map.of("time", TIME.format(earlier.get().atZoneSameInstant(TAIPEI))),
                    context.locale()));
        }
        jdbc.sql("INSERT INTO attendance_entry (id, login, recorded_at, source) "
                        + "VALUES (:id, :login, :now, 'matrix')")
                .param("id", UUID.randomUUID().toString())
                .param("login", context.login())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        return CommandResult.done(texts.text("chat.clockin.done",
                Map.of("time", TIME.format(now.atZone(TAIPEI))), context.locale()));
    }
}
