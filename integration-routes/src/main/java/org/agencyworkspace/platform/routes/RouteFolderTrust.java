package org.agencyworkspace.platform.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Route files run with every right the workspace has (its database, its secrets, every
 * connector), so they are trusted configuration: a route file, and every folder above it up to
 * the route folder, must belong to the workspace's own user (or root) and be writable by nobody
 * else. A symbolic link is judged by what it points to, and by the folders of both.
 */
final class RouteFolderTrust {

    private final String serviceUser;

    /** @param serviceUser the user the workspace runs as */
    RouteFolderTrust(String serviceUser) {
        this.serviceUser = serviceUser;
    }

    /** For the user this JVM runs as. */
    static RouteFolderTrust ofThisProcess() {
        return new RouteFolderTrust(System.getProperty("user.name"));
    }

    /**
     * Why {@code path} may not be trusted, or empty when it may.
     *
     * @return a reason naming the path, e.g. {@code /srv/routes is writable by its group}
     */
    Optional<String> distrust(Path path) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return Optional.of(path + ": the file system cannot tell who may write it");
        } catch (IOException e) {
            return Optional.of(path + ": cannot read its owner and permissions ("
                    + e.getMessage() + ")");
        }
        String owner = attributes.owner().getName();
        if (!owner.equals(serviceUser) && !owner.equals("root")) {
            return Optional.of(path + " belongs to " + owner + ", not to " + serviceUser
                    + " (the workspace's user) or root");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            return Optional.of(path + " is writable by every user");
        }
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)) {
            return Optional.of(path + " is writable by its group");
        }
        return Optional.empty();
    }

    /** The first reason to distrust {@code file} or a folder between it and {@code root}. */
    Optional<String> distrust(Path root, Path file) {
        Optional<String> reason = distrust(file);
        for (Path folder = file.getParent(); reason.isEmpty() && folder != null
                && folder.startsWith(root); folder = folder.getParent()) {
            reason = distrust(folder);
        }
        if (reason.isEmpty() && Files.isSymbolicLink(file)) {
            // The link resolves through folders of its own; the target must be just as safe.
            try {
                Path target = file.toRealPath();
                reason = distrust(target);
                if (reason.isEmpty()) {
                    reason = distrust(target.getParent());
                }
            } catch (IOException e) {
                reason = Optional.of(file + ": cannot resolve the link (" + e.getMessage() + ")");
            }
        }
        return reason;
    }
}
