package org.agencyworkspace.attendance;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Names the network a request came from: {@code office} when its address is in one of the
 * configured office blocks, {@code outside} otherwise. The address is the connection's, or the
 * right-most X-Forwarded-For entry not added by a trusted proxy when the connection comes from
 * one; a header from anyone else is ignored, since a client can write whatever it likes there.
 */
public final class NetworkZones {

    public static final String OFFICE = "office";
    public static final String OUTSIDE = "outside";

    private final List<Block> office;
    private final List<Block> proxies;

    public NetworkZones(List<String> officeNetworks, List<String> trustedProxies) {
        this.office = officeNetworks.stream().map(Block::parse).toList();
        this.proxies = trustedProxies.stream().map(Block::parse).toList();
    }

    /** The zone of a request from {@code remoteAddress} carrying {@code forwardedFor} (may be null). */
    public String zone(String remoteAddress, String forwardedFor) {
        String client = clientAddress(remoteAddress, forwardedFor);
        return client != null && office.stream().anyMatch(block -> block.contains(client))
                ? OFFICE : OUTSIDE;
    }

    String clientAddress(String remoteAddress, String forwardedFor) {
        String client = remoteAddress;
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return client;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0 && isProxy(client); i--) {
            client = hops[i].strip();
        }
        return client;
    }

    private boolean isProxy(String address) {
        return address != null && proxies.stream().anyMatch(block -> block.contains(address));
    }

    /** An address block; only literal addresses are accepted, never names to look up. */
    record Block(byte[] network, int prefix) {

        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            byte[] address = literal(cidr.substring(0, slash));
            int prefix = Integer.parseInt(cidr.substring(slash + 1));
            if (address == null || prefix > address.length * 8) {
                throw new IllegalArgumentException("not an address block: " + cidr);
            }
            return new Block(address, prefix);
        }

        boolean contains(String text) {
            byte[] address = literal(text);
            if (address == null || address.length != network.length) {
                return false;
            }
            int shift = network.length * 8 - prefix;
            return new BigInteger(1, address).shiftRight(shift)
                    .equals(new BigInteger(1, network).shiftRight(shift));
        }

        private static byte[] literal(String text) {
            // Literals only: a name would be looked up in DNS.
            if (text == null || !(text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                    || text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"))) {
                return null;
            }
            try {
                return InetAddress.getByName(text).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
