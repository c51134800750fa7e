package dev.borealis.cluster.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A hosts-format file ({@code ip name} lines) that several clusters may share, since a JVM reads
 * exactly one ({@code -Djdk.net.hosts.file}). Each cluster owns a section between marker comments and
 * rewrites only that section; every rewrite replaces the whole file atomically (write a sibling, then
 * rename), under a lock file so that clusters in other processes do not lose each other's lines.
 */
final class HostsFile {

    private static final Object JVM_LOCK = new Object();
    /**
     * A JVM reading a hosts file resolves only the names in it, so a new file also maps localhost
     * (clients still reach 127.0.0.1 by name).
     */
    private static final List<String> HEADER = List.of(
            "# Maintained by Borealis embedded clusters; read with -Djdk.net.hosts.file=<this file>",
            "127.0.0.1 localhost");

    private final Path path;
    private final String begin;
    private final String end;

    HostsFile(Path path, String owner) {
        this.path = path.toAbsolutePath();
        this.begin = "# borealis begin " + owner;
        this.end = "# borealis end " + owner;
    }

    Path path() {
        return path;
    }

    /** Replaces this owner's section with {@code lines} (empty: removes the section). */
    void writeSection(List<String> lines) throws IOException {
        synchronized (JVM_LOCK) {
            Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                List<String> content = withoutSection(Files.exists(path)
                        ? Files.readAllLines(path, StandardCharsets.UTF_8) : HEADER);
                if (!lines.isEmpty()) {
                    content.add(begin);
                    content.addAll(lines);
                    content.add(end);
                }
                replace(content);
            }
        }
    }

    private List<String> withoutSection(List<String> lines) {
        List<String> kept = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.equals(begin)) {
                inside = true;
            } else if (line.equals(end)) {
                inside = false;
            } else if (!inside) {
                kept.add(line);
            }
        }
        return kept;
    }

    private void replace(List<String> content) throws IOException {
        Path dir = path.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
