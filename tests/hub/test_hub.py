"""A classroom on a real JupyterHub: three students, their own kernels, their own progress.

Starts JupyterHub on 127.0.0.1 (configurable-http-proxy, ``DummyAuthenticator`` with a
password, ``SimpleLocalProcessSpawner`` with each user's HOME under a temp dir, an admin
service token from the config), with the kit installed read-only: a byte-compiled copy of
``src/medialit`` + ``seeds/`` + ``notebooks/`` with no write permission, first on every
user's PYTHONPATH. As root (which ignores permission bits) the hub and all its users run
in a private mount namespace where the kit, this repository (with .venv) and
site-packages are mounted read-only, so nothing a student runs can write there; in any
case the kit's files are hashed before and after.

Through the REST API it creates three students and a teacher, checks the password login,
starts the students' servers and gives each a token; then through each student's own
Jupyter server (sessions API + kernel websocket) it runs a lesson's code cells (the first
``notebooks/0*.ipynb``, or the quiz fixture while there is none) and answers a quiz with
``medialit.quiz(...).answer(...)`` / ``.check()``, each student differently.

Skipped with the reason when configurable-http-proxy (npm) or jupyterhub is missing,
unless ``MEDIALIT_REQUIRE_HUB=1``. Every process started is killed at the end.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .hubkit import ROOT, Hub, UserServer, hub_missing, make_writable, read_only_kit, running_hub, tree_digest

pytestmark = [pytest.mark.hub, pytest.mark.slow]

RESOURCES = ROOT / "tests" / "resources"
# Each student picks a different option of the fixture's single-choice question.
STUDENTS = {"alice": "mayor", "bob": "engineer", "chen": "resident"}
TEACHER = "teacher"
QUESTION = "mini-single"

QUIZ_CODE = """\
import json, os, medialit
q = medialit.quiz({question!r}, article="mini-article")
q.answer({answer!r})
r = q.check()
print(json.dumps({{"home": os.path.expanduser("~"), "user": os.environ.get("JUPYTERHUB_USER"),
                  "medialit": medialit.__file__, "score": r.score, "correct": r.correct,
                  "attempts": q.attempts, "medialit_home": os.environ.get("MEDIALIT_HOME")}}))
"""

# Proves the sandbox is real: the kit and the repository refuse writes from a student.
PROBE_CODE = """\
import json, os, medialit
denied = {{}}
for where in (os.path.dirname(medialit.__file__), {repo!r}):
    try:
        with open(os.path.join(where, ".medialit-write-probe"), "w") as fh:
            fh.write("x")
        os.remove(os.path.join(where, ".medialit-write-probe"))
        denied[where] = False
    except OSError:
        denied[where] = True
print(json.dumps(denied))
"""

EXPORT_CODE = """\
import json, os, subprocess, sys
p = subprocess.run([sys.executable, "-m", "medialit", "export", "--out", os.path.expanduser("~/handin")],
                   capture_output=True, text=True, timeout=60)
print(json.dumps({"rc": p.returncode, "out": p.stdout[-3000:], "err": p.stderr[-3000:]}))
"""


def _need_hub() -> None:
    reason = hub_missing()
    if reason is None:
        return
    if os.environ.get("MEDIALIT_REQUIRE_HUB") == "1":
        pytest.fail(f"hub test required (MEDIALIT_REQUIRE_HUB=1) but {reason}")
    pytest.skip(reason)


def _lesson() -> Path:
    lessons = sorted((ROOT / "notebooks").glob("0*.ipynb"))
    return lessons[0] if lessons else RESOURCES / "quiz-types.ipynb"


def _cli_commands(kit: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(kit / "src")}
    out = subprocess.run([sys.executable, "-m", "medialit", "--help"], env=env, capture_output=True,
                         text=True, timeout=60, check=False)
    return out.stdout + out.stderr


def read_only_paths(kit: Path) -> list[Path]:
    """The kit, the repository (and its .venv), site-packages and the interpreter's prefix."""
    candidates = [kit, ROOT, Path(sysconfig.get_paths()["purelib"]), Path(sysconfig.get_paths()["platlib"]),
                  Path(sys.prefix), Path(sys.base_prefix)]
    out: list[Path] = []
    for path in (p.resolve() for p in candidates):
        if path.is_dir() and not any(path == o or o in path.parents for o in out):
            out = [o for o in out if path not in o.parents] + [path]
    return out


@dataclass
class Student:
    name: str
    answer: str
    lesson_errors: list[str] = field(default_factory=list)
    lesson_cells: int = 0
    quiz: dict = field(default_factory=dict)
    probe: dict = field(default_factory=dict)
    export: dict | None = None
    seconds: float = 0.0


