"""Child processes of `jss load --bulk` that work on each file as soon as the loader has validated
it, so that validation (one core) and what follows it share the machine's two cores.

Two jobs:
- `resolution`: gather resolution's inputs (`resolution.offline.Inputs`) from each validated file,
  then resolve them (`resolution.offline.main`) while the loader writes the import files. Before,
  the loader validated every file (≈4–5 min at national), gathered the inputs in a second pass over
  all rows (≈2.6 min, the other core idle), and only then started resolution.
- `import-files`: write the neo4j-admin import files (`loaders.bulk.write_import_files`) of each
  validated file, for a bulk load without resolution, where writing them came after validation.

Protocol (`python -m loaders.bulk_child JOB OUTPUT LOAD_ID [INPUTS RUN_AT]`): one JSON line per
validated file on stdin, in load order — `{"stem", "spill", "rejected"}`, `rejected` a pickle of
the file's rejected row numbers — then `{"end": true}`. Without that last line (the loader failed
or was stopped) the child exits with status 3 and leaves its work unfinished.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

END = {"end": True}
INCOMPLETE = 3


class Incomplete(Exception):
    """The loader's list of files ended without its end line."""


def _files(lines: Iterator[str]) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """(stem, accepted rows) of each file named on `lines`; Incomplete if the end line never comes."""
    from loaders.bundle import spilled_rows

    for line in lines:
        msg = json.loads(line)
        if msg == END:
            return
        with open(msg["rejected"], "rb") as fh:
            rejected = pickle.load(fh)
        yield msg["stem"], spilled_rows(Path(msg["spill"]), rejected)
    raise Incomplete("the loader's list of validated files ended without its end line")


def gather(lines: Iterator[str], load_id: str, folder: Path) -> dict[str, int]:
    """`resolution.offline.Inputs` of every file named on `lines` (see the module docstring)."""
    from loaders.bulk import KEYS, emitted_files
    from resolution.offline import Inputs

    inputs = Inputs(folder, KEYS)
    for nodes, rels in emitted_files(_files(lines), load_id):
        inputs.add(nodes, rels)
    return inputs.close()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    job, output, load_id = args[0], Path(args[1]), args[2]
    lines = iter(sys.stdin.readline, "")
    t0 = time.perf_counter()
    try:
        if job == "import-files":
            from loaders.bulk import write_import_files_of

            write_import_files_of(_files(lines), load_id, output)
            return 0
        counts = gather(lines, load_id, Path(args[3]))
    except Incomplete as exc:
        print(f"bulk {job}: {exc}; stopped", file=sys.stderr)
        return INCOMPLETE
    from resolution import offline

    return offline.main([args[3], str(output), args[4]],
                        extra={"gather_s": round(time.perf_counter() - t0, 2), "gathered": counts})


class BulkChild:
    """The loader's side: start a child, name each validated file to it, wait for it."""

    def __init__(self, args: list[str], work: Path, env: dict[str, str], cwd: Path):
        self.rejected_dir = work / "rejected-rows"
        self.rejected_dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([sys.executable, "-m", "loaders.bulk_child", *args],
                                     stdin=subprocess.PIPE, text=True, cwd=cwd, env=env)

    def file_done(self, stem: str, spill: Path, rejected: set[int]) -> None:
        # Row numbers go through a file: a pipe holds 64 KB, and a long list would block the loader
        # until the child, still reading the previous file, took it.
        path = self.rejected_dir / f"{stem}.pickle"
        with path.open("wb") as fh:
            pickle.dump(frozenset(rejected), fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._send({"stem": stem, "spill": str(spill), "rejected": str(path)})

    def all_files_done(self) -> None:
        self._send(END)
        self._close_stdin()

    def _send(self, msg: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps(msg, ensure_ascii=False) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass                         # the child already failed: wait() reports its status

    def wait(self) -> int:
        return self.proc.wait()

    def stop(self) -> None:
        """The load failed: the child's work is of no use."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._close_stdin()

    def _close_stdin(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            try:
                self.proc.stdin.close()
            except BrokenPipeError:      # the child is gone; closing still releases the pipe
                pass


if __name__ == "__main__":
    sys.exit(main())
