package org.amends.remedies.fulfilment.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The SSRF guard over whole address ranges and every way of writing an address: an internal address is refused however
 * it is spelled (dotted quad, one decimal number, octal or hex parts, IPv4-mapped IPv6, a name resolving to it among
 * public ones); a public one written plainly is accepted. Only literals and a fixed table are resolved: no lookups.
 */
class WebhookUrlGuardPropertyTest {

    final WebhookUrlGuard production = new WebhookUrlGuard(true, false, this::resolve);

    /** {@code inside.example} resolves to a public address and then the address under test. */
    private String insideAddress = "127.0.0.1";

    private List<InetAddress> resolve(String host) throws java.net.UnknownHostException {
        if (host.equals("inside.example")) {
            return List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName(insideAddress));
        }
        return List.of(InetAddress.getAllByName(host));
    }

    @Property(tries = 1000)
    void anInternalIpv4AddressIsRefusedHoweverItIsWritten(
            @ForAll("internalIpv4") int[] address, @ForAll("spellings") Spelling spelling) {
        var url = "https://" + spelling.write(address) + ":8443/hooks";

        assertThatThrownBy(() -> production.check(url)).as(url).isInstanceOf(UnsafeWebhookUrlException.class);
    }

    @Property(tries = 300)
    void aNameResolvingToAnInternalAddressAmongPublicOnesIsRefused(@ForAll("internalIpv4") int[] address) {
        insideAddress = Spelling.DOTTED.write(address);

        assertThatThrownBy(() -> production.check("https://inside.example/hooks"))
                .isInstanceOf(UnsafeWebhookUrlException.class)
                .hasMessageStartingWith("resolves to a");
    }

    @Property(tries = 500)
    void aPublicAddressWrittenPlainlyIsAccepted(@ForAll("publicIpv4") int[] address) {
        var host = Spelling.DOTTED.write(address);

        assertThat(production.check("https://" + host + "/hooks").getHost()).isEqualTo(host);
    }

    @Property(tries = 300)
    void uniqueLocalAndLinkLocalIpv6AreRefused(@ForAll("internalIpv6") String address) {
        assertThatThrownBy(() -> production.check("https://[" + address + "]/hooks"))
                .isInstanceOf(UnsafeWebhookUrlException.class);
    }

    /** Ways of writing an IPv4 address in a URL that some resolver or other takes for that address. */
    enum Spelling {
        DOTTED,
        DECIMAL,
        OCTAL_PARTS,
        HEX_PARTS,
        ZERO_PADDED,
        IPV4_MAPPED_IPV6,
        IPV4_COMPATIBLE_HEX_IPV6;

        String write(int[] a) {
            long number = ((long) a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
            return switch (this) {
                case DOTTED -> a[0] + "." + a[1] + "." + a[2] + "." + a[3];
                case DECIMAL -> Long.toString(number);
                case OCTAL_PARTS ->
                    "0" + Integer.toOctalString(a[0]) + ".0" + Integer.toOctalString(a[1]) + ".0"
                            + Integer.toOctalString(a[2]) + ".0" + Integer.toOctalString(a[3]);
                case HEX_PARTS ->
                    "0x" + Integer.toHexString(a[0]) + ".0x" + Integer.toHexString(a[1]) + ".0x"
                            + Integer.toHexString(a[2]) + ".0x" + Integer.toHexString(a[3]);
                case ZERO_PADDED -> "%03d.%03d.%03d.%03d".formatted(a[0], a[1], a[2], a[3]);
                case IPV4_MAPPED_IPV6 -> "[::ffff:" + a[0] + "." + a[1] + "." + a[2] + "." + a[3] + "]";
                case IPV4_COMPATIBLE_HEX_IPV6 -> "[::ffff:%x:%x]".formatted((a[0] << 8) | a[1], (a[2] << 8) | a[3]);
            };
        }
    }

    @Provide
    Arbitrary<Spelling> spellings() {
        return Arbitraries.of(Spelling.class);
    }

    @Provide
    Arbitrary<int[]> internalIpv4() {
        var octet = Arbitraries.integers().between(0, 255);
        return Arbitraries.oneOf(
                Combinators.combine(octet, octet, octet).as((b, c, d) -> new int[] {127, b, c, d}),
                Combinators.combine(octet, octet, octet).as((b, c, d) -> new int[] {10, b, c, d}),
                Combinators.combine(Arbitraries.integers().between(16, 31), octet, octet)
                        .as((b, c, d) -> new int[] {172, b, c, d}),
                Combinators.combine(octet, octet).as((c, d) -> new int[] {192, 168, c, d}),
                Combinators.combine(octet, octet).as((c, d) -> new int[] {169, 254, c, d}),
                Combinators.combine(Arbitraries.integers().between(64, 127), octet, octet)
                        .as((b, c, d) -> new int[] {100, b, c, d}),
                Combinators.combine(octet, octet, octet).as((b, c, d) -> new int[] {0, b, c, d}),
                Arbitraries.just(new int[] {169, 254, 169, 254}));
    }

    /** Addresses outside every special-purpose range the guard knows. */
    @Provide
    Arbitrary<int[]> publicIpv4() {
        var octet = Arbitraries.integers().between(0, 255);
        return Combinators.combine(Arbitraries.integers().between(1, 223), octet, octet, octet)
                .as((a, b, c, d) -> new int[] {a, b, c, d})
                .filter(a -> a[0] != 10
                        && a[0] != 127
                        && !(a[0] == 172 && a[1] >= 16 && a[1] <= 31)
                        && !(a[0] == 192 && a[1] == 168)
                        && !(a[0] == 169 && a[1] == 254)
                        && !(a[0] == 100 && a[1] >= 64 && a[1] <= 127)
                        && !(a[0] == 198 && (a[1] == 18 || a[1] == 19)));
    }

    @Provide
    Arbitrary<String> internalIpv6() {
        var group = Arbitraries.integers().between(0, 0xffff).map(Integer::toHexString);
        return Combinators.combine(
                        Arbitraries.of("fc", "fd", "fe8", "fe9", "fea", "feb"),
                        Arbitraries.integers().between(0, 0xff),
                        group,
                        group)
                .as((prefix, next, g, h) -> prefix
                        + (prefix.length() == 2 ? "%02x".formatted(next) : "%x".formatted(next & 0xf)) + "::" + g
                        + ":" + h);
    }
}
