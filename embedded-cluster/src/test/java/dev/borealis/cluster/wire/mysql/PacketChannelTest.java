package dev.borealis.cluster.wire.mysql;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketChannelTest {

    /** Returns at most a few bytes per read, as a slow or fragmenting network would. */
    private static final class TrickleInputStream extends InputStream {
        private final InputStream in;
        private final Random random = new Random(7);

        TrickleInputStream(byte[] data) {
            this.in = new ByteArrayInputStream(data);
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, Math.min(len, 1 + random.nextInt(7)));
        }
    }

    private static byte[] written(byte[]... payloads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel writer = new PacketChannel(InputStream.nullInputStream(), out, Long.MAX_VALUE);
        for (byte[] p : payloads) {
            writer.write(p);
        }
        writer.flush();
        return out.toByteArray();
    }

    @Test
    void payloadsOf16MegabytesAndMoreAreSplitAndJoined() throws Exception {
        byte[] big = new byte[PacketChannel.MAX_PART * 2 + 10];
        new Random(1).nextBytes(big);
        byte[] exact = new byte[PacketChannel.MAX_PART];
        byte[] wire = written(big, exact, new byte[] {9});
        assertThat(wire.length).isEqualTo(big.length + exact.length + 1 + 4 * (3 + 2 + 1));
        PacketChannel reader = new PacketChannel(new ByteArrayInputStream(wire), OutputStream.nullOutputStream(), Long.MAX_VALUE);
        reader.authenticated();
        assertThat(reader.read()).isEqualTo(big);
        assertThat(reader.read()).isEqualTo(exact);
        assertThat(reader.read()).containsExactly(9);
        assertThat(reader.read()).isNull();
    }

    @Test
    void fragmentedReadsReassemblePackets() throws Exception {
        byte[] wire = written("hello".getBytes(), new byte[0], new byte[300]);
        PacketChannel reader = new PacketChannel(new TrickleInputStream(wire), OutputStream.nullOutputStream(), 1 << 20);
        assertThat(reader.read()).isEqualTo("hello".getBytes());
        assertThat(reader.read()).isEmpty();
        assertThat(reader.read()).hasSize(300);
    }

    @Test
    void outOfOrderAndOversizedPacketsAreRefused() {
        byte[] wrongSequence = RawMySqlClient.frame(3, new byte[] {1});
        PacketChannel a = new PacketChannel(new ByteArrayInputStream(wrongSequence), OutputStream.nullOutputStream(), 100);
        assertThatThrownBy(a::read).isInstanceOfSatisfying(MalformedPacketException.class,
                e -> assertThat(e.errorCode()).isEqualTo(1156));
        byte[] tooBig = RawMySqlClient.frame(0, new byte[200]);
        PacketChannel b = new PacketChannel(new ByteArrayInputStream(tooBig), OutputStream.nullOutputStream(), 100);
        assertThatThrownBy(b::read).isInstanceOfSatisfying(MalformedPacketException.class,
                e -> assertThat(e.errorCode()).isEqualTo(1153));
        PacketChannel c = new PacketChannel(new ByteArrayInputStream(new byte[] {5, 0, 0, 0, 1}),
                OutputStream.nullOutputStream(), 100);
        assertThatThrownBy(c::read).isInstanceOf(java.io.EOFException.class);
    }

    @Test
    void beforeAuthenticationAPacketOverTheHandshakeLimitIsABadHandshake() {
        byte[] header = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, 0};
        PacketChannel channel = new PacketChannel(new ByteArrayInputStream(header), OutputStream.nullOutputStream(),
                Protocol.MAX_ALLOWED_PACKET);
        assertThatThrownBy(channel::read).isInstanceOfSatisfying(MalformedPacketException.class,
                e -> assertThat(e.errorCode()).isEqualTo(1043));
    }

    /** Regression (issue 12): a declared 16 MiB packet was allocated in full before a byte of it arrived. */
    @Test
    void aDeclaredLengthIsNotAllocatedBeforeItsBytesArrive() {
        byte[] wire = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, 0, 1, 2, 3, 4};
        int[] largestRead = new int[1];
        InputStream recording = new ByteArrayInputStream(wire) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                largestRead[0] = Math.max(largestRead[0], len);
                return super.read(b, off, len);
            }
        };
        PacketChannel channel = new PacketChannel(recording, OutputStream.nullOutputStream(), Protocol.MAX_ALLOWED_PACKET);
        channel.authenticated();
        assertThatThrownBy(channel::read).isInstanceOf(java.io.EOFException.class);
        assertThat(largestRead[0]).isLessThanOrEqualTo(8 * 1024);
    }
}
