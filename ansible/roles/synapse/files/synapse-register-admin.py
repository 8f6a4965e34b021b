#!/usr/bin/env python3
"""Register a Synapse server admin once, through the shared-secret admin API (stdlib only).

Usage: synapse-register-admin.py BASE_URL USERNAME
Environment: REGISTRATION_SECRET, PASSWORD (kept out of the process list).
Prints "exists" when the user can already log in with that password, "registered @user:server"
when it was created now; exits non-zero otherwise (e.g. the name is taken with another password).
"""
import hashlib
import hmac
import json
import os
import sys
import urllib.error
import urllib.request


def call(method, url, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, {"error": raw[:200].decode(errors="replace")}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base, username = sys.argv[1].rstrip("/"), sys.argv[2]
    secret, password = os.environ["REGISTRATION_SECRET"], os.environ["PASSWORD"]

    status, body = call("POST", base + "/_matrix/client/v3/login", {
        "type": "m.login.password",
        "identifier": {"type": "m.id.user", "user": username},
        "password": password})
    if status == 200:
        call("POST", base + "/_matrix/client/v3/logout", {}, token=body["access_token"])
        print("exists")
        return

    status, body = call("GET", base + "/_synapse/admin/v1/register")
    if status != 200:
        sys.exit("GET nonce: HTTP %s %s" % (status, body))
    nonce = body["nonce"]
    message = b"\x00".join([nonce.encode(), username.encode(), password.encode(), b"admin"])
    mac = hmac.new(secret.encode(), message, hashlib.sha1).hexdigest()
    status, body = call("POST", base + "/_synapse/admin/v1/register", {
        "nonce": nonce, "username": username, "password": password, "admin": True, "mac": mac})
    if status != 200:
        sys.exit("register %s: HTTP %s %s" % (username, status, body.get("errcode", body)))
    print("registered " + body["user_id"])


if __name__ == "__main__":
    main()
