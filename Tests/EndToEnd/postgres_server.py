"""A throwaway PostgreSQL server for the end-to-end suite's PostgreSQL run: Debian's binaries,
`initdb` into a temporary folder, `pg_ctl` on a Unix socket in that folder only (no TCP), stopped
at the end. As root (CI containers) the server runs as the `postgres` user, since PostgreSQL
refuses to run as root."""
import glob
import os
import shutil
import subprocess
import tempfile


def binaries():
    """The folder of the highest installed PostgreSQL's initdb and pg_ctl, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return os.path.dirname(found[-1]) if found else None


class PostgresServer:
    def __init__(self, durable=False):
        """`durable`: fsync at every commit, as a production server does (the benchmark); the tests turn
        fsync off for speed."""
        self.bin = binaries()
        assert self.bin, "PostgreSQL is not installed (Debian package `postgresql`; .ci/run installs it)"
        self.dir = tempfile.mkdtemp(prefix="casework-e2e-pg-")
        self.as_server = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "casework", "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        self._run(f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-w", "-l", f"{self.dir}/server.log", "start", "-o",
                  f"-c listen_addresses='' -k {self.dir} -c max_connections=300" + ("" if durable else " -c fsync=off"))
        self.count = 0

    def _run(self, *args):
        out = subprocess.run([*self.as_server, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, text=True, timeout=120)
        assert out.returncode == 0, out.stdout

    def database(self, template=None):
        """A new database, empty or a copy of the database named `template` (which nobody may be
        connected to): its name and its postgres:// URL."""
        self.count += 1
        name = f"e2e_{self.count}"
        self.psql("postgres", f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name, f"postgresql://casework@/{name}?host={self.dir}"

    def psql(self, database, sql):
        """Runs `sql` with psql; returns its rows as lists of text fields (NULL as None)."""
        out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-P", "null=\x1e", "-v", "ON_ERROR_STOP=1",
                              "-h", self.dir, "-U", "casework", "-d", database, "-c", sql],
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return [[None if field == "\x1e" else field for field in line.split("\x1f")] for line in out.stdout.splitlines() if line]

    def stop(self):
        subprocess.run([*self.as_server, f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)
