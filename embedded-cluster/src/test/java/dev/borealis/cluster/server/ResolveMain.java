package dev.borealis.cluster.server;

import java.net.InetAddress;

/** Run in a child JVM started with {@code -Djdk.net.hosts.file}: prints {@code name ip} for each argument. */
public final class ResolveMain {

    private ResolveMain() {
    }

    public static void main(String[] args) throws Exception {
        for (String name : args) {
            System.out.println(name + " " + InetAddress.getByName(name).getHostAddress());
        }
    }
}
