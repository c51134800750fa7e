package dev.borealis.cluster.server;

import java.security.SecureRandom;

/**
 * Aurora's hostname shapes: {@code NAME.cluster-DNSID.DOMAIN} (writer), {@code NAME.cluster-ro-DNSID.DOMAIN}
 * (readers), {@code ENDPOINT.cluster-custom-DNSID.DOMAIN} (a custom endpoint), {@code INSTANCE.DNSID.DOMAIN}
 * (one instance).
 */
public record DnsNames(String clusterName, String dnsId, String domain) {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A random 12-character id like Aurora's ({@code c} then letters and digits). */
    static String randomDnsId() {
        StringBuilder b = new StringBuilder("c");
        for (int i = 1; i < 12; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    public String clusterHost() {
        return clusterName + ".cluster-" + dnsId + "." + domain;
    }

    public String readerHost() {
        return clusterName + ".cluster-ro-" + dnsId + "." + domain;
    }

    public String customHost(String endpointName) {
        return endpointName + ".cluster-custom-" + dnsId + "." + domain;
    }

    public String instanceHost(String instanceId) {
        return instanceId + "." + dnsId + "." + domain;
    }

    /** The pattern the AWS wrapper's {@code clusterInstanceHostPattern} takes: {@code ?.DNSID.DOMAIN}. */
    public String instanceHostPattern() {
        return "?." + dnsId + "." + domain;
    }
}
