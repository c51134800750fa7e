package dev.borealis.cluster.server;

import dev.borealis.cluster.Engine;
import dev.borealis.cluster.wire.ClientConnection;
import dev.borealis.cluster.wire.WireProtocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A line protocol for network-layer tests: greets with {@code hello INSTANCE CONNECTION-ID}, echoes
 * each line as {@code INSTANCE: LINE}, upgrades to TLS on {@code tls}, ends on {@code quit}.
 */
public final class EchoProtocol implements WireProtocol {

    private final Engine engine;

    public EchoProtocol(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public void serve(ClientConnection connection) throws IOException {
        String id = connection.instance().id();
        send(connection.output(), "hello " + id + " " + connection.connectionId());
        BufferedReader in = reader(connection);
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("quit")) {
                return;
            }
            if (line.equals("tls")) {
                send(connection.output(), "ok");
                connection.startTls();
                in = reader(connection);
                send(connection.output(), "tls " + id);
            } else {
                send(connection.output(), id + ": " + line);
            }
        }
    }

    private static BufferedReader reader(ClientConnection connection) throws IOException {
        return new BufferedReader(new InputStreamReader(connection.input(), StandardCharsets.UTF_8));
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
