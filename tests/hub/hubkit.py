"""A real JupyterHub on 127.0.0.1 for tests: start it, drive its REST API, run code in users' kernels.

- :func:`read_only_kit` copies the kit (``src/medialit``, ``seeds/``, ``notebooks/``)
  into a folder, byte-compiles it and removes every write permission; :func:`tree_digest`
  fingerprints it, so a test can prove nothing was written there at run time.
- :func:`running_hub` starts ``jupyterhub`` (configurable-http-proxy, DummyAuthenticator
  with a password, SimpleLocalProcessSpawner with each user's HOME under the temp dir,
  an admin service token from the config). As root (which ignores permission bits) it
  runs in a private mount namespace where the kit, the repository (with its .venv) and
  site-packages are mounted read-only, so the students' servers cannot write there at all.
  Every process it started is killed on exit, even on failure.
- :class:`Hub` wraps the Hub REST API; :class:`KernelChannel` runs code in a kernel
  through a user's Jupyter server (``/user/<name>/api/...`` and the kernel websocket).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def hub_missing() -> str | None:
    """Why a hub test cannot run here, or None if it can."""
    if shutil.which("configurable-http-proxy") is None:
        return "configurable-http-proxy is not on PATH (npm install -g configurable-http-proxy)"
    for module in ("jupyterhub", "websocket", "requests", "psutil"):
        try:
            __import__(module)
        except ImportError:
            return f"python package {module} is not installed (pip install -e '.[test]')"
    if not (VENV_BIN / "jupyterhub-singleuser").exists():
        return f"jupyterhub-singleuser not found beside {sys.executable}"
    return None


def can_mount_read_only() -> bool:
    """Whether a private mount namespace with a read-only bind mount can be made here (root)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                            "mount --bind / / && mount -o remount,bind,ro / && ! touch /.medialit-ro-probe"],
                           capture_output=True, timeout=30, check=False)
    return probe.returncode == 0


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the kit, read-only -------------------------------------------------------------------

def read_only_kit(dest: Path, extra_seeds: dict[str, Path] | None = None) -> Path:
    """Copy the kit to ``dest`` as an installed, read-only kit; returns ``dest``.

    ``dest/src/medialit`` (byte-compiled, as pip would), ``dest/seeds``,
    ``dest/notebooks`` and ``dest/extra-seeds/<name>`` for each of ``extra_seeds``.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "src" / "medialit", dest / "src" / "medialit", ignore=ignore)
    shutil.copytree(ROOT / "seeds", dest / "seeds", ignore=ignore)
    shutil.copytree(ROOT / "notebooks", dest / "notebooks", ignore=ignore)
    for name, folder in (extra_seeds or {}).items():
        shutil.copytree(folder, dest / "extra-seeds" / name, ignore=ignore)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "src")], check=True, timeout=120)
    for path in [dest, *dest.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) | stat.S_IROTH
                   | (stat.S_IXOTH if path.is_dir() else 0))
    return dest


def tree_digest(root: Path) -> dict[str, str]:
    """Path -> sha256 (or ``dir``) of everything under ``root``, for before/after comparison."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        out[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def make_writable(root: Path) -> None:
    """Give write permission back (so the temp dir can be removed)."""
    for path in [root, *root.rglob("*")]:
        with contextlib.suppress(OSError):
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


# -- the hub ----------------------------------------------------------------------------

@dataclass
class HubInfo:
    url: str                 # public URL (the proxy)
    admin_token: str
    password: str
    homes: Path              # each user's HOME is homes/<name>
    log: Path
    read_only_mounts: bool   # the read-only folders were mounted read-only for the hub


CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_bind_url = {hub_bind_url!r}
c.ConfigurableHTTPProxy.api_url = {proxy_api!r}
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie!r}
c.JupyterHub.pid_file = {pid_file!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = set({users!r})
c.Authenticator.admin_users = set({admins!r})
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {home_template!r}
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.environment = {environment!r}
c.JupyterHub.services = [{{"name": "medialit-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "medialit-test",
    "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users", "access:servers"],
    "services": ["medialit-test"],
}}]
"""


def _descendants(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@contextlib.contextmanager
def running_hub(work: Path, users: list[str], admins: list[str], environment: dict[str, str],
                read_only: list[Path] = (), timeout: float = 60) -> Iterator[HubInfo]:
    """Run a JupyterHub whose state and users' homes all live under ``work``.

    ``read_only`` folders are mounted read-only for the hub and its users when this
    process may do so (root with mount namespaces); see :func:`can_mount_read_only`.
    """
    import psutil
    import requests

    work.mkdir(parents=True, exist_ok=True)
    homes = work / "homes"
    homes.mkdir(exist_ok=True)
    state = work / "hub"
    state.mkdir(exist_ok=True)
    port, hub_port, proxy_port = free_port(), free_port(), free_port()
    token, password = secrets.token_hex(16), "read-closely-" + secrets.token_hex(4)
    config = state / "jupyterhub_config.py"
    config.write_text(CONFIG.format(
        bind_url=f"http://127.0.0.1:{port}", hub_bind_url=f"http://127.0.0.1:{hub_port}",
        proxy_api=f"http://127.0.0.1:{proxy_port}", chp=shutil.which("configurable-http-proxy"),
        db_url=f"sqlite:///{state / 'jupyterhub.sqlite'}", cookie=str(state / "cookie_secret"),
        pid_file=str(state / "jupyterhub.pid"), password=password, users=sorted(users),
        admins=sorted(admins), home_template=str(homes / "{username}"),
        singleuser=str(VENV_BIN / "jupyterhub-singleuser"), environment=environment, token=token,
        args=["--ServerApp.allow_root=True"] if os.geteuid() == 0 else [],
    ), encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("JUPYTER", "JPY_", "MEDIALIT_", "PYTHONPATH", "CONFIGPROXY"))}
    env.update(HOME=str(state), PATH=str(VENV_BIN) + os.pathsep + env.get("PATH", ""),
               CONFIGPROXY_AUTH_TOKEN=secrets.token_hex(16))
    cmd = [str(VENV_BIN / "jupyterhub"), "-f", str(config)]
    mounted = bool(read_only) and can_mount_read_only()
    if mounted:
        # Root ignores permission bits, not a read-only mount: the hub and everything it
        # starts see these folders read-only (a private mount namespace; nothing else does).
        binds = [f"mount --bind {shlex.quote(str(p))} {shlex.quote(str(p))} && "
                 f"mount -o remount,bind,ro {shlex.quote(str(p))}" for p in read_only]
        script = " && ".join(binds) + " && exec " + " ".join(shlex.quote(c) for c in cmd)
        cmd = ["unshare", "--mount", "--propagation", "private", "sh", "-c", script]
    log_path = state / "jupyterhub.log"
    log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(cmd, cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    seen: dict[int, psutil.Process] = {}
    info = HubInfo(f"http://127.0.0.1:{port}", token, password, homes, log_path, mounted)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {proc.returncode}:\n{tail(log_path)}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{info.url}/hub/api/", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"jupyterhub did not answer within {timeout}s:\n{tail(log_path)}")
            time.sleep(0.25)
        yield info
    finally:
        seen.update({p.pid: p for p in _descendants(proc.pid)})
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)  # the hub stops its servers and proxy itself
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        for child in seen.values():  # servers and kernels run in sessions of their own
            with contextlib.suppress(psutil.NoSuchProcess):
                if child.is_running():
                    child.kill()
        log.close()


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# -- REST ------------------------------------------------------------------------------

class Hub:
    """The Hub's REST API, as the admin service or as one user."""

    def __init__(self, info: HubInfo):
        import requests

        self.info = info
        self.url = info.url
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {info.admin_token}"

    def api(self, method: str, path: str, expect=(200, 201, 202, 204), **kwargs):
        resp = self.http.request(method, f"{self.url}/hub/api{path}", timeout=30, **kwargs)
        if resp.status_code not in expect:
            raise AssertionError(f"{method} /hub/api{path}: {resp.status_code} {resp.text[:500]}\n"
                                 f"{tail(self.info.log)}")
        return resp.json() if resp.content else None

    def login(self, name: str, password: str) -> int:
        """Log in through the login form (as a browser would); returns the HTTP status."""
        import requests

        with requests.Session() as browser:
            page = browser.get(f"{self.url}/hub/login", timeout=30)
            xsrf = browser.cookies.get("_xsrf") or ""
            resp = browser.post(f"{self.url}/hub/login?next=", timeout=30, allow_redirects=False,
                                data={"username": name, "password": password, "_xsrf": xsrf},
                                headers={"Referer": page.url})
            return resp.status_code

    def start_server(self, name: str) -> None:
        self.api("POST", f"/users/{name}/server")

    def wait_ready(self, name: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            model = self.api("GET", f"/users/{name}")
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                return server
            if time.monotonic() > deadline:
                raise AssertionError(f"server of {name} not ready after {timeout}s: {model}\n"
                                     f"{tail(self.info.log)}")
            time.sleep(0.3)

    def user_token(self, name: str) -> str:
        return self.api("POST", f"/users/{name}/tokens",
                        json={"note": "medialit hub test", "expires_in": 900})["token"]


class UserServer:
    """One user's Jupyter server, reached through the proxy with that user's token."""

    def __init__(self, hub_url: str, name: str, token: str):
        import requests

        self.name = name
        self.base = f"{hub_url}/user/{name}"
        self.token = token
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {token}"

    def api(self, method: str, path: str, expect=(200, 201, 204), **kwargs):
        resp = self.http.request(method, f"{self.base}/api{path}", timeout=30, **kwargs)
        if resp.status_code not in expect:
            raise AssertionError(f"{self.name}: {method} {path}: {resp.status_code} {resp.text[:500]}")
        return resp.json() if resp.content else None

    def open_notebook_kernel(self, path: str) -> KernelChannel:
        """Start a kernel for ``path`` (a notebook session, as JupyterLab does) and connect to it."""
        session = self.api("POST", "/sessions", json={"path": path, "name": Path(path).name,
                                                      "type": "notebook", "kernel": {"name": "python3"}})
        return KernelChannel(self.base.replace("http://", "ws://"), session["kernel"]["id"], self.token)


@dataclass
class Execution:
    stdout: str
    outputs: list[dict]        # display_data / execute_result data bundles
    error: str | None


class KernelChannel:
    """Execute code in a kernel over the Jupyter server's websocket (JSON message protocol)."""

    def __init__(self, ws_base: str, kernel_id: str, token: str):
        import websocket

        self.kernel_id = kernel_id
        self.session = uuid.uuid4().hex
        url = f"{ws_base}/api/kernels/{kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {token}"], timeout=30)

    def execute(self, code: str, timeout: float = 90) -> Execution:
        import websocket

        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test",
                       "session": self.session, "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                       "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        stdout, outputs, error = [], [], None
        replied = idle = False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no reply within {timeout}s to:\n{code}")
            self.ws.settimeout(remaining)
            try:
                frame = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            if isinstance(frame, bytes):  # binary frames carry buffers (widget data): not ours
                continue
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                stdout.append(content["text"])
            elif kind in ("display_data", "execute_result"):
                outputs.append(content["data"])
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "execute_reply":
                replied = True
                if content.get("status") == "error" and error is None:
                    error = f"{content.get('ename')}: {content.get('evalue')}"
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
        return Execution("".join(stdout), outputs, error)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()
