package dev.borealis.cluster.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes the admin token to a file only its owner can read: created with mode 0600 from the start (a
 * temporary file in the same directory, then an atomic rename), so there is no moment at which another
 * user could open it. On a file system without POSIX permissions the file gets the directory's default
 * access plus {@link java.io.File#setReadable(boolean, boolean) owner-only} read and write, as far as the
 * platform honours that.
 */
final class TokenFile {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private TokenFile() {
    }

    /** Writes {@code token} followed by a newline to {@code path}, replacing an older file. */
    static void write(Path path, AdminToken token) throws IOException {
        Path file = path.toAbsolutePath();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        Path temp = posix
                ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            if (!posix) {
                ownerOnly(temp);
            }
            Files.writeString(temp, token.value() + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void ownerOnly(Path path) {
        java.io.File f = path.toFile();
        // best effort where there are no POSIX modes: everyone loses access, then the owner gets it back
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
    }
}
