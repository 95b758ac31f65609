package org.amends.gateway.correlation;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

/** The correlation id of one call: the caller's, when it is well formed, or one minted here. */
public final class CorrelationId {

    /** The header that carries it, to the services and back to the caller. */
    public static final String HEADER = "X-Correlation-Id";

    /** The MDC key the id is logged under. */
    public static final String MDC_KEY = "correlationId";

    static final String ATTRIBUTE = CorrelationId.class.getName();

    // Anything else is replaced rather than echoed: the id ends up in logs and headers, so it must be short and inert.
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {}

    /** The caller's id if well formed, else a new UUID. */
    static String acceptOrMint(@Nullable String offered) {
        if (offered != null && WELL_FORMED.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of this exchange (set by the first filter every request passes). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : acceptOrMint(exchange.getRequest().getHeaders().getFirst(HEADER));
    }

    /**
     * Puts this exchange's id in the MDC until closed: {@code try (var logged = CorrelationId.inLog(exchange))} around
     * a log line about the exchange. The gateway sets it by hand where it logs, instead of having Reactor restore the
     * MDC at every operator ({@code spring.reactor.context-propagation=auto} cost about a tenth of its CPU).
     */
    public static MDC.MDCCloseable inLog(ServerWebExchange exchange) {
        return MDC.putCloseable(MDC_KEY, of(exchange));
    }
}
