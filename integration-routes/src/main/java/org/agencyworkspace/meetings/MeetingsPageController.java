package org.agencyworkspace.meetings;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.connector.video.Participant;
import org.agencyworkspace.connector.video.VideoBackend;
import org.agencyworkspace.connector.video.VideoMeeting;
import org.agencyworkspace.directory.StaffDirectory;
import org.agencyworkspace.platform.audit.AuditEvent;
import org.agencyworkspace.platform.audit.AuditTrail;
import org.agencyworkspace.platform.events.EventPublisher;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.stepup.StepUp;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The meetings pages (phone first): one's upcoming meetings and a form to schedule one; a
 * meeting's page; and joining, which hands the person their own video link. Only the organiser
 * and attendees may join (no guests); a classified meeting needs a recent step-up first.
 */
@Controller
class MeetingsPageController {

    private final Meetings meetings;
    private final ObjectProvider<VideoBackend> video;
    private final StepUp stepUp;
    private final StaffDirectory directory;
    private final AuditTrail audit;
    private final EventPublisher events;
    private final MeetingRefusals refusals;
    private final MeetingActions actions;
    private final MeetingAttendance attendance;

    MeetingsPageController(Meetings meetings, ObjectProvider<VideoBackend> video, StepUp stepUp,
            StaffDirectory directory, AuditTrail audit, EventPublisher events, MeetingRefusals refusals,
            MeetingActions actions, MeetingAttendance attendance) {
        this.attendance = attendance;
        this.meetings = meetings;
        this.video = video;
        this.stepUp = stepUp;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.refusals = refusals;
        this.actions = actions;
    }

    @GetMapping("/meetings")
    String list(Model model) {
        String login = CurrentUser.get().orElseThrow().login();
        model.addAttribute("meetings", meetings.upcoming(login, 50));
        model.addAttribute("rooms", meetings.rooms());
        model.addAttribute("levels", meetings.levels());
        model.addAttribute("service", meetings);
        return "meetings/list";
    }

    @PostMapping("/meetings")
    String schedule(@RequestParam String subject, @RequestParam LocalDateTime start,
            @RequestParam Integer durationMinutes, @RequestParam(defaultValue = "") String attendees,
            @RequestParam(defaultValue = "") String groups, @RequestParam(defaultValue = "") String room,
            @RequestParam(defaultValue = "") String level, RedirectAttributes redirect,
            HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        try {
            Meeting meeting = meetings.schedule(new Meetings.Request(subject, start, durationMinutes,
                    split(attendees), split(groups), room, level), login);
            return "redirect:/meetings/" + meeting.id();
        } catch (IllegalArgumentException | MeetingConflictException e) {
            refusals.record("meeting.schedule", login, null, e, http);
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/meetings";
        }
    }

    @GetMapping("/meetings/{id}")
    String show(@PathVariable String id, Model model) {
        String login = CurrentUser.get().orElseThrow().login();
        Meeting meeting = invited(id, login);
        model.addAttribute("meeting", meeting);
        model.addAttribute("service", meetings);
        model.addAttribute("classified", meetings.classified(meeting));
        model.addAttribute("canJoin", video.getIfAvailable() != null
                && meeting.status() == Meeting.Status.SCHEDULED);
        model.addAttribute("canChange", meeting.organizer().equals(login)
                && meeting.status() == Meeting.Status.SCHEDULED);
        model.addAttribute("actions", actions.of(meeting.id()));
        model.addAttribute("dialIn", meetings.dialIn(meeting).orElse(null));
        model.addAttribute("isOrganizer", meeting.organizer().equals(login));
        model.addAttribute("present", attendance.present(meeting.id()).contains(login));
        model.addAttribute("startLocal", meeting.start().atZone(meetings.zone()).toLocalDateTime());
        model.addAttribute("durationMinutes", java.time.Duration.between(meeting.start(), meeting.end()).toMinutes());
        return "meetings/show";
    }

