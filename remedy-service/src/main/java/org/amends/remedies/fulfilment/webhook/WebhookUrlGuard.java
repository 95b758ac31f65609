package org.amends.remedies.fulfilment.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keeps webhook deliveries out of internal networks (server-side request forgery): {@code https} only in production
 * mode, no user info, and every address the host resolves to must be public, so never loopback (unless a test allows
 * it), private, link-local (which includes the cloud metadata address 169.254.169.254), carrier-grade NAT, unique-local
 * IPv6, multicast or unspecified. Checked at registration and again before each delivery, because a name's addresses
 * can change after registration (DNS rebinding). An IPv4 address is accepted only as a plain dotted quad, the one
 * spelling every resolver reads alike.
 */
final class WebhookUrlGuard {

    /** Resolves a host name to all its addresses; the JDK's resolver in production, a fixed table in unit tests. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** A host made only of numbers (decimal, octal with a leading 0, hex with 0x) separated by dots. */
    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");

    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");

    private final boolean productionMode;
    private final boolean allowLoopback;
    private final Resolver resolver;

    WebhookUrlGuard(boolean productionMode, boolean allowLoopback, Resolver resolver) {
        this.productionMode = productionMode;
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    static WebhookUrlGuard of(WebhookProperties properties) {
        return new WebhookUrlGuard(
                properties.productionMode(),
                properties.allowLoopback(),
                host -> List.of(InetAddress.getAllByName(host)));
    }

    /** The URL, if it is safe to deliver to; otherwise an {@link UnsafeWebhookUrlException} saying why. */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnsafeWebhookUrlException("is not a URL");
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (productionMode ? !scheme.equals("https") : !(scheme.equals("https") || scheme.equals("http"))) {
            throw new UnsafeWebhookUrlException(productionMode ? "must be an https URL" : "must be an http(s) URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeWebhookUrlException("must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            throw new UnsafeWebhookUrlException("must not carry a fragment");
        }
        var host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new UnsafeWebhookUrlException("must name a host");
        }
        // Resolvers disagree on "0177.0.0.1" (octal 127.0.0.1 to the C library, decimal 177.0.0.1 to the JDK) and on
        // one-number forms: accept an IPv4 address only in the one spelling every resolver reads the same way.
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            throw new UnsafeWebhookUrlException("must write an IP address as four decimal parts without leading zeros");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new UnsafeWebhookUrlException("host does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new UnsafeWebhookUrlException("host does not resolve");
        }
        for (var address : addresses) {
            var refusal = refusal(address);
            if (refusal != null) {
                throw new UnsafeWebhookUrlException("resolves to a " + refusal + " address");
            }
        }
        return uri;
    }

    private @Nullable String refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            var bytes = v6.getAddress();
            if (isIpv4Mapped(bytes)) {
                try {
                    return refusal(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
            if ((bytes[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
        }
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local or metadata";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        if (address instanceof Inet4Address) {
            var b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first >= 240) {
                return "reserved";
            }
        }
        return null;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
