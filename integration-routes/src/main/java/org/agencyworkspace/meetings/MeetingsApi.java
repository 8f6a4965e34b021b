package org.agencyworkspace.meetings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;
import java.util.Map;
import org.agencyworkspace.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Meetings over HTTP: schedule, look, move, cancel. Times are local to the workspace's zone
 * (Asia/Taipei), as {@code 2026-12-08T10:00}. Join links are not in any answer: people join
 * through {@code /meetings/{id}/join}.
 */
@RestController
@Tag(name = "Meetings")
class MeetingsApi {

    /**
     * A move.
     *
     * @param start new start, local time
     * @param durationMinutes new length; the old one when absent
     */
    record MoveRequest(LocalDateTime start, Integer durationMinutes) {
    }

    private final Meetings meetings;
    private final MeetingActions actions;
    private final MeetingRefusals refusals;
    private final MeetingAttendance attendance;

    MeetingsApi(Meetings meetings, MeetingActions actions, MeetingRefusals refusals,
            MeetingAttendance attendance) {
        this.attendance = attendance;
        this.meetings = meetings;
        this.actions = actions;
        this.refusals = refusals;
    }

    @PostMapping("/api/meetings")
    @Operation(summary = "Schedule a meeting: books the room, opens the video room, queues"
            + " CalDAV invitations and tells the meeting's chat room")
    ResponseEntity<Meeting> schedule(@RequestBody Meetings.Request request, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(meetings.schedule(request, login));
        } catch (IllegalArgumentException | MeetingConflictException e) {
            refusals.record("meeting.schedule", login, null, e, http);
            throw e;
        }
    }

    @GetMapping("/api/meetings/{id}")
    @Operation(summary = "One meeting, for its organiser and attendees")
    ResponseEntity<Meeting> get(@PathVariable String id) {
        String login = CurrentUser.get().orElseThrow().login();
        return meetings.find(id).filter(meeting -> meeting.invited(login))
                .map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @PutMapping("/api/meetings/{id}/time")
    @Operation(summary = "Move a meeting (organiser only); calendars get the next SEQUENCE")
    Meeting move(@PathVariable String id, @RequestBody MoveRequest request, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        try {
            return meetings.move(id, request.start(), request.durationMinutes(), login);
        } catch (IllegalArgumentException | MeetingConflictException e) {
            refusals.record("meeting.move", login, id, e, http);
            throw e;
        }
    }

    @DeleteMapping("/api/meetings/{id}")
    @Operation(summary = "Cancel a meeting (organiser only); calendars get METHOD:CANCEL")
    Meeting cancel(@PathVariable String id, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        try {
            return meetings.cancel(id, login);
        } catch (IllegalArgumentException e) {
            refusals.record("meeting.cancel", login, id, e, http);
            throw e;
        }
    }

    @PostMapping("/api/meetings/{id}/actions")
    @Operation(summary = "Send the action items of the meeting's filed minutes (organiser only):"
            + " items naming who decides become approval requests, the others tasks for their owners")
    MeetingActions.Sent sendActions(@PathVariable String id, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        try {
            return actions.send(id, login);
        } catch (MeetingRefusedException e) {
            refusals.record("meeting.actions", login, id, e, http);
            throw e;
        }
    }

    @PostMapping("/api/meetings/{id}/check-in")
    @Operation(summary = "Sign in as present in the room (簽到), invitees only, while the meeting runs;"
            + " recorded once as attendance")
    Map<String, Object> checkIn(@PathVariable String id, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        try {
            return Map.of("present", true, "first", attendance.checkIn(id, login));
        } catch (MeetingRefusedException e) {
            refusals.record("meeting.check-in", login, id, e, http);
            throw e;
        }
    }
}
