package org.attendanceledger.service.http;

import java.beans.PropertyEditorSupport;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.attendanceledger.calendar.Session;
import org.attendanceledger.calendar.SessionScope;
import org.attendanceledger.common.TextLimits;
import org.attendanceledger.roll.api.DeletionGround;
import org.attendanceledger.staff.api.GrantScope;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Path and query values are read as strictly as bodies (StrictRequestJson): an enum constant named exactly, a date as
 * yyyy-MM-dd within the ledger's years, and nothing else. Enums need an editor: when the conversion service refuses
 * {@code "AM "}, Spring's binder falls back to a conversion of its own that trims, so {@code /AM%20/amendments} would
 * amend AM.
 */
@ControllerAdvice
public class StrictPathValues implements WebMvcConfigurer {

    /** Every enum the API takes in a path or a query. */
    static final List<Class<? extends Enum<?>>> ENUMS = List.of(Session.class, SessionScope.class,
            DeletionGround.class, GrantScope.class);

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, LocalDate.class, StrictPathValues::date);
    }

    @InitBinder
    void exactEnums(WebDataBinder binder) {
        ENUMS.forEach(type -> binder.registerCustomEditor(type, new ExactEnum(type)));
    }

    static LocalDate date(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        TextLimits.problem(date).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return date;
    }

    static final class ExactEnum extends PropertyEditorSupport {

        private final Class<? extends Enum<?>> type;

        ExactEnum(Class<? extends Enum<?>> type) {
            this.type = type;
        }

        @Override
        public void setAsText(String text) {
            for (Enum<?> constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    setValue(constant);
                    return;
                }
            }
            throw new IllegalArgumentException("not one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
