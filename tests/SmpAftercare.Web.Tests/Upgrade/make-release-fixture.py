#!/usr/bin/env python3
"""Builds release-2026-11.sql: the database the release at commit f011112 (EF Core 6) makes, used by UpgradeTests.

Run from the repository root (needs git, dotnet, npm, sqlite3); it checks the release out beside the repo, runs
its admin CLI and its web app on a fresh SQLite file, drives the staff pages and the API like a clinic would,
then dumps the file as SQL:

    python3 tests/SmpAftercare.Web.Tests/Upgrade/make-release-fixture.py

Passwords and raw API keys it makes are printed; UpgradeTests.cs keeps them (they unlock only this fixture).
"""
import concurrent.futures, html.parser, http.cookiejar, json, os, re, shutil, socket, subprocess, sys, tempfile, time
import urllib.error, urllib.parse, urllib.request

RELEASE = "f011112"
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    PORT = probe.getsockname()[1]
BASE = f"http://127.0.0.1:{PORT}"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "release-2026-11.sql")
PASSWORD = "Release-2026-Upgrade"

work = tempfile.mkdtemp(prefix="smp-release-")
# RELEASE_TREE: an existing checkout of the release to use as it is (saves a build).
tree = os.environ.get("RELEASE_TREE") or os.path.join(work, "release")
db = os.path.join(work, "release.db")
env = dict(os.environ, ConnectionStrings__Default=f"Data Source={db}", DataDirectory=os.path.join(work, "data"),
           DOTNET_NOLOGO="1", ASPNETCORE_ENVIRONMENT="Production", PublicBaseUrl="https://aftercare.example.com")
web = os.path.join(tree, "src", "SmpAftercare.Web")


def run(*args, **kw):
    return subprocess.run(args, check=True, text=True, capture_output=True, **kw).stdout.strip()


# The built app itself (not `dotnet run`, whose child would outlive a terminate), with its folder as content root.
APP = ["dotnet", os.path.join("bin", "Debug", "net10.0", "SmpAftercare.Web.dll")]


def cli(*args):
    return run(*APP, *args, env=env, cwd=web)


class Forms(html.parser.HTMLParser):
    """Every <form> with its fields' current values, as a browser without JavaScript would post them."""
    def __init__(self):
        super().__init__()
        self.forms, self._select = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "fields": {}})
        elif self.forms and tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "checkbox"):
            self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif self.forms and tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.forms[-1]["fields"][a["name"]] = a.get("value", "true")
        elif self.forms and tag in ("select", "textarea") and a.get("name"):
            self._select = a["name"]
            self.forms[-1]["fields"].setdefault(a["name"], "")
        elif self.forms and tag == "option" and self._select and "selected" in a:
            self.forms[-1]["fields"][self._select] = a.get("value", "")


