"""The student's store and its recorder: saving and restoring answers, student ids, faults, my_progress, widgets.

Every test runs with ``MEDIALIT_HOME`` in a temporary folder (never the real ~/.medialit).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import medialit
from medialit.classroom import names, notices, panels
from medialit.classroom import names as names_module
from medialit.classroom import store as store_module
from medialit.classroom.names import clean_name, safe_name
from medialit.classroom.store import Store
from medialit.errors import ProgressError
from tests.classroom.support import isolated_home

FORK = multiprocessing.get_context("fork")
SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{16}$")
TEMPORARIES = ".*.tmp"          # medialit._io.atomic's temporary files, beside the store


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch) -> Path:
    return isolated_home(tmp_path, monkeypatch, os_user="os-user")


def _students(home: Path) -> Path:
    return home / "students"


# -- student ids --------------------------------------------------------------------------------

TRICKY = ["../../etc/passwd", "a/b", "/abs", "..", ".", "<script>alert(1)</script>", "Ana", "ana", "ANA",
          "Zoë", "Zoe\u0308", "ｚｏｅ", "zoe", "\u202egnp.exe", "bob\u200b", "bob", "CON", "nul", "x" * 500,
          "李雷", "Łukasz", "a b", "a_b", "a-b", "-", "😀", "a\x00b", "a\nb"]


def test_tricky_ids_map_to_distinct_harmless_names_inside_the_store_folder(home):
    names = [safe_name(s) for s in TRICKY]
    assert len(set(names)) == len(TRICKY)
    assert len({n.lower() for n in names}) == len(TRICKY)        # case-insensitive disks too
    for student, name in zip(TRICKY, names):
        assert SAFE.match(name), (student, name)
        assert len(name) <= 57
    folder = _students(home)
    takes = [s for s in TRICKY if names_module.name_problem(s) is None]
    assert set(TRICKY) - set(takes) == {"x" * 500}                  # over-long: refused, at every door
    with pytest.raises(ProgressError, match="500 characters"):
        Store("x" * 500)
    for n, student in enumerate(takes):
        store = Store(student)
        assert store.path.parent == folder
        store.save("mini-article", "q1", f"answer {n}", score=1.0, correct=True, attempts=1)
    people = {names_module.identity(s) for s in takes}               # Ana, ana, ANA are one student
    assert {"ana", "zoe", "zoë", "bob", "a b"} <= people and len(people) < len(takes)
    files = sorted(p.name for p in folder.iterdir() if p.suffix == ".json")
    assert len(files) == len(people)
    assert {p.parent for p in home.rglob("*")} <= {home, folder}   # nothing escaped the folder
    last = {names_module.identity(s): n for n, s in enumerate(takes)}
    for student in takes:                                             # each reads back its person's last answer
        assert Store(student).get("mini-article", "q1")["answer"] == f"answer {last[names_module.identity(student)]}"


def test_readable_slug_part():
    assert safe_name("Łukasz Nowak").startswith("ukasz-nowak-") or safe_name("Łukasz Nowak").startswith("lukasz-nowak-")
    assert safe_name("José").startswith("jose-")
    assert safe_name("<script>").startswith("script-")
    assert safe_name("李雷").startswith("student-")


@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=60))
def test_any_two_different_ids_get_different_safe_names(a, b):
    assert SAFE.match(safe_name(a)) and SAFE.match(safe_name(b))
    assert (safe_name(a) == safe_name(b)) == (a == b)


def test_student_comes_from_jupyterhub_then_whoami_then_os(monkeypatch):
    assert names.current_student() == ("os-user", "os")
    names.set_name("  Zoë \u200b  Martin\t")
    assert names.current_student() == ("Zoë Martin", "whoami")
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-zoe")
    assert names.current_student() == ("hub-zoe", "jupyterhub")


def test_names_are_cleaned_and_bad_ones_refused():
    assert clean_name("Zoe\u0308") == "Zoë"                       # NFC
    assert clean_name("\u202eAna\u202c  Ruiz") == "Ana Ruiz"      # bidi controls gone
    for bad in ["", "   ", "\u200b", "x" * (names.MAX_NAME + 1), None, 5]:
        with pytest.raises(ProgressError):
            clean_name(bad)


# -- saving and reading ------------------------------------------------------------------------

def test_save_keeps_last_answer_attempts_and_history(home):
    store = Store("ana")
    store.save("art", "q1", ["a"], score=0.0, correct=False, attempts=1, lesson=2, qtype="multi_choice")
    store.save("art", "q1", ["a", "b"], score=1.0, correct=True, attempts=2, lesson=2, qtype="multi_choice")
    rec = Store("ana").get("art", "q1")
    assert rec["answer"] == ["a", "b"] and rec["attempts"] == 2 and rec["score"] == 1.0 and rec["lesson"] == 2
    assert [h["answer"] for h in rec["history"]] == [["a"], ["a", "b"]]
    assert rec["first_at"] <= rec["at"]
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["schema"] == store_module.STORE_SCHEMA and data["student"] == "ana"


def test_history_is_capped(home):
    store = Store("ana")
    for i in range(store_module.HISTORY_LIMIT + 7):
        store.save("art", "q", i, score=0.0, correct=False, attempts=i + 1)
    rec = store.get("art", "q")
    limit = store_module.HISTORY_LIMIT
    assert len(rec["history"]) == limit and rec["history"][-1]["answer"] == limit + 6
    assert rec["attempts"] == limit + 7


def test_a_save_leaves_no_temporary_file_and_a_parseable_store(home):
    store = Store("ana")
    store.save("art", "q", [[1, 2]], score=0.5, correct=True, attempts=1)
    leftovers = [p.name for p in _students(home).iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert json.loads(store.path.read_text(encoding="utf-8"))["answers"]["art"]["q"]["answer"] == [[1, 2]]


def test_unsaveable_values_are_refused_before_touching_the_file(home):
    store = Store("ana")
    store.save("art", "q", 1, score=1.0, correct=True, attempts=1)
    before = store.path.read_bytes()
    with pytest.raises(ProgressError):
        store.save("art", "q", 1, score=float("nan"), correct=True, attempts=1)
    with pytest.raises((TypeError, ValueError)):
        store.save("art", "q", object(), score=1.0, correct=True, attempts=1)
    assert store.path.read_bytes() == before


# -- damaged stores ------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"", json.dumps([1, 2]).encode(),
                                     json.dumps({"schema": "something.else/1"}).encode(),
                                     json.dumps({"schema": store_module.STORE_SCHEMA, "student": "someone-else",
                                                 "answers": {}}).encode(),
                                     json.dumps({"schema": store_module.STORE_SCHEMA, "student": "ana",
                                                 "answers": {"art": ["not", "a", "dict"]}}).encode()],
                         ids=["truncated", "binary", "empty", "list", "foreign-schema", "other-student", "bad-shape"])
def test_a_damaged_or_foreign_store_is_kept_aside_with_one_warning_and_a_fresh_store_works(home, capsys, content):
    store = Store("ana")
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    assert store.load()["answers"] == {}
    assert Store("ana").load()["answers"] == {}                   # asked again: no second warning
    backups = list(_students(home).glob("*.damaged-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == content   # kept byte for byte, never deleted
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("medialit: your saved answers could not be read")
    assert str(backups[0]) in err[0]
    store.save("art", "q", "x", score=1.0, correct=True, attempts=1)  # the lesson goes on
    assert Store("ana").get("art", "q")["answer"] == "x"
    assert len(notices.warnings_given) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("which", ["store", "whoami"])
def test_a_pipe_in_place_of_the_store_or_whoami_never_hangs_a_check(home, monkeypatch, which):
    # found auditing issue 13 (every file read checks it is a regular file): reading a pipe in the
    # store's place waited for a writer for ever, so Check hung the kernel
    import signal

    if which == "store":
        monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    else:                                           # no hub login: the kit reads whoami.json for the name
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    target = Store("ana").path if which == "store" else names.whoami_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(target)
    class Hung(BaseException):                      # not an OSError: no handler of the kit catches it
        pass

    def hung(*_):
        raise Hung("Check waited on a pipe for 10 s")

    signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        q = medialit.quiz("mini-single")
        q.answer("mayor")
        assert q.check().correct
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    if which == "store":
        assert "Not saved:" in q.feedback_area.value and "not a regular file" in q.feedback_area.value
    else:                                           # no name saved: the login names the student, answer kept
        assert names.current_student() == ("os-user", "os") and "Not saved" not in q.feedback_area.value
        assert Store("os-user").get("mini-article", "mini-single")["answer"] == "mayor"


def test_a_damaged_store_found_while_saving_is_kept_and_the_answer_saved(home, capsys):
    store = Store("ana")
    store.path.parent.mkdir(parents=True)
    store.path.write_text('{"schema": "medialit.progress/1", "student": "ana", "answers": {', encoding="utf-8")
    store.save("art", "q", "x", score=1.0, correct=True, attempts=1)
    assert store.get("art", "q")["answer"] == "x"
    assert len(list(_students(home).glob("*.damaged-*"))) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_two_backups_in_the_same_instant_do_not_overwrite_each_other(home, monkeypatch):
    store = Store("ana")
    store.path.parent.mkdir(parents=True)
    for content in (b"first", b"second"):
        store.path.write_bytes(content)
        store.load()
    backups = sorted(p.read_bytes() for p in _students(home).glob("*.damaged-*"))
    assert backups == [b"first", b"second"]


# -- two writers at once, and writers killed mid-save -------------------------------------------------

def _writer(folder: str, prefix: str, count: int, barrier) -> None:
    store = Store("shared-student", folder)
    barrier.wait()
    for i in range(count):
        store.save("art", f"{prefix}-{i}", {"writer": prefix, "i": i}, score=1.0, correct=True, attempts=1)


def test_two_processes_saving_200_answers_each_at_once_lose_none(home):
    folder = str(_students(home))
    barrier = FORK.Barrier(2)
    procs = [FORK.Process(target=_writer, args=(folder, name, 200, barrier)) for name in ("nb1", "nb2")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    answers = Store("shared-student", folder).load()["answers"]["art"]
    assert len(answers) == 400
    for name in ("nb1", "nb2"):
        for i in range(200):
            assert answers[f"{name}-{i}"]["answer"] == {"writer": name, "i": i}
    assert not list(Path(folder).glob("*.damaged-*")) and not list(Path(folder).glob(TEMPORARIES))


def _saver(folder: str, student: str, round_: int, ack_fd: int) -> None:
    store = Store(student, folder)
    os.write(ack_fd, b"go\n")
    i = 0
    while True:
        store.save("art", f"r{round_}-{i}", [round_, i], score=0.5, correct=False, attempts=i + 1)
        os.write(ack_fd, f"r{round_}-{i}\n".encode())    # only after save() returned
        i += 1


def test_writers_killed_at_random_points_200_times_never_damage_the_store_or_lose_an_acked_answer(home):
    folder = _students(home)
    folder.mkdir(parents=True)
    rng = random.Random(20260510)
    acked: dict[str, set[str]] = {f"s{k}": set() for k in range(8)}
    rounds_with_acks = rounds_with_leftover_tmp = 0
    started = time.perf_counter()
    for round_ in range(200):
        student = f"s{round_ % 8}"
        temps_before = set(folder.glob(TEMPORARIES))
        read_fd, write_fd = os.pipe()
        proc = FORK.Process(target=_saver, args=(str(folder), student, round_, write_fd))
        proc.start()
        os.close(write_fd)
        assert os.read(read_fd, 3) == b"go\n"                   # the child is about to save
        time.sleep(rng.uniform(0.0, 0.05))
        proc.kill()                                             # SIGKILL
        proc.join()
        chunks = []
        while chunk := os.read(read_fd, 65536):
            chunks.append(chunk)
        os.close(read_fd)
        lines = b"".join(chunks).decode().split("\n")[:-1]      # complete lines only
        acked[student].update(lines)
        rounds_with_acks += bool(lines)
        rounds_with_leftover_tmp += bool(set(folder.glob(TEMPORARIES)) - temps_before)
        store = Store(student, folder)
        data, reason = store._read()
        assert reason is None, f"round {round_}: store damaged: {reason}"
        saved = set((data or {"answers": {}})["answers"].get("art", {}))
        assert acked[student] <= saved, f"round {round_}: lost {sorted(acked[student] - saved)[:5]}"
    elapsed = time.perf_counter() - started
    assert not list(folder.glob("*.damaged-*"))
    # The kills did land mid-loop and mid-write (not all before the first save or between saves).
    assert rounds_with_acks >= 60 and rounds_with_leftover_tmp >= 10, (rounds_with_acks, rounds_with_leftover_tmp)
    for student in acked:                                        # the next save clears stale temporaries
        Store(student, folder).save("art", "after", 1, score=1.0, correct=True, attempts=1)
    assert not list(folder.glob(TEMPORARIES))
    print(f"200 kills in {elapsed:.1f} s; {sum(map(len, acked.values()))} acked saves in {rounds_with_acks} rounds; "
          f"{rounds_with_leftover_tmp} kills left a temporary file behind")


# -- hooks with the real quiz engine ---------------------------------------------------------------

def test_a_checked_answer_is_saved_and_comes_back_in_a_new_quiz_widget(home):
    q = medialit.quiz("mini-multi")
    q.answer(["reckless", "weeks"])
    q.check()
    q.answer(["reckless"])
    first = q.check()
    rec = Store().get("mini-article", "mini-multi")
    assert rec["answer"] == ["reckless"] and rec["attempts"] == 2 and rec["score"] == first.score == 0.5
    assert rec["lesson"] == 1 and rec["type"] == "multi_choice" and len(rec["history"]) == 2

    again = medialit.quiz("mini-multi")
    assert again.current_answer == ["reckless"] and again.attempts == 2
    assert again._controls.read() == ["reckless"]                     # the boxes are ticked again
    assert "Partly right" in again.feedback_area.value               # and the feedback is back
    assert len(Store().get("mini-article", "mini-multi")["history"]) == 2   # restoring saved nothing


def test_every_answer_type_round_trips_through_the_store(home):
    answers = {"mini-single": "engineer", "mini-multi": ["stormy"], "mini-sort": {"a": "framing", "b": "framing"},
               "mini-highlight": [(396, 411)], "mini-weeks": 11.0}
    for qid, value in answers.items():
        q = medialit.quiz(qid)
        q.answer(value)
        result = q.check()
        back = medialit.quiz(qid)
        assert back.current_answer == q.current_answer, qid
        assert back.last_result is not None and back.last_result.score == result.score, qid


def test_unchecked_answers_and_empty_checks_are_not_saved(home):
    q = medialit.quiz("mini-single")
    q.answer("mayor")                  # not checked
    q.answer(None)
    q.check()                          # no answer: not an attempt
    assert Store().get("mini-article", "mini-single") is None


def test_progress_off_saves_and_restores_nothing(home, monkeypatch):
    monkeypatch.setenv("MEDIALIT_PROGRESS", "off")
    q = medialit.quiz("mini-single")
    q.answer("mayor")
    q.check()
    assert not _students(home).exists()


def test_a_saved_answer_that_no_longer_fits_is_dropped_with_one_line(home, capsys):
    Store().save("mini-article", "mini-single", "gone-option", score=1.0, correct=True, attempts=1)
    q = medialit.quiz("mini-single")
    assert q.current_answer is None and q.attempts == 0
    assert capsys.readouterr().err.count("\n") == 1


def test_a_damaged_store_warns_once_and_the_quiz_goes_on(home, capsys):
    Store().path.parent.mkdir(parents=True)
    Store().path.write_text("garbage", encoding="utf-8")
    q = medialit.quiz("mini-single")
    q2 = medialit.quiz("mini-multi")
    q.answer("mayor")
    assert q.check().correct
    assert Store().get("mini-article", "mini-single")["answer"] == "mayor"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "kept as" in err[0]
    assert q2.current_answer is None


def test_an_unwritable_home_gives_one_line_and_the_quiz_goes_on(home, capsys, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store folder should be", encoding="utf-8")
    monkeypatch.setenv("MEDIALIT_HOME", str(blocker))
    q = medialit.quiz("mini-single")
    for answer in ("engineer", "mayor"):
        q.answer(answer)
        result = q.check()
    assert result.correct and q.attempts == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("medialit: your answers cannot be saved in")


def _fresh_python(code: str) -> str:
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_importing_medialit_registers_nothing_in_a_fresh_interpreter(home):
    code = ("import medialit, medialit.quizzes\n"
            "bare = medialit.quizzes.quiz('mini-single')\n"
            "bare.answer('mayor'); bare.check()\n"
            "print(bare.recorder)")
    assert _fresh_python(code).strip() == "None"
    assert not _students(home).exists()                           # a quiz without a recorder saved nothing
    _fresh_python("import medialit\nq = medialit.quiz('mini-single')\nq.answer('mayor'); q.check()")
    assert Store().get("mini-article", "mini-single")["answer"] == "mayor"   # medialit.quiz does save


def test_reloading_the_package_registers_nothing_and_saves_each_check_once(home):
    from importlib import reload

    import medialit.classroom.recorder
    import medialit.quizzes

    for module in (medialit.quizzes, medialit.classroom.recorder, medialit):
        reload(module)
    bare = medialit.quizzes.quiz("mini-single")
    bare.answer("engineer")
    bare.check()
    assert bare.recorder is None and not _students(home).exists()
    q = medialit.quiz("mini-single")
    q.answer("mayor")
    q.check()
    rec = Store().get("mini-article", "mini-single")
    assert (rec["answer"], rec["attempts"], len(rec["history"])) == ("mayor", 1, 1)   # one save, not two


# -- a real kernel, restarted --------------------------------------------------------------------

def _run(kc, code: str) -> str:
    out = []
    reply = kc.execute_interactive(code, timeout=60, output_hook=out.append)
    assert reply["content"]["status"] == "ok", reply["content"]
    errors = [m for m in out if m["msg_type"] == "error"]
    assert not errors, errors
    return "".join(m["content"]["text"] for m in out
                   if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


STATE = ("import json, os\nprint(json.dumps({'pid': os.getpid(), 'answer': q.current_answer, 'attempts': q.attempts,"
         " 'ticked': q._controls.read(), 'feedback': q.feedback_area.value,"
         " 'score': None if q.last_result is None else q.last_result.score}))")


@pytest.mark.slow
def test_answer_and_feedback_come_back_after_a_real_kernel_restart(home, tmp_path):
    from jupyter_client.manager import start_new_kernel

    env = {k: v for k, v in os.environ.items() if k != "JUPYTERHUB_USER"}
    km, kc = start_new_kernel(kernel_name="python3", env=env, cwd=str(tmp_path))
    try:
        _run(kc, "import medialit\nq = medialit.quiz('mini-multi')\nq.answer(['reckless', 'weeks'])\nq.check();")
        _run(kc, "q.answer(['reckless'])\nq.check();")
        before = json.loads(_run(kc, STATE))
        km.restart_kernel(now=True)
        kc.wait_for_ready(timeout=60)
        _run(kc, "import medialit\nq = medialit.quiz('mini-multi')")
        after = json.loads(_run(kc, STATE))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    assert after["pid"] != before["pid"]                         # really a new process
    assert before["answer"] == after["answer"] == ["reckless"]
    assert after["ticked"] == ["reckless"] and after["attempts"] == 2 and after["score"] == 0.5
    assert "Partly right" in after["feedback"] and "Attempt 2" in after["feedback"]
    saved = json.loads(next(_students(home).glob("*.json")).read_text(encoding="utf-8"))
    assert saved["student"] == "os-user"


# -- whoami, hand-in button, my_progress ----------------------------------------------------------------

def test_whoami_saves_a_typed_name_for_later_kernels(home):
    panel = panels.whoami()
    assert repr(panel) == "medialit whoami: type your name once"
    row, status = panel.widget.children
    name, button = row.children
    assert name.description == "Your name" and button.description == "Save name"
    assert 'role="status"' in status.value
    name.value = "  <b>Zoë</b>  "                              # Enter (continuous_update=False)
    assert names.current_student() == ("<b>Zoë</b>", "whoami")
    assert "&lt;b&gt;Zoë&lt;/b&gt;" in status.value and "<b>Zoë" not in status.value
    button.click()
    assert json.loads((home / "whoami.json").read_text(encoding="utf-8"))["name"] == "<b>Zoë</b>"
    name.value = "\u200b"
    assert "empty" in status.value and names.current_student()[0] == "<b>Zoë</b>"


def test_whoami_on_jupyterhub_asks_for_nothing(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "zoe")
    panel = panels.whoami()
    assert repr(panel) == "medialit whoami: signed in through JupyterHub"
    assert len(panel.widget.children) == 1 and "zoe" in panel.widget.children[0].value


def test_handin_button_writes_a_file_and_never_overwrites(home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    panel = panels.handin_button()
    button, status = panel.widget.children
    button.click()
    assert "nothing to hand in" in status.value
    Store().save("mini-article", "mini-single", "mayor", score=1.0, correct=True, attempts=1, lesson=1,
                 qtype="single_choice")
    button.click()
    button.click()
    files = sorted(p.name for p in (tmp_path / "handins").iterdir())
    assert len(files) == 2 and files[1].endswith("--mini-article.json") and files[0].endswith("-2.json")
    assert "already exists and was kept" in status.value


def _answer(qid, value):
    q = medialit.quiz(qid)
    q.answer(value)
    return q.check()


def _highlight_score(answer) -> float:
    from medialit.quizzes import quiz
    from medialit.quizzes.scoring import grade

    question = quiz("mini-highlight").question
    return grade(question, question.coerce(answer)).score


def test_my_progress_counts_lessons_scores_categories_and_what_to_review(home, tmp_path):
    _answer("mini-single", "mayor")                        # lesson 1: right
    _answer("mini-multi", ["reckless", "stormy"])          # lesson 1: right
    _answer("mini-reflect", "Only critics say so.")        # lesson 1: open, unscored -> lesson 1 done
    _answer("mini-sort", {"a": "quoted_reporting", "b": "framing", "c": "framing", "d": "none"})  # 3 of 4
    _answer("mini-highlight", [(396, 411)])                # framing: span P 1, R 0.5, F1 2/3 -> lesson 2 done
    for _ in range(2):
        _answer("mini-weeks", 12)                          # lesson 3: wrong twice ...
    _answer("mini-weeks", 11)                              # ... then right: third attempt
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "02-who-speaks.ipynb").write_text("{}")
    mine = medialit.my_progress(base=tmp_path)
    lessons = mine.lessons.set_index("lesson")
    assert list(lessons.index) == [1, 2, 3]
    assert list(lessons["done"]) == [True, True, False]
    assert list(lessons["answered"]) == [3, 2, 1] and list(lessons["questions"]) == [3, 2, 6]
    highlight = _highlight_score([(396, 411)])              # the quiz's own score (word-level, quizzes.scoring)
    assert lessons.loc[2, "score"] == pytest.approx((0.75 + highlight) / 2)
    assert lessons.loc[1, "link"] == "notebooks/lesson-1.ipynb"
    assert lessons.loc[2, "link"] == "notebooks/02-who-speaks.ipynb"
    cats = mine.categories.set_index("category")
    # quoted_reporting: excerpt a sorted right -> 1.0; framing: excerpt b right (1) + highlight F1 2/3;
    # generalization: excerpt c sorted wrong -> 0.
    assert cats.loc["quoted_reporting", "score"] == pytest.approx(1.0)
    assert cats.loc["framing", "score"] == pytest.approx((1 + 2 / 3) / 2)
    assert cats.loc["generalization", "score"] == pytest.approx(0.0)
    assert cats.loc["generalization", "evidence"] == 1
    review = mine.review.set_index("question")
    assert set(review.index) == {"mini-sort", "mini-weeks"}
    assert "3 attempts" in review.loc["mini-weeks", "why"] and "75%" in review.loc["mini-sort", "why"]
    page = mine._repr_html_()
    assert 'href="notebooks/02-who-speaks.ipynb"' in page and "Worth reviewing" in page
    assert repr(mine).startswith("My progress (os-user): 2 of 3 lesson(s) done, 2 question(s)")


def test_my_progress_links_from_inside_notebooks_and_escapes_names(home, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "<img src=x onerror=alert(1)>")
    _answer("mini-single", "engineer")
    base = tmp_path / "notebooks"
    base.mkdir()
    mine = medialit.my_progress(base=base)
    assert mine.review.loc[0, "link"] == "lesson-1.ipynb"
    page = mine._repr_html_()
    assert "<img" not in page and "&lt;img src=x" in page


def test_my_progress_with_nothing_saved():
    mine = medialit.my_progress()
    assert len(mine.lessons) == 0 and "No answers saved yet" in mine._repr_html_()
