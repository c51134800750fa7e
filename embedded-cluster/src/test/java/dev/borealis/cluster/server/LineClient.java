package dev.borealis.cluster.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A test client for {@link EchoProtocol}. */
final class LineClient implements AutoCloseable {

    final Socket socket;
    private BufferedReader in;
    private OutputStream out;

    LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        streams(socket);
    }

    static LineClient connect(Endpoint endpoint) throws IOException {
        return connect(endpoint.ip(), endpoint.port());
    }

    static LineClient connect(String ip, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(ip, port), 5_000);
        return new LineClient(socket);
    }

    void streams(Socket s) throws IOException {
        in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out = s.getOutputStream();
    }

    String readLine() throws IOException {
        return in.readLine();
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    String roundTrip(String line) throws IOException {
        send(line);
        return readLine();
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