class Browser:
    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())

    def get(self, path):
        with self.opener.open(BASE + path) as r:
            return r.read().decode()

    def submit(self, path, handler, values):
        parser = Forms()
        parser.feed(self.get(path))
        form = next(f for f in parser.forms if f["fields"].get("_handler") == handler)
        fields = {**form["fields"], **values}
        try:
            with self.opener.open(urllib.request.Request(BASE + (form["action"] or path), urllib.parse.urlencode(fields).encode())) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def api(key, method, path, body=None):
    request = urllib.request.Request(BASE + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def main():
    repo = run("git", "rev-parse", "--show-toplevel")
    if not os.environ.get("RELEASE_TREE"):
        run("git", "-C", repo, "worktree", "add", "--detach", tree, RELEASE)
    server = None
    try:
        run("dotnet", "build", web)
        secrets = {"password": PASSWORD, "staff": [], "keys": []}
        clinics = []
        twins = []
        for name, zone, locale, slug in [("Northside SMP", "Europe/London", "en-GB", "northside"),
                                         ("Harbor Scalp Studio", "America/New_York", "en-US", "harbor")]:
            owner = f"owner@{slug}.example.com"
            clinic_id = cli("clinic", "create", "--name", name, "--time-zone", zone, "--locale", locale,
                            "--owner-email", owner, "--owner-password", PASSWORD, "--owner-name", f"Owner of {name}")
            key = cli("api-key", "create", "--clinic", clinic_id, "--name", f"{name} bookings")
            clinics.append((clinic_id, slug, owner))
            secrets["staff"].append(owner)
            secrets["keys"].append(key)

        server = subprocess.Popen([*APP, "--urls", BASE], env=env, cwd=web, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(120):
            try:
                urllib.request.urlopen(BASE + "/account/login").read()
                break
            except OSError:
                time.sleep(1)

        for (clinic_id, slug, owner), key in zip(clinics, list(secrets["keys"])):
            staff = Browser()
            status, body = staff.submit("/account/login", "login", {"Input.Email": owner, "Input.Password": PASSWORD})
            assert status == 302, f"owner sign-in: {status} {re.sub('<[^>]+>', ' ', body)[-1500:]}"
            for role in ("Technician", "Reception"):
                email = f"{role.lower()}@{slug}.example.com"
                status, body = staff.submit("/staff/new", "staff", {"Input.FullName": f"{role} {slug.title()}", "Input.Email": email,
                                                                    "Input.Role": role, "Input.Password": PASSWORD, "Input.ConfirmPassword": PASSWORD})
                assert status == 302, f"staff {email}: {status} {body[:300]}"
                secrets["staff"].append(email)

            # A second key made on the settings page, as an owner would.
            status, body = staff.submit("/settings/api-keys", "api-key", {"Input.Label": "Front desk tablet"})
            shown = re.search(r"smp_[A-Za-z0-9_-]{43}", body)
            assert shown, f"api key page: {status} {body[:300]}"
            secrets["keys"].append(shown.group(0))

            clients = []
            for i, (name, email, phone) in enumerate([("Jordan Lee", "jordan@example.com", "+447700900456"),
                                                      ("Sam O'Neill", "sam@example.com", None),
                                                      ("Priya Shah", None, "+447700900789"),
                                                      ("Chris Müller", "chris@example.com", "+447700900111")]):
                status, client = api(key, "POST", "/api/v1/clients", {"fullName": f"{name} ({slug})", "email": email, "phone": phone,
                                                                     "emailReminders": email is not None, "smsReminders": phone is not None,
                                                                     "notes": "Booked online"})
                assert status == 201, client
                clients.append(client["id"])
                for start in (["2026-10-05T10:00", "2026-10-19T14:30"] if i % 2 == 0 else ["2026-11-20T09:15"]):
                    status, body = api(key, "POST", f"/api/v1/clients/{client['id']}/sessions",
                                       {"startsAt": start, "technician": f"Technician {slug.title()}", "notes": "Crown and hairline"})
                    assert status == 201, body
                status, body = api(key, "POST", f"/api/v1/clients/{client['id']}/link")
                assert status == 201, body
                api(key, "GET", f"/api/v1/clients/{client['id']}/timeline")

            # The release checked "not at the same moment as another session" in the app only: two requests at
            # once can both pass the check. Try the race; if the machine never loses it, make the row the race
            # would have made (the same session under a new id) once the app has stopped.
            status, twin = api(key, "POST", "/api/v1/clients", {"fullName": f"Twin Booking ({slug})", "email": f"twin.{slug}@example.com", "emailReminders": True})
            assert status == 201, twin
            body = {"startsAt": "2026-11-25T11:00", "technician": f"Technician {slug.title()}"}
            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(lambda _: api(key, "POST", f"/api/v1/clients/{twin['id']}/sessions", body), range(4)))
            won = sum(1 for s, _ in answers if s == 201)
            print(f"{slug}: {won} of 4 concurrent requests for one instant answered 201")
            if won < 2:
                twins.append(twin["id"])

        server.terminate()
        server.wait()
        server = None
        for client_id in twins:
            columns = [line.split("|")[1] for line in run("sqlite3", db, "PRAGMA table_info(Sessions);").splitlines()]
            copied = ", ".join("upper(hex(randomblob(4))) || '-' || upper(hex(randomblob(2))) || '-4' || substr(upper(hex(randomblob(2))), 2) || '-A' || substr(upper(hex(randomblob(2))), 2) || '-' || upper(hex(randomblob(6)))"
                               if c == "Id" else f'"{c}"' for c in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            run("sqlite3", db, f"INSERT INTO Sessions ({names}) SELECT {copied} FROM Sessions WHERE ClientId = '{client_id.upper()}';")
            print(f"client {client_id}: a second session at the same instant, inserted as the race makes it")
        run("sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE);")
        dump = run("sqlite3", db, ".dump")
        with open(OUT, "w", encoding="utf-8") as f:
            f.write(f"-- The SQLite database made by release {RELEASE} (EF Core 6): make-release-fixture.py, then sqlite3 .dump\n")
            f.write(dump + "\n")
        print(json.dumps(secrets, indent=2))
    finally:
        if server:
            server.terminate()
        if not os.environ.get("RELEASE_TREE"):
            subprocess.run(["git", "-C", repo, "worktree", "remove", "--force", tree])
        shutil.rmtree(work, ignore_errors=True)


main()
