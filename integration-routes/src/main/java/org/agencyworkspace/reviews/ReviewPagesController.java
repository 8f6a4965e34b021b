package org.agencyworkspace.reviews;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agencyworkspace.config.WorkspaceProperties;
import org.agencyworkspace.security.CurrentUser;
import org.agencyworkspace.security.WorkspaceUser;
import org.agencyworkspace.security.stepup.StepUp;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The phone-first pages: the officer's list, set-up form and review page ({@code /reviews}), and
 * the member page, the same for staff members ({@code /reviews/{id}/member}) and guests
 * ({@code /guest/reviews/{id}}, behind the guests' own chain). Each form calls the same service
 * method as the API; a refusal is shown on the page with its problems.
 */
@Controller
class ReviewPagesController {

    private final Reviews reviews;
    private final CurrentReviewer reviewers;
    private final WorkspaceProperties workspace;
    private final StepUp stepUp;
    private final ReviewRecordSignatures signatures;

    ReviewPagesController(Reviews reviews, CurrentReviewer reviewers, WorkspaceProperties workspace,
            StepUp stepUp, ReviewRecordSignatures signatures) {
        this.stepUp = stepUp;
        this.signatures = signatures;
        this.reviews = reviews;
        this.reviewers = reviewers;
        this.workspace = workspace;
    }

    // ---- guests' home ---------------------------------------------------------------------

    @GetMapping("/guest")
    String guestHome(Model model) {
        model.addAttribute("reviews", reviews.reviewsOf(reviewers.get()));
        model.addAttribute("guest", GuestSignInController.principal());
        return "guest/home";
    }

    // ---- officers ---------------------------------------------------------------------------

    @GetMapping("/reviews")
    String index(Model model) {
        WorkspaceUser user = CurrentUser.get().orElseThrow();
        model.addAttribute("officer", reviews.isOfficer(user.login()));
        model.addAttribute("reviews", reviews.isOfficer(user.login()) ? reviews.listForOfficer(user) : List.of());
        model.addAttribute("memberOf", reviews.reviewsOf(reviewers.get()));
        return "reviews/index";
    }

    /**
     * The set-up form: candidates one per line {@code name | /path/in/files}; criteria
     * {@code name | weight | maximum}; members a staff login, or {@code e-mail | name | language}.
     */
    @PostMapping("/reviews")
    String create(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        List<String> problems = new ArrayList<>();
        Reviews.NewReview request = parse(form, problems);
        try {
            if (!problems.isEmpty()) {
                throw new ReviewException(ReviewException.Reason.INVALID, problems);
            }
            return "redirect:/reviews/" + reviews.create(request, CurrentUser.get().orElseThrow()).id();
        } catch (ReviewException e) {
            response.setStatus(status(e));
            model.addAttribute("problems", e.problems());
            return index(model);
        }
    }

    @GetMapping("/reviews/{id}")
    String show(@PathVariable String id, Model model) {
        Review review = refusedAsStatus(() -> reviews.get(id, CurrentUser.get().orElseThrow()));
        model.addAttribute("review", review);
        model.addAttribute("result", reviews.scoresOpened(id) ? reviews.result(id, CurrentUser.get().orElseThrow()) : null);
        model.addAttribute("signatures", review.recordSha256() == null ? null
                : signatures.status(id, CurrentUser.get().orElseThrow()));
        model.addAttribute("zone", workspace.timeZone());
        return "reviews/show";
    }

    @PostMapping("/reviews/{id}/{action:open|scores|decision|close}")
    String officerAction(@PathVariable String id, @PathVariable String action,
            @RequestParam(required = false) Integer winner, @RequestParam(required = false) String wording,
            Model model, HttpServletResponse response) {
        WorkspaceUser user = CurrentUser.get().orElseThrow();
        try {
            switch (action) {
                case "open" -> reviews.open(id, user);
                case "scores" -> reviews.openScores(id, user);
                case "decision" -> reviews.decide(id, winner, wording, user);
                default -> reviews.close(id, user);
            }
            return "redirect:/reviews/" + id;
        } catch (ReviewException e) {
            response.setStatus(status(e));
            model.addAttribute("problems", e.problems());
            return show(id, model);
        }
    }

    /** A member as the forms write one: a staff login, or {@code e-mail | name | language}. */
    private static Reviews.NewMember member(String line) {
        String[] parts = line.split("\\|", -1);
        return parts.length == 1 ? new Reviews.NewMember(parts[0].strip(), null, null, null)
                : new Reviews.NewMember(null, parts[0].strip(), parts[1].strip(),
                        parts.length > 2 && !parts[2].isBlank() ? parts[2].strip() : null);
    }

    /** Replaces a recused member with a substitute (a staff login or {@code e-mail | name | language}). */
    @PostMapping("/reviews/{id}/replace")
    String replace(@PathVariable String id, @RequestParam String code, @RequestParam String substitute,
            @RequestParam String reason, Model model, HttpServletResponse response) {
        try {
            reviews.replaceMember(id, code, member(substitute), reason, CurrentUser.get().orElseThrow());
            return "redirect:/reviews/" + id;
        } catch (ReviewException e) {
            response.setStatus(status(e));
            model.addAttribute("problems", e.problems());
            return show(id, model);
        }
    }

    // ---- members (staff and guests) ---------------------------------------------------------

    @GetMapping({"/guest/reviews/{id}", "/reviews/{id}/member"})
    String member(@PathVariable String id, Model model, HttpServletRequest request) {
        return memberPage(id, model, request.getServletPath());
    }

    private String memberPage(String id, Model model, String base) {
        Reviews.MemberView view = refusedAsStatus(() -> reviews.memberView(id, reviewers.get()));
        model.addAttribute("review", view);
        model.addAttribute("base", base);
        model.addAttribute("guest", base.startsWith("/guest/"));
        model.addAttribute("result", reviews.scoresOpened(id) ? reviews.result(id, reviewers.get()) : null);
        model.addAttribute("signedAt", signatures.signedAt(id, reviewers.get()).orElse(null));
        return "reviews/member";
    }

    /** A member of staff confirms their sign-in again before declaring or confirming the record. */
    @GetMapping("/reviews/{id}/member/verify")
    String verify(@PathVariable String id) {
        stepUp.require(); // not yet: StepUpChallenges sends the person to verify and back here
        return "redirect:/reviews/" + id + "/member";
    }

    @PostMapping({"/guest/reviews/{id}/{action:declare|check-in|sheet|confirm|sign}",
        "/reviews/{id}/member/{action:declare|check-in|sheet|confirm|sign}"})
    String memberAction(@PathVariable String id, @PathVariable String action,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        String base = request.getServletPath().substring(0, request.getServletPath().lastIndexOf('/'));
        try {
            switch (action) {
                case "declare" -> {
                    Map<Integer, Boolean> conflicts = new HashMap<>();
                    form.forEach((key, values) -> {
                        if (key.matches("conflict-\\d{1,3}")) {
                            conflicts.put(Integer.parseInt(key.substring(9)), "yes".equals(values.get(0)));
                        }
                    });
                    reviews.declare(id, conflicts, reviewers.withFactor(request, form.getFirst("code")));
                }
                case "check-in" -> reviews.checkIn(id, form.getFirst("mode"), reviewers.get());
                case "sheet" -> reviews.saveSheet(id, sheet(form), "submit".equals(form.getFirst("submit")),
                        reviewers.get());
                case "sign" -> signatures.sign(id, passphrase(form), reviewers.withFactor(request, form.getFirst("code")));
                default -> reviews.confirmRecord(id, form.getFirst("sha256"),
                        reviewers.withFactor(request, form.getFirst("code")));
            }
            return "redirect:" + base;
        } catch (ReviewException e) {
            response.setStatus(status(e));
            model.addAttribute("problems", e.problems());
            return memberPage(id, model, base);
        }
    }

    private static char[] passphrase(MultiValueMap<String, String> form) {
        String passphrase = form.getFirst("passphrase");
        return passphrase == null ? new char[0] : passphrase.toCharArray();
    }

    /** Scores typed as {@code score-<candidate>-<criterion>} and ranks as {@code rank-<candidate>}. */
    static Reviews.SheetInput sheet(MultiValueMap<String, String> form) {
        Map<Integer, Map<Integer, BigDecimal>> scores = new HashMap<>();
        Map<Integer, Integer> ranks = new HashMap<>();
        form.forEach((key, values) -> {
            String value = values.get(0) == null ? "" : values.get(0).strip();
            if (value.isEmpty()) {
                return;
            }
            try {
                if (key.matches("score-\\d{1,3}-\\d{1,3}")) {
                    String[] parts = key.split("-");
                    scores.computeIfAbsent(Integer.parseInt(parts[1]), c -> new HashMap<>())
                            .put(Integer.parseInt(parts[2]), new BigDecimal(value));
                } else if (key.matches("rank-\\d{1,3}")) {
                    ranks.put(Integer.parseInt(key.substring(5)), Integer.parseInt(value));
                }
            } catch (NumberFormatException e) {
                throw new ReviewException(ReviewException.Reason.INVALID, key + ": not a number");
            }
        });
        return new Reviews.SheetInput(scores, ranks);
    }

    private Reviews.NewReview parse(MultiValueMap<String, String> form, List<String> problems) {
        List<Reviews.NewCandidate> candidates = new ArrayList<>();
        for (String line : lines(form.getFirst("candidates"))) {
            String[] parts = line.split("\\|", -1);
            candidates.add(new Reviews.NewCandidate(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null));
        }
        List<Reviews.NewCriterion> criteria = new ArrayList<>();
        for (String line : lines(form.getFirst("criteria"))) {
            String[] parts = line.split("\\|", -1);
            try {
                criteria.add(new Reviews.NewCriterion(parts[0].strip(), new BigDecimal(parts[1].strip()),
                        new BigDecimal(parts[2].strip())));
            } catch (RuntimeException e) {
                problems.add("criteria: each line is name | weight | maximum score: " + line);
            }
        }
        List<Reviews.NewMember> members = new ArrayList<>();
        for (String line : lines(form.getFirst("members"))) {
            members.add(member(line));
        }
        ScoringMethod method = null;
        BigDecimal passMark = null;
        java.time.Instant meeting = null;
        java.time.Instant closes = null;
        try {
            method = form.getFirst("method") == null ? null : ScoringMethod.valueOf(form.getFirst("method"));
            passMark = blank(form.getFirst("passMark")) ? null : new BigDecimal(form.getFirst("passMark").strip());
            meeting = LocalDateTime.parse(form.getFirst("meetingAt")).atZone(workspace.timeZone()).toInstant();
            closes = LocalDateTime.parse(form.getFirst("closesAt")).atZone(workspace.timeZone()).toInstant();
        } catch (RuntimeException e) {
            problems.add("method, pass mark and times: choose a method, a number and two times");
        }
        return new Reviews.NewReview(form.getFirst("caseNumber"), form.getFirst("subject"), method, passMark,
                form.getFirst("level"), meeting, closes, "on".equals(form.getFirst("allowDownload")), candidates,
                criteria, members);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * A page that cannot be shown at all answers the refusal's status through the error page
     * (the refusal is audited where it was decided), never a server error.
     */
    private static <T> T refusedAsStatus(java.util.function.Supplier<T> page) {
        try {
            return page.get();
        } catch (ReviewException e) {
            throw new org.springframework.web.server.ResponseStatusException(
                    org.springframework.http.HttpStatus.valueOf(status(e)), e.getMessage());
        }
    }

    private static int status(ReviewException e) {
        return switch (e.reason()) {
            case INVALID -> 422;
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case GONE -> 410;
        };
    }
}