@dataclass
class Classroom:
    students: dict[str, Student]
    homes: Path
    lesson: Path
    login_ok: int
    login_bad: int
    read_only_mounts: bool
    kit_before: dict
    kit_after: dict
    has_export_report: bool
    report: subprocess.CompletedProcess | None
    timings: dict[str, float]
    voila: tuple[int, str] | None  # (status, page) of the lesson as a Voila app on the hub


def _run_student(hub_url: str, token: str, student: Student, lesson: Path, lesson_rel: str,
                 export: bool) -> Student:
    import nbformat

    start = time.perf_counter()
    server = UserServer(hub_url, student.name, token)
    kernel = server.open_notebook_kernel(lesson_rel)
    try:
        nb = nbformat.read(lesson, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            student.lesson_cells += 1
            result = kernel.execute(cell.source)
            if result.error:
                student.lesson_errors.append(f"cell {index}: {result.error}")
                break
        result = kernel.execute(QUIZ_CODE.format(question=QUESTION, answer=student.answer))
        assert result.error is None, f"{student.name}: quiz failed: {result.error}\n{result.stdout}"
        student.quiz = json.loads(result.stdout.strip().splitlines()[-1])
        result = kernel.execute(PROBE_CODE.format(repo=str(ROOT)))
        assert result.error is None, result.error
        student.probe = json.loads(result.stdout.strip().splitlines()[-1])
        if export:
            result = kernel.execute(EXPORT_CODE)
            assert result.error is None, result.error
            student.export = json.loads(result.stdout.strip().splitlines()[-1])
    finally:
        kernel.close()
        server.api("DELETE", f"/kernels/{kernel.kernel_id}", expect=(204, 404))
    student.seconds = time.perf_counter() - start
    return student


@pytest.fixture(scope="module")
def classroom() -> Classroom:
    _need_hub()
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    work = Path(tempfile.mkdtemp(prefix="medialit-hub-"))
    try:
        kit = read_only_kit(work / "kit", {"mini-article": RESOURCES / "mini-article"})
        kit_before = tree_digest(kit)
        help_text = _cli_commands(kit)
        has_export_report = "export" in help_text and "report" in help_text
        lesson = _lesson()
        environment = {"PYTHONPATH": str(kit / "src"), "MEDIALIT_SEEDS": str(kit / "extra-seeds")}
        timings["kit"] = time.perf_counter() - t0
        students = {name: Student(name, answer) for name, answer in STUDENTS.items()}
        # Only the teacher is in the config; the students are created through the REST API.
        with running_hub(work, [TEACHER], [TEACHER], environment, read_only_paths(kit)) as info:
            timings["hub up"] = time.perf_counter() - t0
            hub = Hub(info)
            created = hub.api("POST", "/users", json={"usernames": list(STUDENTS)}, expect=(201,))
            assert sorted(u["name"] for u in created) == sorted(STUDENTS)
            login_ok = hub.login("alice", info.password)
            login_bad = hub.login("alice", "not-the-password")
            for name in STUDENTS:
                hub.start_server(name)
            tokens = {}
            for name in STUDENTS:
                hub.wait_ready(name)
                tokens[name] = hub.user_token(name)
            timings["servers ready"] = time.perf_counter() - t0
            # nbgitpuller's job, by hand: the lesson lands in each student's home, theirs to edit.
            lesson_rel = f"medialit/notebooks/{lesson.name}"
            for name in STUDENTS:
                target = info.homes / name / lesson_rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(lesson, target)
            with ThreadPoolExecutor(len(STUDENTS)) as pool:
                futures = [pool.submit(_run_student, info.url, tokens[name], students[name], lesson, lesson_rel,
                                       has_export_report) for name in STUDENTS]
                for future in futures:
                    future.result()
            timings["students done"] = time.perf_counter() - t0
            # The same lesson as an app through the hub: Voila's server extension in alice's server.
            voila = None
            if importlib.util.find_spec("voila") is not None:
                import requests

                resp = requests.get(f"{info.url}/user/alice/voila/render/{lesson_rel}", timeout=120,
                                    headers={"Authorization": f"token {tokens['alice']}"})
                voila = (resp.status_code, resp.text)
                timings["voila on hub"] = time.perf_counter() - t0
            report = None
            report_dir = info.homes / TEACHER / "class-report"
            if has_export_report:
                # The teacher collects every hand-in file into one folder (LMS, shared drive...).
                teacher_home = info.homes / TEACHER
                handins = teacher_home / "handins"
                handins.mkdir(parents=True)
                for name in STUDENTS:
                    for path in sorted((info.homes / name / "handin").glob("*.json")):
                        shutil.copy(path, handins / f"{name}-{path.name}")
                env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIALIT_", "JUPYTER"))}
                env.update(PYTHONPATH=str(kit / "src"), HOME=str(teacher_home),
                           MEDIALIT_SEEDS=str(kit / "extra-seeds"))
                report = subprocess.run(
                    [sys.executable, "-m", "medialit", "report", str(handins), "--out", str(report_dir)],
                    cwd=teacher_home, env=env, capture_output=True, text=True, timeout=90, check=False)
                report.files = {p.name: p.read_text(encoding="utf-8", errors="replace")
                                for p in report_dir.glob("*") if p.suffix in (".csv", ".html")}
            homes, mounts = info.homes, info.read_only_mounts
        timings["hub stopped"] = time.perf_counter() - t0
        kit_after = tree_digest(kit)
        room = Classroom(students, homes, lesson, login_ok, login_bad, mounts, kit_before, kit_after,
                         has_export_report, report, timings, voila)
        print("\nhub test timings (s since start): "
              + ", ".join(f"{k} {v:.1f}" for k, v in timings.items())
              + "; per student: " + ", ".join(f"{s.name} {s.seconds:.1f}" for s in students.values())
              + f"; lesson {lesson.name}; read-only mounts: {'yes' if mounts else 'no (file hashes only)'}")
        yield room
    finally:
        make_writable(work)
        shutil.rmtree(work, ignore_errors=True)


def test_students_log_in_and_run_a_lesson_in_their_own_kernels(classroom):
    assert classroom.login_ok == 302, "the right password should log in (302 to the hub)"
    assert classroom.login_bad == 403, "a wrong password must not log in"
    for student in classroom.students.values():
        assert student.lesson_cells > 0
        assert not student.lesson_errors, (classroom.lesson.name, student.name, student.lesson_errors)
        home = classroom.homes / student.name
        assert Path(student.quiz["home"]) == home, student.quiz
        assert student.quiz["user"] == student.name
        assert student.quiz["medialit"].startswith(str(home.parents[1] / "kit")), \
            f"the students must import the read-only kit, not {student.quiz['medialit']}"


def test_each_student_is_graded_on_their_own_answer(classroom):
    alice, bob, chen = (classroom.students[n] for n in STUDENTS)
    assert alice.quiz["correct"] and alice.quiz["score"] == 1
    assert not bob.quiz["correct"] and bob.quiz["score"] == 0
    assert not chen.quiz["correct"] and chen.quiz["score"] == 0
    assert all(s.quiz["attempts"] == 1 for s in classroom.students.values())


def test_the_kit_is_never_written_at_run_time(classroom):
    changed = sorted(k for k in classroom.kit_before.keys() | classroom.kit_after.keys()
                     if classroom.kit_before.get(k) != classroom.kit_after.get(k))
    assert not changed, f"files under the read-only kit changed while students worked: {changed[:20]}"
    if classroom.read_only_mounts:
        for student in classroom.students.values():
            assert all(student.probe.values()), \
                f"{student.name} could write to {[k for k, v in student.probe.items() if not v]}"


def _store_bytes(home: Path) -> bytes:
    store = home / ".medialit"
    return b"".join(p.read_bytes() for p in sorted(store.rglob("*")) if p.is_file())


def test_progress_lands_in_each_students_own_store(classroom):
    for name, student in classroom.students.items():
        home = classroom.homes / name
        assert (home / ".medialit").is_dir(), f"no progress store at {home / '.medialit'}"
        data = _store_bytes(home)
        assert QUESTION.encode() in data, f"{name}'s store does not mention {QUESTION}"
        assert student.answer.encode() in data, f"{name}'s answer {student.answer!r} is not in their store"
        for other in STUDENTS.values():
            if other != student.answer:
                assert other.encode() not in data, f"{name}'s store holds another student's answer {other!r}"


def test_teacher_report_shows_every_student(classroom):
    assert classroom.has_export_report, "the kit's command line offers no 'export' or 'report'"
    for student in classroom.students.values():
        assert student.export and student.export["rc"] == 0, (student.name, student.export)
    report = classroom.report
    assert report is not None and report.returncode == 0, (report.stdout, report.stderr)
    assert f"{len(STUDENTS)} student" in report.stdout, report.stdout
    students_csv = report.files.get("students.csv", "")
    for name in STUDENTS:
        assert name in students_csv, f"{name} missing from the teacher's students.csv:\n{students_csv}"
        assert name in report.files.get("report.html", ""), f"{name} missing from report.html"


def test_lesson_renders_as_a_voila_app_on_the_hub(classroom):
    if classroom.voila is None:
        pytest.skip("voila is not installed")
    status, page = classroom.voila
    assert status == 200, page[-2000:]
    # Voila executed the lesson in alice's server: widget views, no error output.
    assert "application/vnd.jupyter.widget-view+json" in page
    assert '"output_type": "error"' not in page and "Traceback" not in page, page[-3000:]
