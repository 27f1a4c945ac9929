"""The class server's pieces that JupyterHub does not have out of the box.

* :class:`ClassroomAuthenticator` — first-use passwords (``jupyterhub-firstuseauthenticator``):
  a student types a name and a password at the first login, and that password is theirs from
  then on. It adds clear messages on the login page for the names a class server must refuse
  (not a valid system user name, a name taken by a system account that is not a student's, a
  home folder that already exists) and for a second sign-up with a taken name, and it creates
  the student's system user in the students' group with a private (0700) home.
* :class:`ClassroomSpawner` — JupyterHub's ``LocalProcessSpawner`` (each server runs as the
  student's own system user, in their home), started through ``start_student.py`` (which
  copies the exercises on first start as the student), with a per-process memory limit.

Both are configured in ``jupyterhub_config.py``; nothing here runs without JupyterHub.
"""

from __future__ import annotations

import dbm
import grp
import os
import pwd
import re
import resource
import subprocess
from pathlib import Path

from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from jupyterhub.utils import maybe_future
from traitlets import Integer, Unicode

NAME_RULE = re.compile(r"^[a-z][a-z0-9_-]{1,30}$")
NAME_HELP = ("2-31 characters: lower-case letters a-z, digits, '-' or '_', starting with a "
             "letter (it becomes an account name on the server)")
RESERVED = {"root", "admin", "administrator", "daemon", "bin", "sys", "nobody", "www-data",
            "jupyter", "jupyterhub", "hub", "user", "guest", "test"}


def _group_gid(name: str) -> int | None:
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        return None


def _in_group(username: str, group: str) -> bool:
    gid = _group_gid(group)
    if gid is None:
        return False
    try:
        entry = pwd.getpwnam(username)
    except KeyError:
        return False
    return entry.pw_gid == gid or username in grp.getgrgid(gid).gr_mem


class ClassroomAuthenticator(FirstUseAuthenticator):
    """First-use passwords, valid system names only, a system user per student."""

    home_base = Unicode("/home", config=True, help="Folder holding the students' homes.")
    student_group = Unicode("coursekit-students", config=True,
                            help="System group of the student (and trainer) accounts.")

    def name_problem(self, name: str) -> str | None:
        """Why ``name`` cannot be a class account (``None`` when it can)."""
        if not NAME_RULE.match(name):
            return f"'{name}' cannot be used as a name: use {NAME_HELP}."
        if name in RESERVED:
            return f"'{name}' is reserved on this server: choose another name."
        try:
            pwd.getpwnam(name)
        except KeyError:
            home = Path(self.home_base) / name
            if home.exists() or home.is_symlink():
                return (f"A folder {home} already exists on the server but no account owns "
                        "it: choose another name, or ask the trainer (nothing was changed).")
            return None
        if not _in_group(name, self.student_group):
            return (f"'{name}' is already an account on this server that is not a student "
                    "account: choose another name.")
        return None

    def validate_username(self, name: str) -> bool:
        return self.name_problem(name) is None and super().validate_username(name)

    async def authenticate(self, handler, data):
        raw = str(data.get("username", ""))
        name = self.normalize_username(raw)
        problem = self.name_problem(name)
        if problem:
            self.log.warning("Refused login %r: %s", raw, problem)
            handler.custom_login_error = problem
            return None
        with dbm.open(self.dbm_path, "c", 0o600) as db:
            taken = db.get(name.encode("utf8")) is not None
        result = await super().authenticate(handler, data)
        if result is None and taken:
            handler.custom_login_error = (
                f"The name '{name}' is already taken and the password does not match. If it is "
                "your account, check the password (the trainer can reset it); otherwise choose "
                "another name.")
            self.log.warning("Refused login %r: taken name, wrong password", name)
        return result

    async def add_user(self, user):
        """Create the student's system user (group, private home) if it does not exist yet."""
        name = user.name
        problem = self.name_problem(name)
        if problem:
            raise ValueError(problem)
        try:
            pwd.getpwnam(name)
        except KeyError:
            if _group_gid(self.student_group) is None:
                subprocess.run(["groupadd", "--system", self.student_group], check=True,
                               capture_output=True)
            home = Path(self.home_base) / name
            home.parent.mkdir(parents=True, exist_ok=True)
            cmd = ["useradd", "--create-home", "--home-dir", str(home), "--gid",
                   self.student_group, "--shell", "/usr/sbin/nologin", "--comment",
                   "coursekit classroom", name]
            self.log.info("Creating system user: %s", " ".join(cmd))
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(f"Could not create the system user {name}: "
                                   f"{done.stderr.strip() or done.stdout.strip()}") from None
            os.chmod(home, 0o700)
        await maybe_future(super().add_user(user))


class ClassroomSpawner(LocalProcessSpawner):
    """LocalProcessSpawner + a memory limit per process (RLIMIT_AS) + a guard on who runs."""

    student_group = Unicode("coursekit-students", config=True)
    process_memory_limit = Integer(
        3 * 1024**3, config=True,
        help="Address-space limit (bytes) for each process of a student (server, each kernel); "
             "0 = none. LocalProcessSpawner cannot cap a user's total memory (no cgroups).")

    class_dir = Unicode("", config=True,
                        help="Folder of collected progress files, given to the trainer's server.")

    def make_preexec_fn(self, name):
        setuid = set_user_setuid(name)
        limit = self.process_memory_limit

        def preexec():
            if limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            setuid()

        return preexec

    async def start(self):
        name = self.user.name
        if not _in_group(name, self.student_group):
            raise RuntimeError(f"{name} is not an account of this class (group "
                               f"{self.student_group}); the server was not started.")
        return await super().start()

    def get_env(self):
        env = super().get_env()
        # per server, never on the shared `environment` dict: only the admin gets the
        # trainer's copy (solutions, dashboard) and the folder of collected progress
        env["COURSEKIT_ROLE"] = "trainer" if self.user.admin else "student"
        env.pop("COURSEKIT_CLASS_DIR", None)
        if self.user.admin and self.class_dir:
            env["COURSEKIT_CLASS_DIR"] = self.class_dir
        return env
