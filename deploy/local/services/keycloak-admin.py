#!/usr/bin/env python3
"""Small Keycloak admin REST helper for deploy/local/services/keycloak.sh (stdlib only).

Commands:
  demo-users    create the demo users alice, bob, carol in the realm if missing
  delete-realm  delete the realm (so that the next start with --import-realm imports it afresh)
  has-realm     exit 0 if the realm exists, 1 if not
  mail-settings point the realm's own mails (password reset, OTP reset, e-mail verification) at
                the workspace's SMTP server: WORKSPACE_MAIL_HOST, _PORT, _SECURITY (none,
                starttls, tls), _USERNAME, _PASSWORD, _FROM; does nothing while the host is unset
  synapse-client FILE  create or update the Synapse client from the representation FILE
                (deploy/synapse/keycloak-client.json) with SYNAPSE_URL's OIDC callback as its only
                redirect and SYNAPSE_CLIENT_SECRET as its secret
  guest-realm FILE  create the guest reviewers' realm from FILE (deploy/keycloak/agency-guests-realm.json)
                if missing, named GUEST_REALM, with GUEST_OIDC_CLIENT_SECRET and GUEST_CONNECTOR_CLIENT_SECRET
                as its clients' secrets and GUEST_REDIRECT_BASES (space-separated workspace addresses)
                as the guest client's redirects; an existing realm gets the secrets and redirects only

Environment: KC_URL, KC_REALM, KC_ADMIN_USER, KC_ADMIN_PASSWORD (master realm admin),
DEMO_PASSWORD (for demo-users).
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

DEMO_USERS = [
    # username, first name, last name, department, realm roles, clearance
    ("alice", "Alice", "Chen", "general-affairs", ["staff"], "secret"),
    ("bob", "Bob", "Lin", "it", ["staff", "admin"], "unmarked"),
    ("carol", "Carol", "Wang", "security", ["staff", "security-officer"], "confidential"),
]


class Admin:
    def __init__(self):
        self.base = os.environ["KC_URL"].rstrip("/")
        self.realm = os.environ.get("KC_REALM", "agency")
        form = urllib.parse.urlencode({
            "grant_type": "password", "client_id": "admin-cli",
            "username": os.environ["KC_ADMIN_USER"], "password": os.environ["KC_ADMIN_PASSWORD"],
        }).encode()
        with urllib.request.urlopen(
                f"{self.base}/realms/master/protocol/openid-connect/token", form, timeout=30) as r:
            self.token = json.load(r)["access_token"]

    def call(self, method, path, body=None, ok=(200, 201, 204)):
        """Call /admin/realms/<path>; returns (status, parsed JSON or None)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.base}/admin/realms/{path}".rstrip("/"), data=data, method=method)
        req.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        if status not in ok:
            raise SystemExit(f"keycloak-admin: {method} {path} -> HTTP {status}: {raw[:300]!r}")
        return status, (json.loads(raw) if raw else None)


def demo_users(kc):
    password = os.environ["DEMO_PASSWORD"]
    r = kc.realm
    for username, first, last, dept, roles, clearance in DEMO_USERS:
        _, found = kc.call("GET", f"{r}/users?exact=true&username={username}")
        if found:
            continue
        # New users get the realm's default required action CONFIGURE_TOTP automatically.
        kc.call("POST", f"{r}/users", {
            "username": username, "enabled": True, "emailVerified": True,
            "email": f"{username}@agency.test", "firstName": first, "lastName": last,
            "attributes": {"clearance": [clearance], "department": [dept]},
            "credentials": [{"type": "password", "value": password, "temporary": False}],
        })
        _, found = kc.call("GET", f"{r}/users?exact=true&username={username}")
        uid = found[0]["id"]
        reps = [kc.call("GET", f"{r}/roles/{role}")[1] for role in roles]
        kc.call("POST", f"{r}/users/{uid}/role-mappings/realm", reps)
        print(f"created demo user {username}")


def mail_settings(kc):
    host = os.environ.get("WORKSPACE_MAIL_HOST", "")
    if not host:
        return
    security = os.environ.get("WORKSPACE_MAIL_SECURITY", "starttls").lower()
    user = os.environ.get("WORKSPACE_MAIL_USERNAME", "")
    smtp = {
        "host": host, "port": os.environ.get("WORKSPACE_MAIL_PORT", "587"),
        "from": os.environ["WORKSPACE_MAIL_FROM"], "fromDisplayName": "Agency sign-in",
        "ssl": str(security == "tls").lower(), "starttls": str(security == "starttls").lower(),
        "auth": str(bool(user)).lower(),
    }
    if user:
        smtp.update({"user": user, "password": os.environ.get("WORKSPACE_MAIL_PASSWORD", "")})
    kc.call("PUT", kc.realm, {"smtpServer": smtp})
    print(f"realm mail goes through {host}")


def synapse_client(kc, path):
    with open(path, encoding="utf-8") as f:
        client = json.load(f)
    callback = os.environ["SYNAPSE_URL"].rstrip("/") + "/_synapse/client/oidc/callback"
    client.update({"redirectUris": [callback], "secret": os.environ["SYNAPSE_CLIENT_SECRET"]})
    r = kc.realm
    _, found = kc.call("GET", f"{r}/clients?clientId={urllib.parse.quote(client['clientId'])}")
    if found:
        # PUT applies a changed file or secret (redirects, attributes; scopes are set at creation).
        kc.call("PUT", f"{r}/clients/{found[0]['id']}", {**client, "id": found[0]["id"]})
    else:
        kc.call("POST", f"{r}/clients", client)
        print(f"created client {client['clientId']} for {callback}")


def guest_realm(kc, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for name in ("GUEST_OIDC_CLIENT_SECRET", "GUEST_CONNECTOR_CLIENT_SECRET"):
        text = text.replace("${WORKSPACE_%s}" % name, os.environ[name])
    realm = json.loads(text)
    realm["realm"] = os.environ.get("GUEST_REALM", realm["realm"])
    bases = os.environ.get("GUEST_REDIRECT_BASES", "").split()
    guests = next(c for c in realm["clients"] if c["clientId"] == "workspace-guests")
    if bases:
        redirects = [b.rstrip("/") + "/guest/*" for b in bases]
        guests["redirectUris"] = redirects
        guests["attributes"]["post.logout.redirect.uris"] = "##".join(redirects)
    status, _ = kc.call("GET", realm["realm"], ok=(200, 404))
    if status == 404:
        kc.call("POST", "", realm)
        print(f"created realm {realm['realm']} for guest reviewers")
        return
    # The realm exists (its guests' accounts with it): bring the clients' secrets and redirects up to date.
    for client in realm["clients"]:
        _, found = kc.call("GET", f"{realm['realm']}/clients?clientId={urllib.parse.quote(client['clientId'])}")
        if found:
            current = found[0]
            current.update({k: client[k] for k in ("secret", "redirectUris", "attributes") if k in client})
            kc.call("PUT", f"{realm['realm']}/clients/{current['id']}", current)


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    kc = Admin()
    if cmd == "demo-users":
        demo_users(kc)
    elif cmd == "mail-settings":
        mail_settings(kc)
    elif cmd == "synapse-client" and len(sys.argv) == 3:
        synapse_client(kc, sys.argv[2])
    elif cmd == "guest-realm" and len(sys.argv) == 3:
        guest_realm(kc, sys.argv[2])
    elif cmd == "delete-realm":
        kc.call("DELETE", kc.realm, ok=(204, 404))
    elif cmd == "has-realm":
        status, _ = kc.call("GET", kc.realm, ok=(200, 404))
        sys.exit(0 if status == 200 else 1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