    /** Moves the meeting (organiser only): the same change, notices, audit and event as the API's. */
    @PostMapping("/meetings/{id}/move")
    String move(@PathVariable String id, @RequestParam LocalDateTime start,
            @RequestParam(required = false) Integer durationMinutes, RedirectAttributes redirect,
            HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        Meeting meeting = invited(id, login, "meeting.move", http);
        try {
            meetings.move(meeting.id(), start, durationMinutes, login);
        } catch (IllegalArgumentException | MeetingConflictException e) {
            refusals.record("meeting.move", login, meeting.id(), e, http);
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/meetings/" + meeting.id();
    }

    /** Cancels the meeting (organiser only): the same change, notices, audit and event as the API's. */
    @PostMapping("/meetings/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes redirect, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        Meeting meeting = invited(id, login, "meeting.cancel", http);
        try {
            meetings.cancel(meeting.id(), login);
        } catch (IllegalArgumentException e) {
            refusals.record("meeting.cancel", login, meeting.id(), e, http);
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/meetings/" + meeting.id();
    }

    /** An invitee signs in as present in the room (簽到), as the API does. */
    @PostMapping("/meetings/{id}/check-in")
    String checkIn(@PathVariable String id, RedirectAttributes redirect, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        Meeting meeting = invited(id, login, "meeting.check-in", http);
        try {
            attendance.checkIn(meeting.id(), login);
            redirect.addFlashAttribute("checkedIn", true);
        } catch (MeetingRefusedException e) {
            refusals.record("meeting.check-in", login, meeting.id(), e, http);
            redirect.addFlashAttribute("error", String.join("; ", e.problems()));
        }
        return "redirect:/meetings/" + meeting.id();
    }

    /** Sends the action items of the filed minutes (organiser only), as the API does. */
    @PostMapping("/meetings/{id}/actions")
    String sendActions(@PathVariable String id, RedirectAttributes redirect, HttpServletRequest http) {
        String login = CurrentUser.get().orElseThrow().login();
        Meeting meeting = invited(id, login, "meeting.actions", http);
        try {
            MeetingActions.Sent sent = actions.send(meeting.id(), login);
            redirect.addFlashAttribute("sent", sent);
        } catch (MeetingRefusedException e) {
            refusals.record("meeting.actions", login, meeting.id(), e, http);
            redirect.addFlashAttribute("error", String.join("; ", e.problems()));
        }
        return "redirect:/meetings/" + meeting.id();
    }

    @GetMapping("/meetings/{id}/join")
    String join(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String login = CurrentUser.get().orElseThrow().login();
        Meeting meeting = invited(id, login, "meeting.join", request);
        VideoBackend backend = video.getIfAvailable();
        if (backend == null || meeting.status() != Meeting.Status.SCHEDULED) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no video room for this meeting");
        }
        if (meetings.classified(meeting)) {
            // answered by StepUpChallenges: re-authenticate, then back to this link
            stepUp.require();
        }
        boolean moderator = meeting.organizer().equals(login);
        String name = directory.find(login).map(StaffDirectory.StaffMember::displayNameEn).orElse(login);
        java.net.URI link = backend.joinLink(new VideoMeeting(meeting.id(), meeting.subject(),
                meeting.start(), meeting.end(), !meetings.classified(meeting)),
                new Participant(login, name, null), moderator);
        audit.record(AuditEvent.of("meeting.join", "process").actor(login, login)
                .target("meeting", meeting.id(), meeting.level())
                .source(request.getRemoteAddr(), request.getHeader("User-Agent"))
                .details(Map.of("moderator", String.valueOf(moderator), "backend", backend.name())).build());
        events.publish(new MeetingEvents.Joined(meeting.id(), login, moderator), login);
        return "redirect:" + link;
    }

    private Meeting invited(String id, String login) {
        return meetings.find(id).filter(meeting -> meeting.invited(login))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such meeting for you"));
    }

    /** The meeting if the person is invited; otherwise a 404, audited as a refused {@code action}. */
    private Meeting invited(String id, String login, String action, HttpServletRequest http) {
        try {
            return invited(id, login);
        } catch (ResponseStatusException refused) {
            refusals.record(action, login, id, refused, http);
            throw refused;
        }
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList();
    }
}
