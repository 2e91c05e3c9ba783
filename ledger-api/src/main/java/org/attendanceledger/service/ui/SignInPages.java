package org.attendanceledger.service.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import org.attendanceledger.common.ErrorCode;
import org.attendanceledger.common.TextLimits;
import org.attendanceledger.service.security.AccessPolicy;
import org.attendanceledger.service.security.PageRefusals;
import org.attendanceledger.service.security.PageSignIn;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in with an API key (once; the session remembers who signed in), the start page, the page for refused form
 * posts, and a page for any other address under {@code /ui/}.
 */
@WebPage
public class SignInPages extends Pages {

    /** Session attributes: the name and position recorded on what the person records from the pages. */
    static final String ACTOR_NAME = "ledger.ui.actor.name";
    static final String ACTOR_POSITION = "ledger.ui.actor.position";
    /** An API key is at most this long (ours are far shorter); anything longer is refused unread. */
    static final int MAX_KEY_LENGTH = 500;

    private final PageSignIn signIn;

    public SignInPages(AccessPolicy access, PageSignIn signIn) {
        super(access);
        this.signIn = signIn;
    }

    @GetMapping("/ui/sign-in")
    String signInForm(@RequestParam(required = false) String signedOut, Model model) {
        model.addAttribute("signedOut", signedOut != null);
        return "ui/sign-in";
    }

    @PostMapping("/ui/sign-in")
    String signIn(@RequestParam(defaultValue = "") String apiKey, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String position, Model model, HttpServletRequest request,
                  HttpServletResponse response) {
        List<PageError> errors = new ArrayList<>();
        if (apiKey.isBlank()) {
            errors.add(PageError.of(ErrorCode.UNAUTHENTICATED, "apiKey", "Enter your API key"));
        } else if (apiKey.length() > MAX_KEY_LENGTH) {
            errors.add(PageError.of(ErrorCode.UNAUTHENTICATED, "apiKey", "That is not an active API key"));
        }
        TextLimits.problem("name", name).ifPresent(p ->
                errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, "name", "Your name " + p)));
        TextLimits.problem("position", position).ifPresent(p ->
                errors.add(PageError.of(ErrorCode.VALIDATION_FAILED, "position", "Your position " + p)));
        if (errors.isEmpty() && signIn.signIn(apiKey, request, response).isEmpty()) {
            errors.add(PageError.of(ErrorCode.UNAUTHENTICATED, "apiKey", "That is not an active API key"));
        }
        if (!errors.isEmpty()) {
            response.setStatus(errors.get(0).code().equals(ErrorCode.UNAUTHENTICATED.name())
                    ? HttpStatus.UNAUTHORIZED.value() : HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", errors);
            model.addAttribute("name", name);
            model.addAttribute("position", position);
            return "ui/sign-in";
        }
        HttpSession session = request.getSession();
        session.setAttribute(ACTOR_NAME, name.strip());
        session.setAttribute(ACTOR_POSITION, position.strip());
        return "redirect:/ui/";
    }

    @GetMapping({"/ui", "/ui/"})
    String home(Model model) {
        model.addAttribute("mayReadFeed", mayRead("/api/v1/audit/events"));
        return "ui/home";
    }

    /** Spring Security forwards refused form posts here (see {@link PageRefusals}); the status is already 403. */
    @RequestMapping(PageRefusals.REFUSED_PAGE)
    String refusedForm(HttpServletRequest request, Model model, HttpServletResponse response) {
        boolean formExpired = request.getAttribute(PageRefusals.REFUSAL) == PageRefusals.Refusal.FORM_EXPIRED;
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("status", HttpStatus.FORBIDDEN.value());
        model.addAttribute("heading", formExpired ? "The form could not be accepted" : "You cannot see this page");
        model.addAttribute("errors", List.of(formExpired
                ? PageError.of(ErrorCode.FORBIDDEN, null, "The form was sent without its security token, or with "
                + "an old one: nothing was recorded. Go back, reload the page and try again.")
                : PageError.of(ErrorCode.FORBIDDEN, null, "Your key's role or scope does not cover this request.")));
        return ERROR_VIEW;
    }

    /** Any other address under /ui/ is a page saying so (the API's unknown paths stay problem+json). */
    @RequestMapping("/ui/**")
    String unknown(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        model.addAttribute("heading", "Page not found");
        model.addAttribute("errors", List.of(PageError.of(ErrorCode.NOT_FOUND, null,
                "There is no page at this address. Check it, or start again from the start page.")));
        return ERROR_VIEW;
    }
}
