package org.linedesk.rating;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.linedesk.core.FieldError;
import org.linedesk.core.InvalidInputException;
import org.linedesk.core.AddressRateLimit;
import org.linedesk.core.Problems;
import org.linedesk.rating.RatingTokens.RefusedToken;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The public page a rating link opens (no login): CSRF-protected like the web form, a per-address rate
 * limit on ratings, the request size limit of every public page, and the customer's comment shown back
 * only as text. In the customer's language (the one their ticket has, else the browser's). A bad link
 * gets a page that says so. The same address speaks JSON (send the page's CSRF token as X-CSRF-TOKEN).
 */
@Controller
@RequestMapping("/rate")
class RatingPageController {

    private static final String NUMBER = "{number:[A-Z][A-Z0-9]*-[0-9]+}";

    private final Ratings ratings;
    private final RatingSettings settings;
    private final MessageSource messages;
    private final AddressRateLimit limit;

    RatingPageController(Ratings ratings, RatingSettings settings, MessageSource messages) {
        this.ratings = ratings;
        this.settings = settings;
        this.messages = messages;
        this.limit = new AddressRateLimit(settings.requestsPerWindow(), settings.window());
    }

    /** A link cut short (no token). */
    @GetMapping("/" + NUMBER)
    String incomplete(Model model, HttpServletRequest request, HttpServletResponse response) {
        return refused(new RefusedToken(RatingTokens.Refusal.MISSING), null, model, request, response);
    }

    /** The page; {@code quality} (a score clicked in the e-mail) is pre-selected and recorded by the page's script. */
    @GetMapping("/" + NUMBER + "/{token}")
    String page(@PathVariable String number, @PathVariable String token, @RequestParam(required = false) String quality,
                @RequestParam(required = false) String saved, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        Ratings.RatingView view;
        try {
            view = ratings.view(number, token);
        } catch (RefusedToken e) {
            return refused(e, null, model, request, response);
        }
        Integer clicked = score(quality);
        model.addAttribute("token", token);
        show(view, model, request);
        model.addAttribute("quality", clicked != null ? clicked : view.quality());
        model.addAttribute("speed", view.speed());
        model.addAttribute("comment", view.comment());
        model.addAttribute("saved", saved != null && view.quality() != null);
        model.addAttribute("autoSubmit", clicked != null && !clicked.equals(view.quality()));
        return "rating/page";
    }

    @PostMapping(value = "/" + NUMBER + "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String rate(@PathVariable String number, @PathVariable String token, @RequestParam(required = false) String quality,
                @RequestParam(required = false) String speed, @RequestParam(required = false) String comment,
                Model model, HttpServletRequest request, HttpServletResponse response) {
        Ratings.RatingView view;
        try {
            view = ratings.view(number, token);
        } catch (RefusedToken e) {
            return refused(e, null, model, request, response);
        }
        model.addAttribute("token", token);
        show(view, model, request);
        model.addAttribute("quality", score(quality));
        model.addAttribute("speed", score(speed));
        model.addAttribute("comment", comment);
        model.addAttribute("saved", false);
        model.addAttribute("autoSubmit", false);
        if (!limit.allows(request)) {
            model.addAttribute("problems", List.of(text(model, "rating.limited")));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "rating/page";
        }
        try {
            ratings.rate(number, token, parse(quality), parse(speed), comment);
        } catch (InvalidInputException e) {
            model.addAttribute("problems", e.errors().stream().map(f -> problem(f, comment, model)).toList());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "rating/page";
        } catch (RefusedToken e) { // expired between showing and saving
            return refused(e, view.language(), model, request, response);
        }
        return "redirect:/rate/" + number + "/" + token + "?saved";
    }

    /** The JSON twin: {quality, speed, comment}; answers the rating as stored, or a problem naming the field. */
    @PostMapping(value = "/" + NUMBER + "/{token}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<?> rateJson(@PathVariable String number, @PathVariable String token, @RequestBody RatingRequest body,
                               HttpServletRequest request) {
        if (!limit.allows(request)) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header("Retry-After", String.valueOf(settings.window().toSeconds()))
                    .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "At most "
                            + settings.requestsPerWindow() + " ratings per " + settings.window() + " from one address"));
        }
        try {
            return ResponseEntity.ok(Ratings.json(ratings.rate(number, token, body.quality(), body.speed(), body.comment())));
        } catch (RefusedToken e) {
            throw new InvalidInputException("token", e.refusal().reason());
        }
    }

    record RatingRequest(Integer quality, Integer speed, String comment) {
    }

    private void show(Ratings.RatingView view, Model model, HttpServletRequest request) {
        Locale locale = locale(view.language(), request);
        model.addAttribute("locale", locale.getLanguage());
        model.addAttribute("view", view);
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(ZoneId.of("UTC"));
        model.addAttribute("t", texts(locale, view.ticketNumber(), date.format(view.answeredAt()),
                date.format(view.validUntil()), view.quality(), view.speed()));
    }

    private String refused(RefusedToken e, String language, Model model, HttpServletRequest request,
                           HttpServletResponse response) {
        Locale locale = locale(language, request);
        model.addAttribute("locale", locale.getLanguage());
        model.addAttribute("title", messages.getMessage("rating.refused.title", null, locale));
        model.addAttribute("reason", messages.getMessage("rating.refused." + e.refusal().name(), null, locale));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return "rating/refused";
    }

    /** Every text of the page in the customer's language. */
    private Map<String, String> texts(Locale locale, String number, String answered, String until, Integer quality,
                                      Integer speed) {
        Map<String, String> t = new LinkedHashMap<>();
        for (String key : List.of("title", "quality", "speed", "comment", "save", "saved", "recording",
                "score.1", "score.2", "score.3", "score.4", "score.5")) {
            t.put(key, messages.getMessage("rating." + key, null, locale));
        }
        t.put("intro", messages.getMessage("rating.intro", new Object[] {number, answered}, locale));
        t.put("savedMore", messages.getMessage("rating.saved.more", new Object[] {until}, locale));
        t.put("current", quality == null ? "" : messages.getMessage("rating.current", new Object[] {String.valueOf(quality)}, locale)
                + (speed == null ? "" : " " + messages.getMessage("rating.current.speed", new Object[] {String.valueOf(speed)}, locale)));
        t.put("limited", messages.getMessage("rating.limited", null, locale));
        t.put("error.quality", messages.getMessage("rating.error.quality", null, locale));
        t.put("error.speed", messages.getMessage("rating.error.speed", null, locale));
        t.put("locale", locale.getLanguage());
        return t;
    }

    @SuppressWarnings("unchecked")
    private static String text(Model model, String key) {
        return ((Map<String, String>) model.getAttribute("t")).get(key.substring("rating.".length()));
    }

    private String problem(FieldError error, String comment, Model model) {
        return switch (error.field()) {
            case "quality" -> text(model, "rating.error.quality");
            case "speed" -> text(model, "rating.error.speed");
            case "comment" -> messages.getMessage("rating.error.comment",
                    new Object[] {String.valueOf(comment == null ? 0 : comment.strip().length())},
                    Locale.forLanguageTag(text(model, "rating.locale")));
            default -> error.field() + ": " + error.reason();
        };
    }

    private static Locale locale(String language, HttpServletRequest request) {
        String wanted = language != null ? language : request.getLocale() == null ? "en" : request.getLocale().getLanguage();
        return "ru".equals(Locale.forLanguageTag(wanted).getLanguage()) ? Locale.forLanguageTag("ru") : Locale.ENGLISH;
    }

    /** A score from a link or the form; anything else is "not given" here and named by the service. */
    private static Integer score(String value) {
        Integer n = parse(value);
        return n != null && n >= 1 && n <= 5 ? n : null;
    }

    /** A number as given (out of range is the service's to refuse); not a number: 0, refused as out of range. */
    private static Integer parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

}
