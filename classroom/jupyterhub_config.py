"""JupyterHub configuration for one classroom server (``make classroom`` starts it).

Settings come from environment variables so the same file serves the class, the integration
test and the load benchmark (``run_hub.py`` sets them and says what it chose):

=============================  ====================================  =========================
variable                       meaning                               default
=============================  ====================================  =========================
COURSEKIT_HUB_IP / _PORT       address students open                 127.0.0.1 / 8000
COURSEKIT_HUB_API_PORT         hub ↔ proxy ↔ servers (loopback)      8081 (proxy API: +1)
COURSEKIT_HUB_STATE            database, cookie secret, passwords    /srv/coursekit-classroom
COURSEKIT_HUB_HOMES            folder of the students' homes         /home
COURSEKIT_TRAINER              trainer's account name (admin)        trainer
COURSEKIT_STUDENT_GROUP        system group of class accounts        coursekit-students
COURSEKIT_ROSTER               file with one student name per line   (none: open first-use)
COURSEKIT_MEM_LIMIT_GB         memory limit per process              3
COURSEKIT_IDLE_MINUTES         stop servers idle this long           60
COURSEKIT_COLLECT_SECONDS      copy progress for the trainer every   60
=============================  ====================================  =========================
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIT = HERE.parent
sys.path.insert(0, str(HERE))

env = os.environ.get
ip = env("COURSEKIT_HUB_IP", "127.0.0.1")
port = int(env("COURSEKIT_HUB_PORT", "8000"))
api_port = int(env("COURSEKIT_HUB_API_PORT", "8081"))
state = Path(env("COURSEKIT_HUB_STATE", "/srv/coursekit-classroom"))
homes = env("COURSEKIT_HUB_HOMES", "/home")
trainer = env("COURSEKIT_TRAINER", "trainer")
group = env("COURSEKIT_STUDENT_GROUP", "coursekit-students")
idle_minutes = int(env("COURSEKIT_IDLE_MINUTES", "60"))
python = str(Path(sys.executable))
state.mkdir(parents=True, exist_ok=True, mode=0o700)

c = get_config()  # noqa: F821 - provided by JupyterHub

# -- network: students reach the proxy; everything else stays on loopback --------------------
c.JupyterHub.bind_url = f"http://{ip}:{port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = api_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{api_port + 1}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

# -- accounts: first-use passwords; the trainer is the admin -----------------------------------
c.JupyterHub.authenticator_class = "coursekit_hub.ClassroomAuthenticator"
c.ClassroomAuthenticator.dbm_path = str(state / "passwords.dbm")
c.ClassroomAuthenticator.home_base = homes
c.ClassroomAuthenticator.student_group = group
c.ClassroomAuthenticator.min_password_length = 6
c.Authenticator.admin_users = {trainer}
roster = env("COURSEKIT_ROSTER")
if roster:  # only the names on the class list may log in
    names = [n.strip().lower() for n in Path(roster).read_text(encoding="utf-8").splitlines()]
    c.Authenticator.allowed_users = {n for n in names if n and not n.startswith("#")}
    c.ClassroomAuthenticator.create_users = False
else:  # anyone on the class network may sign up (first login sets the password)
    c.Authenticator.allow_all = True
    c.ClassroomAuthenticator.create_users = True

# -- each student's server: their own system user, their home, the kit's environment ---------
c.JupyterHub.spawner_class = "coursekit_hub.ClassroomSpawner"
c.ClassroomSpawner.student_group = group
c.ClassroomSpawner.process_memory_limit = int(float(env("COURSEKIT_MEM_LIMIT_GB", "3")) * 1024**3)
c.Spawner.cmd = [python, str(HERE / "start_student.py")]
c.Spawner.notebook_dir = "~/course"
c.Spawner.default_url = "/lab/tree/notebooks/00-start-here.ipynb"
c.Spawner.mem_limit = f"{env('COURSEKIT_MEM_LIMIT_GB', '3')}G"  # advertised to the server
c.Spawner.start_timeout = 300  # 40 servers starting at once on 2 cores take minutes
c.Spawner.http_timeout = 90
c.Spawner.environment = {
    "COURSEKIT_KIT_DIR": str(KIT),
    # 40 students share a few cores: one thread per kernel
    "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}
# collected progress: outside the (root-only) state folder, owned by the trainer, mode 0700
collected = Path(f"{state}-progress")
c.ClassroomSpawner.class_dir = str(collected)
c.JupyterHub.concurrent_spawn_limit = 50
c.JupyterHub.active_server_limit = 0

# -- services: stop idle servers; copy progress files for the trainer's dashboard ---------------
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [
    {"name": "idle-culler",
     "command": [python, "-m", "jupyterhub_idle_culler", f"--timeout={idle_minutes * 60}",
                 "--cull-every=300"]},
    {"name": "progress-collector",
     "command": [python, str(HERE / "collect_progress.py"), "--homes", homes,
                 "--group", group, "--out", str(collected), "--owner", trainer,
                 "--every", env("COURSEKIT_COLLECT_SECONDS", "60")]},
]
