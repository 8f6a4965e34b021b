package org.agencyworkspace.connector.nextcloud;

import org.agencyworkspace.connector.FilePath;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.agencyworkspace.connector.nextcloud.OcsClient.Params;

final class OcsShares implements NextcloudShares {

    private final OcsClient ocs;

    /** @param ocs a client for {@code /ocs/v2.php/apps/files_sharing/api/v1} */
    OcsShares(OcsClient ocs) {
        this.ocs = ocs;
    }

    @Override
    public List<Share> sharesOf(FilePath path, boolean reshares, boolean subfiles) {
        OcsAnswer answer = ocs.get("/shares", new Params().add("path", path.toString())
                .add("reshares", Boolean.toString(reshares))
                .add("subfiles", Boolean.toString(subfiles)));
        if (answer.notFound()) {
            throw notFound(answer, "no such file or folder");
        }
        return shares(answer, answer.dataOrThrow("list shares of " + path));
    }

    @Override
    public List<Share> myShares() {
        OcsAnswer answer = ocs.get("/shares");
        return shares(answer, answer.dataOrThrow("list shares"));
    }

    @Override
    public List<Share> sharedWithMe() {
        OcsAnswer answer = ocs.get("/shares", new Params().add("shared_with_me", "true"));
        return shares(answer, answer.dataOrThrow("list shares with me"));
    }

    @Override
    public Optional<Share> find(String shareId) {
        OcsAnswer answer = ocs.get(sharePath(shareId));
        if (answer.notFound()) {
            return Optional.empty();
        }
        return shares(answer, answer.dataOrThrow("read share")).stream().findFirst();
    }

    @Override
    public Share create(NewShare share) {
        OcsAnswer answer = ocs.send("POST", "/shares", new Params()
                .add("path", share.path().toString())
                .add("shareType", Integer.toString(share.type().code()))
                .add("shareWith", share.shareWith())
                .add("permissions", share.permissions() == null ? null
                        : Integer.toString(SharePermission.mask(share.permissions())))
                .add("password", share.password())
                .add("expireDate", share.expireDate() == null ? null
                        : share.expireDate().toString())
                .add("note", share.note()));
        return share(answer, answer.dataOrThrow("create share refused"));
    }

    @Override
    public boolean delete(String shareId) {
        OcsAnswer answer = ocs.send("DELETE", sharePath(shareId));
        if (answer.notFound()) {
            return false;
        }
        answer.dataOrThrow("delete share refused");
        return true;
    }

    @Override
    public Share updateExpiration(String shareId, Optional<LocalDate> lastDay) {
        return update(shareId, "expireDate", lastDay.map(LocalDate::toString).orElse(""));
    }

    @Override
    public Share updatePassword(String shareId, Optional<String> password) {
        return update(shareId, "password", password.orElse(""));
    }

    @Override
    public Share updatePermissions(String shareId, Set<SharePermission> permissions) {
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("a share needs at least one permission;"
                    + " delete it instead");
        }
        return update(shareId, "permissions",
                Integer.toString(SharePermission.mask(permissions)));
    }

    /** One field per request: the share API documents updates one value at a time. */
    private Share update(String shareId, String field, String value) {
        OcsAnswer answer = ocs.send("PUT", sharePath(shareId), new Params().add(field, value));
        if (answer.notFound()) {
            throw notFound(answer, "no such share");
        }
        return share(answer, answer.dataOrThrow("update " + field + " refused"));
    }

    private static String sharePath(String shareId) {
        if (shareId == null || !shareId.matches("[A-Za-z0-9_:-]{1,64}")) {
            throw new IllegalArgumentException("not a share id: " + shareId);
        }
        return "/shares/" + shareId;
    }

    private static NotFoundException notFound(OcsAnswer answer, String summary) {
        return new NotFoundException(summary, answer.httpStatus(), answer.sanitizedUri(),
                OcsAnswer.describe(answer.statusCode(), answer.message()));
    }

    private static List<Share> shares(OcsAnswer answer, JsonNode data) {
        if (!data.isArray()) {
            throw answer.malformed("a list of shares");
        }
        List<Share> shares = new ArrayList<>();
        data.forEach(share -> shares.add(share(answer, share)));
        return List.copyOf(shares);
    }

    /** One share; a single-share answer may also come as a one-element list. */
    private static Share share(OcsAnswer answer, JsonNode data) {
        JsonNode node = data.isArray() && data.size() == 1 ? data.get(0) : data;
        String id = text(node.path("id"));
        JsonNode type = node.path("share_type");
        String path = text(node.path("path"));
        if (id.isEmpty() || !type.canConvertToInt() || path.isEmpty()) {
            throw answer.malformed("a share with id, share_type and path");
        }
        return new Share(id, ShareType.of(type.asInt()), text(node.path("uid_owner")),
                FilePath.exact(path), "folder".equals(text(node.path("item_type"))),
                node.path("item_source").asLong(), text(node.path("share_with")),
                text(node.path("share_with_displayname")),
                SharePermission.fromMask(node.path("permissions").asInt()),
                date(answer, node.path("expiration")), optional(node.path("token")),
                optional(node.path("url")), text(node.path("note")));
    }

    /** Text or a number as text; empty for null or missing. */
    private static String text(JsonNode node) {
        return node.isTextual() || node.isNumber() ? node.asText() : "";
    }

    private static Optional<String> optional(JsonNode node) {
        return Optional.of(text(node)).filter(value -> !value.isEmpty());
    }

    /** {@code expiration} comes as {@code 2025-06-30 00:00:00}; only the day counts. */
    private static Optional<LocalDate> date(OcsAnswer answer, JsonNode node) {
        String value = text(node);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.substring(0, Math.min(10, value.length()))));
        } catch (DateTimeParseException e) {
            throw answer.malformed("a share whose expiration is a date");
        }
    }
}
