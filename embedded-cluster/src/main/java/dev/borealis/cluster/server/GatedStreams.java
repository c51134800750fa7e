package dev.borealis.cluster.server;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/** Socket streams that pass every read result and every write through an instance's {@link FaultGate}. */
final class GatedStreams {

    private GatedStreams() {
    }

    /** Reads first, then waits at the gate: a blackholed instance holds on to what the client sent. */
    static final class In extends FilterInputStream {
        private final FaultGate gate;
        private final BooleanSupplier closed;

        In(InputStream in, FaultGate gate, BooleanSupplier closed) {
            super(in);
            this.gate = gate;
            this.closed = closed;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            gate.pass(false, closed);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            gate.pass(false, closed);
            return n;
        }
    }

    /** Waits at the gate before each write reaches the socket (blackhole: forever; latency: the delay). */
    static final class Out extends FilterOutputStream {
        private final FaultGate gate;
        private final BooleanSupplier closed;

        Out(OutputStream out, FaultGate gate, BooleanSupplier closed) {
            super(out);
            this.gate = gate;
            this.closed = closed;
        }

        @Override
        public void write(int b) throws IOException {
            gate.pass(true, closed);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            gate.pass(true, closed);
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            gate.pass(false, closed);
            out.flush();
        }
    }
}
