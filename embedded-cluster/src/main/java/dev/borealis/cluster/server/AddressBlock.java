package dev.borealis.cluster.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A block of loopback addresses {@code 127.A.B.1-254} owned by one cluster, so that clusters in one JVM
 * (reserved here) or in parallel processes (probed by binding) do not collide. Where the OS routes only
 * 127.0.0.1 (e.g. macOS without aliases) the block is a single address and instances get ports of their own.
 */
final class AddressBlock implements AutoCloseable {

    private static final Set<Integer> RESERVED = new HashSet<>();
    private static final int FIRST_A = 64;
    private static final int BLOCKS = (255 - FIRST_A) * 256;

    private final int block;
    private final boolean distinct;
    private final BitSet slots = new BitSet();

    private AddressBlock(int block, boolean distinct) {
        this.block = block;
        this.distinct = distinct;
    }

    /**
     * Reserves a block whose first address is free on {@code port} (when fixed), or the single-address
     * fallback when distinct loopback addresses cannot be bound or {@code forceSingle} is set.
     */
    static AddressBlock reserve(int port, boolean forceSingle) throws IOException {
        if (forceSingle || !distinctAddressesWork()) {
            return new AddressBlock(-1, false);
        }
        int start = ThreadLocalRandom.current().nextInt(BLOCKS);
        for (int i = 0; i < BLOCKS && i < 512; i++) {
            int candidate = (start + i) % BLOCKS;
            synchronized (RESERVED) {
                if (RESERVED.contains(candidate) || !free(address(candidate, 1), port)) {
                    continue;
                }
                RESERVED.add(candidate);
                return new AddressBlock(candidate, true);
            }
        }
        throw new IOException("no free loopback block 127.x.y.0/24 with port " + port + " free after 512 probes");
    }

    private static boolean distinctAddressesWork() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.77.0.2"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean free(String ip, int port) {
        if (port <= 0) {
            return true;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String address(int block, int slot) {
        return "127." + (FIRST_A + block / 256) + "." + (block % 256) + "." + slot;
    }

    /** Whether every instance gets an address of its own (else: 127.0.0.1 and a port each). */
    boolean distinct() {
        return distinct;
    }

    /** Takes the lowest free address of the block. */
    synchronized String take() {
        if (!distinct) {
            return "127.0.0.1";
        }
        int slot = slots.nextClearBit(1);
        if (slot > 254) {
            throw new IllegalStateException("address block " + address(block, 0) + "/24 is full");
        }
        slots.set(slot);
        return address(block, slot);
    }

    synchronized void give(String ip) {
        String prefix = address(block, 0);
        prefix = prefix.substring(0, prefix.length() - 1);
        if (distinct && ip.startsWith(prefix)) {
            slots.clear(Integer.parseInt(ip.substring(prefix.length())));
        }
    }

    @Override
    public void close() {
        synchronized (RESERVED) {
            RESERVED.remove(block);
        }
    }
}
