package org.agencyworkspace.connector.nextcloud;

import java.util.EnumSet;
import java.util.Set;

/** One bit of a share's {@code permissions} mask (reference §6); 31 is all of them. */
public enum SharePermission {
    /** 1: open and download. */
    READ(1),
    /** 2: change files. */
    UPDATE(2),
    /** 4: add files to a shared folder. */
    CREATE(4),
    /** 8: delete. */
    DELETE(8),
    /** 16: share further. */
    SHARE(16);

    private final int bit;

    SharePermission(int bit) {
        this.bit = bit;
    }

    /** The permissions in {@code mask}; bits this connector does not know are ignored. */
    static Set<SharePermission> fromMask(int mask) {
        Set<SharePermission> permissions = EnumSet.noneOf(SharePermission.class);
        for (SharePermission permission : values()) {
            if ((mask & permission.bit) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    /** The mask Nextcloud expects for {@code permissions}. */
    static int mask(Set<SharePermission> permissions) {
        return permissions.stream().mapToInt(permission -> permission.bit).sum();
    }
}
