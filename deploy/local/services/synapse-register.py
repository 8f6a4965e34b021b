#!/usr/bin/env python3
"""Create a Synapse user once through the shared-secret registration admin API (stdlib only).

Usage: synapse-register.py BASE_URL USERNAME [--admin]
Environment: REGISTRATION_SECRET, PASSWORD.
Exit 0 when the user exists with that password afterwards (already there, or created now).
"""
import hashlib
import hmac
import json
import os
import sys
import urllib.error
import urllib.request


def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, {"error": raw[:200].decode(errors="replace")}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    base, username = sys.argv[1].rstrip("/"), sys.argv[2]
    admin = "--admin" in sys.argv[3:]
    secret, password = os.environ["REGISTRATION_SECRET"], os.environ["PASSWORD"]

    status, body = call("POST", f"{base}/_matrix/client/v3/login", {
        "type": "m.login.password", "identifier": {"type": "m.id.user", "user": username},
        "password": password})
    if status == 200:  # exists with this password; drop the session (and device) just made
        req = urllib.request.Request(f"{base}/_matrix/client/v3/logout", data=b"{}", method="POST", headers={
            "Authorization": f"Bearer {body['access_token']}", "Content-Type": "application/json"})
        urllib.request.urlopen(req, timeout=30).close()
        return

    status, body = call("GET", f"{base}/_synapse/admin/v1/register")
    if status != 200:
        sys.exit(f"synapse-register: GET nonce -> HTTP {status} {body}")
    nonce = body["nonce"]
    msg = b"\x00".join([nonce.encode(), username.encode(), password.encode(),
                        b"admin" if admin else b"notadmin"])
    mac = hmac.new(secret.encode(), msg, hashlib.sha1).hexdigest()
    status, body = call("POST", f"{base}/_synapse/admin/v1/register", {
        "nonce": nonce, "username": username, "password": password, "admin": admin, "mac": mac})
    if status != 200:
        sys.exit(f"synapse-register: registering {username} -> HTTP {status} {body.get('error', body)}"
                 + (" (the user exists with another password: `stack reset synapse` starts afresh)"
                    if body.get("errcode") == "M_USER_IN_USE" else ""))
    print(f"registered {body['user_id']}")


if __name__ == "__main__":
    main()
