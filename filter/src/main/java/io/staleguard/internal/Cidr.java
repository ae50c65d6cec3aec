package io.staleguard.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is a single host).
 * Only literals are accepted, so parsing never does a DNS lookup.
 */
public final class Cidr {

    private final byte[] network;
    private final int prefixBits;

    private Cidr(byte[] network, int prefixBits) {
        this.network = network;
        this.prefixBits = prefixBits;
    }

    /** @throws ConfigException if an item is not an address literal with an optional prefix length in range */
    public static List<Cidr> parseAll(ConfigReader.Value value) {
        List<Cidr> networks = new ArrayList<>();
        for (String item : ConfigReader.split(value.raw())) {
            int slash = item.indexOf('/');
            String address = slash < 0 ? item : item.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                throw value.invalid("'" + Log.printable(item, 80) + "' is not an IPv4 or IPv6 address with an optional "
                        + "/prefix (host names are not accepted)", "127.0.0.1/32, 10.0.0.0/8, ::1/128");
            }
            int bits = bytes.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(item.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > bytes.length * 8) {
                    throw value.invalid("the prefix of '" + Log.printable(item, 80) + "' must be between 0 and "
                            + bytes.length * 8, "127.0.0.1/32, 10.0.0.0/8, ::1/128");
                }
            }
            networks.add(new Cidr(bytes, bits));
        }
        return List.copyOf(networks);
    }

    /** @return whether {@code address} (an IP literal, as {@code getRemoteAddr()} gives it) is inside this network */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /** @return the address bytes of an IP literal (IPv4-mapped IPv6 becomes IPv4), or null for anything else */
    public static byte[] literal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        String host = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v6 = host.indexOf(':') >= 0;
        boolean v4 = !v6 && host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !(v6 && host.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+"))) {
            return null;
        }
        try {
            // With a literal, getByName only parses; it never resolves.
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
