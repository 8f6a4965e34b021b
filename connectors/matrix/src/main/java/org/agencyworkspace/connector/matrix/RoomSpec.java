package org.agencyworkspace.connector.matrix;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code POST /createRoom} should make.
 *
 * @param preset {@code private_chat}, {@code trusted_private_chat} or {@code public_chat}
 * @param name room name shown in clients; may be null
 * @param topic room topic; may be null
 * @param aliasLocalpart local part of a canonical alias ({@code #aliasLocalpart:server}); null
 *     for none
 * @param invite user ids invited at creation
 * @param direct whether clients should show it as a direct chat ({@code is_direct})
 * @param space whether it is a Space ({@code creation_content.type = m.space})
 * @param userPowerLevels power levels of named users; the creator keeps its own (unlimited from
 *     room version 12, the default)
 */
public record RoomSpec(String preset, String name, String topic, String aliasLocalpart,
        List<String> invite, boolean direct, boolean space, Map<String, Integer> userPowerLevels) {

    public RoomSpec {
        Objects.requireNonNull(preset, "preset");
        invite = invite == null ? List.of() : List.copyOf(invite);
        userPowerLevels = userPowerLevels == null ? Map.of() : Map.copyOf(userPowerLevels);
    }

    /** An invite-only room, as the org-chart rooms are. */
    public static RoomSpec privateRoom(String name, String aliasLocalpart) {
        return new RoomSpec("private_chat", name, null, aliasLocalpart, List.of(), false, false,
                Map.of());
    }

    public RoomSpec withTopic(String newTopic) {
        return new RoomSpec(preset, name, newTopic, aliasLocalpart, invite, direct, space,
                userPowerLevels);
    }

    public RoomSpec inviting(List<String> userIds) {
        return new RoomSpec(preset, name, topic, aliasLocalpart, userIds, direct, space,
                userPowerLevels);
    }

    public RoomSpec asDirect() {
        return new RoomSpec(preset, name, topic, aliasLocalpart, invite, true, space,
                userPowerLevels);
    }

    public RoomSpec asSpace() {
        return new RoomSpec(preset, name, topic, aliasLocalpart, invite, direct, true,
                userPowerLevels);
    }

    public RoomSpec withPowerLevels(Map<String, Integer> levels) {
        return new RoomSpec(preset, name, topic, aliasLocalpart, invite, direct, space, levels);
    }
}
