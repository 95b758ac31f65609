package org.amends.benchmark;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Varied complaints as a busy contact centre files them: every channel, several products and error kinds, English
 * and Spanish, with a recurring billing mistake and a social-media flare-up among the everyday rest.
 */
final class Complaints {

    private record Template(
            String channel,
            String product,
            String errorKind,
            String impact,
            String locale,
            String summary,
            String description) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template(
                    "PARTNER",
                    "billing",
                    "CALCULATION",
                    "HIGH",
                    "en",
                    "Charged twice for the same invoice",
                    "The March invoice was charged twice to my card."),
            new Template(
                    "PHONE",
                    "billing",
                    "CALCULATION",
                    "HIGH",
                    "es",
                    "Cobro duplicado de la factura",
                    "Me habéis cobrado dos veces la factura de marzo."),
            new Template(
                    "EMAIL",
                    "billing",
                    "CALCULATION",
                    "MEDIUM",
                    "en",
                    "Late fee applied although I paid on time",
                    "I paid on the 2nd and still got a late fee."),
            new Template(
                    "SOCIAL",
                    "mobile-app",
                    "EXECUTION",
                    "HIGH",
                    "es",
                    "La app borró mis pedidos guardados",
                    "Tras la actualización la app ha borrado todos mis pedidos guardados. Estoy indignada."),
            new Template(
                    "SOCIAL",
                    "mobile-app",
                    "EXECUTION",
                    "HIGH",
                    "en",
                    "The update wiped my saved orders",
                    "After the update the app deleted every saved order. Terrible, angry customer here."),
            new Template(
                    "CHAT",
                    "delivery",
                    "EXECUTION",
                    "MEDIUM",
                    "en",
                    "Parcel delivered to the wrong address",
                    "The tracking says delivered but it went to another street."),
            new Template(
                    "WEB",
                    "delivery",
                    "MEASUREMENT",
                    "LOW",
                    "es",
                    "El paquete llegó con el peso equivocado",
                    "Pedí 5 kg y llegaron 3 kg."),
            new Template(
                    "PHONE",
                    "energy",
                    "MEASUREMENT",
                    "HIGH",
                    "en",
                    "Meter reading is ten times too high",
                    "My bill uses a meter reading ten times my real one."),
            new Template(
                    "EMAIL",
                    "insurance",
                    "APPRECIATION",
                    "MEDIUM",
                    "es",
                    "Reclamación rechazada sin motivo",
                    "Rechazasteis mi reclamación sin mirar las fotos que envié."),
            new Template(
                    "WEB",
                    "plans",
                    "CONCEPT",
                    "LOW",
                    "en",
                    "The plan does not do what the page promised",
                    "The page said unlimited calls abroad; it is not true."),
            new Template(
                    "CHAT",
                    "support",
                    "COMMUNICATION",
                    "MEDIUM",
                    "es",
                    "Nadie me devolvió la llamada",
                    "Me prometieron una llamada en 24 horas y nadie llamó."),
            new Template(
                    "PARTNER",
                    "logistics",
                    "OTHER",
                    "LOW",
                    "en",
                    "Return label never arrived",
                    "The return label was promised by email but never came."));

    private static final List<String> NAMES =
            List.of("Lucía Pérez", "Ana García", "Javier López", "Emma Smith", "Liam Jones", "Grace Taylor");

    private Complaints() {}

    /**
     * One complaint to file.
     *
     * @param json the request body
     * @param byPartner whether a partner system files it (else an agent, on the phone, email or chat)
     */
    record Complaint(String json, boolean byPartner) {}

    static Complaint next() {
        var random = ThreadLocalRandom.current();
        var template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
        var customer = random.nextInt(1_000_000);
        var social = template.channel().equals("SOCIAL");
        var contact = social
                ? "\"socialHandle\":\"@customer" + customer + "\",\"audienceSize\":" + random.nextInt(100, 200_000)
                        + ",\"email\":\"c" + customer + "@example.com\""
                : "\"email\":\"c" + customer + "@example.com\"";
        var json = "{\"channel\":\"" + template.channel() + "\",\"customer\":{\"name\":\""
                + NAMES.get(random.nextInt(NAMES.size())) + "\"," + contact + ",\"locale\":\"" + template.locale()
                + "\"},\"product\":\"" + template.product() + "\",\"errorKind\":\"" + template.errorKind()
                + "\",\"summary\":\"" + template.summary() + "\",\"description\":\"" + template.description()
                + "\",\"impact\":\"" + template.impact() + "\",\"orderReference\":\"ORD-" + random.nextInt(10_000_000)
                + "\"}";
        var byPartner = switch (template.channel()) {
            case "PARTNER", "WEB", "SOCIAL" -> true;
            default -> false;
        };
        return new Complaint(json, byPartner);
    }
}
