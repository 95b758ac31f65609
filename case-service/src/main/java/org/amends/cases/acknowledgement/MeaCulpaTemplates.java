package org.amends.cases.acknowledgement;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import org.amends.cases.lifecycle.model.Case;
import org.amends.cases.lifecycle.model.ErrorKind;

/**
 * Renders the mea-culpa message in the customer's language: it names the mistake in plain words (its kind, the product,
 * the customer's own summary), says it was ours, and says what happens next and by when. No excuses, no script.
 */
public final class MeaCulpaTemplates {

    private static final Map<ErrorKind, String> KIND_EN = Map.of(
            ErrorKind.CONCEPT, "a mistake in how we designed it",
            ErrorKind.CALCULATION, "a calculation mistake",
            ErrorKind.MEASUREMENT, "a measurement mistake",
            ErrorKind.APPRECIATION, "a wrong judgement on our part",
            ErrorKind.EXECUTION, "a mistake in how we carried it out",
            ErrorKind.COMMUNICATION, "a mistake in what we told you",
            ErrorKind.OTHER, "a mistake");

    private static final Map<ErrorKind, String> KIND_ES = Map.of(
            ErrorKind.CONCEPT, "un error en cómo lo diseñamos",
            ErrorKind.CALCULATION, "un error de cálculo",
            ErrorKind.MEASUREMENT, "un error de medición",
            ErrorKind.APPRECIATION, "un error de apreciación por nuestra parte",
            ErrorKind.EXECUTION, "un error en cómo lo llevamos a cabo",
            ErrorKind.COMMUNICATION, "un error en lo que le comunicamos",
            ErrorKind.OTHER, "un error");

    private static final String EN = """
            Dear %s,

            We made %s with your %s: "%s". That was our fault, not yours, and we are sorry.

            Your case %s is with our team now. Next, we will find out exactly what went wrong and put it right, \
            and we will tell you what we did by %s at the latest. You do not need to do anything else.""";

    private static final String ES = """
            Estimado/a %s:

            Cometimos %s con su %s: «%s». Fue culpa nuestra, no suya, y lo sentimos.

            Su caso %s ya está en manos de nuestro equipo. Ahora averiguaremos exactamente qué falló y lo \
            repararemos, y le contaremos lo que hicimos a más tardar el %s. No necesita hacer nada más.""";

    /** The message for the case, in Spanish when the customer's locale is {@code es}, in English otherwise. */
    public String render(Case aCase) {
        var spanish = "es".equals(aCase.customer().locale());
        var complaint = aCase.complaint();
        var kinds = spanish ? KIND_ES : KIND_EN;
        return (spanish ? ES : EN)
                .formatted(
                        aCase.customer().name(),
                        kinds.get(complaint.errorKind()),
                        complaint.product(),
                        complaint.summary(),
                        aCase.reference(),
                        date(aCase.resolveDueAt(), spanish ? Locale.forLanguageTag("es") : Locale.ENGLISH));
    }

    private static String date(Instant instant, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(ZoneOffset.UTC)
                        .format(instant)
                + " UTC";
    }
}
