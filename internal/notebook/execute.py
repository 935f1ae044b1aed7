"""Execute one notebook headless with the GoNB kernel and write the executed copy.

Used by the Go package internal/notebook (tests, `make bench`, `make site`); not meant to
be run by hand, but it can be:

    .venv/bin/python internal/notebook/execute.py IN.ipynb OUT.ipynb [--cell-timeout S]

Every cell runs even when an earlier one fails, so one broken cell does not hide the
rest. Timings go into the executed notebook's metadata under "golab":
notebook.metadata.golab = {kernel_start_seconds, total_seconds, status}
cell.metadata.golab = {seconds, started} (started: Unix seconds, for matching kernel logs)
A cell that exceeds the timeout stops the run (status "timeout: cell N").

Options for `make bench` (internal/bench), all off by default:
  --after-cell SOURCE  after every code cell, run SOURCE as an extra cell that is not saved
                       ("{index}" is replaced by the cell's index), e.g. a `!*` shell command
                       that copies GoNB's main.go;
  --repeat TAG=N       run the cell tagged TAG N times in all, right after each other; the
                       extra runs go into cell.metadata.golab.repeats = [{seconds, outputs}];
  --rss-interval S     sample the kernel's process tree every S seconds for peak RSS;
  --complete           after the last cell, ask the kernel to complete code at the end of
                       the last code cell, as JupyterLab does on Tab (GoNB asks gopls, which
                       only then loads the course's packages).
The time spent in extra cells, repeats and the completion is notebook.metadata.golab.extra_seconds
(included in total_seconds; the completion alone is complete_seconds). With --rss-interval the
notebook also gets golab.rss_kib and golab.cpu_seconds (see RSSSampler).
"""

import argparse
import copy
import os
import resource
import sys
import threading
import time

import nbformat
from nbformat.v4 import new_code_cell
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--cell-timeout", type=float, default=300)
    parser.add_argument("--kernel", default="gonb")
    parser.add_argument("--cwd", help="kernel working directory (default: the notebook's folder)")
    parser.add_argument("--after-cell", help="source of an unsaved cell to run after every code cell")
    parser.add_argument("--repeat", action="append", default=[], metavar="TAG=N",
                        help="run the cell tagged TAG N times in all")
    parser.add_argument("--rss-interval", type=float, default=0, help="sample peak RSS every S seconds")
    parser.add_argument("--complete", action="store_true", help="ask for a completion after the last cell")
    args = parser.parse_args()
    repeats = {}
    for spec in args.repeat:
        tag, _, n = spec.rpartition("=")
        repeats[tag] = int(n)

    nb = nbformat.read(args.notebook, as_version=4)
    cwd = args.cwd or os.path.dirname(os.path.abspath(args.notebook))
    client = NotebookClient(
        nb,
        timeout=int(args.cell_timeout),
        kernel_name=args.kernel,
        allow_errors=True,
        record_timing=True,
        # Without this the kernel runs in the caller's folder and GONB_DIR is wrong.
        resources={"metadata": {"path": cwd}},
    )
    status = "ok"
    t0 = time.monotonic()
    kernel_start = None
    extra = 0.0
    completion = None
    sampler = None

    def run(cell, index):
        """Executes one cell; returns the status and the wall time."""
        start = time.monotonic()
        try:
            client.execute_cell(cell, index)
        except CellTimeoutError:
            return f"timeout: cell {index} ran longer than {args.cell_timeout:g}s", time.monotonic() - start
        except DeadKernelError:
            return f"dead kernel: the kernel died during cell {index}", time.monotonic() - start
        return "ok", time.monotonic() - start

    def run_extra(cell, index):
        """Executes a cell that is not part of the notebook. nbclient stores an executed cell
        at its index and maps display ids to indices, so it runs at an index of its own past
        the end, which is removed afterwards."""
        nb.cells.append(cell)
        at = len(nb.cells) - 1
        try:
            status, seconds = run(cell, at)
        finally:
            nb.cells.pop()
        return status.replace(f"cell {at} ", f"cell {index} (an extra run) "), seconds

    def extras(cell, index):
        """Runs the repeats of a tagged cell and the extra cell; returns the status and their time."""
        spent = 0.0
        times = max([repeats.get(tag, 1) for tag in cell.metadata.get("tags", [])] + [1])
        for _ in range(times - 1):
            again = copy.deepcopy(cell)
            again.outputs = []
            started = time.time()
            status, seconds = run_extra(again, index)
            spent += seconds
            cell.metadata["golab"].setdefault("repeats", []).append(
                {"started": round(started, 6), "seconds": round(seconds, 4), "outputs": again.outputs})
            if status != "ok":
                return status, spent
        if args.after_cell:
            status, seconds = run_extra(new_code_cell(args.after_cell.replace("{index}", str(index))), index)
            spent += seconds
            if status != "ok":
                return status, spent
        return "ok", spent

    try:
        with client.setup_kernel():
            kernel_start = time.monotonic() - t0
            if args.rss_interval > 0:
                sampler = RSSSampler(kernel_pid(client), args.rss_interval)
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    cell.metadata.setdefault("golab", {})["started"] = round(time.time(), 6)
                status, seconds = run(cell, index)
                if cell.cell_type == "code":
                    cell.metadata["golab"]["seconds"] = round(seconds, 4)
                    if status == "ok":
                        status, seconds = extras(cell, index)
                        extra += seconds
                if status != "ok":
                    break
            if args.complete and status == "ok":
                started = time.monotonic()
                complete(client, [c for c in nb.cells if c.cell_type == "code"], args.cell_timeout)
                completion = time.monotonic() - started
                extra += completion
            if sampler:
                sampler.stop()  # while the kernel still runs: its VmHWM is read here
    except Exception as err:  # kernel did not start, and the like: report, don't trace
        status = f"error: {type(err).__name__}: {err}"
    nb.metadata["golab"] = {
        "kernel_start_seconds": round(kernel_start, 4) if kernel_start is not None else None,
        "total_seconds": round(time.monotonic() - t0, 4),
        "status": status,
    }
    if args.after_cell or repeats or args.complete:
        nb.metadata["golab"]["extra_seconds"] = round(extra, 4)
    if completion is not None:
        nb.metadata["golab"]["complete_seconds"] = round(completion, 4)
    if sampler:
        rss = sampler.stop()
        rss["client"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        nb.metadata["golab"]["rss_kib"] = rss
        nb.metadata["golab"]["cpu_seconds"] = sampler.cpu
    nbformat.write(nb, args.output)
    return 0


def complete(client, code_cells, timeout):
    """Asks for completions at the end of the last code cell and waits for the reply."""
    if not code_cells:
        return
    code = code_cells[-1].source
    msg_id = client.kc.complete(code, len(code))
    deadline = time.monotonic() + timeout
    get = run_sync(client.kc.shell_channel.get_msg)
    while time.monotonic() < deadline:
        try:
            reply = get(timeout=max(0.1, deadline - time.monotonic()))
        except Exception:  # queue.Empty: no reply in time
            return
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            return


def kernel_pid(client):
    """The kernel process's id, or None when jupyter_client does not say."""
    provisioner = getattr(client.km, "provisioner", None)
    return getattr(provisioner, "pid", None)


def proc_status(pid, field):
    """A field of /proc/PID/status in KiB (VmRSS, VmHWM), or 0."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def cpu_seconds(pid):
    """(own, children's) CPU seconds of a process, from /proc/PID/stat; children count once
    they have been waited for."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        tick = os.sysconf("SC_CLK_TCK")
        own = (int(fields[11]) + int(fields[12])) / tick
        children = (int(fields[13]) + int(fields[14])) / tick
        return round(own, 2), round(children, 2)
    except (OSError, ValueError, IndexError):
        return 0.0, 0.0


def process_kind(pid):
    """What a process of the kernel's tree is: kernel, gopls, goimports, toolchain, shell, cell."""
    try:
        with open(f"/proc/{pid}/comm") as f:
            comm = f.read().strip()
    except OSError:
        return None
    if comm == "gonb":
        return "kernel"
    if comm in ("gopls", "goimports"):
        return comm
    if comm in ("go", "compile", "link", "asm", "cgo", "vet", "cc1", "gcc", "as", "ld", "collect2"):
        return "toolchain"
    if comm in ("bash", "sh"):
        return "shell"
    return "cell"  # the cell's program (gonb_<id>) and whatever it starts


class RSSSampler:
    """Samples the RSS of the kernel's process tree, by kind of process, in a thread.

    rss_peaks (returned by stop) holds, in KiB: for each kind the largest RSS one process
    of that kind had at a sample ("<kind>"), the largest sum over the whole tree at a sample
    ("tree"), and the exact lifetime peaks (VmHWM) of the kernel and of gopls read at the
    end ("kernel_hwm", "gopls_hwm"). Short-lived processes can fall between samples.
    cpu holds CPU seconds used until stop: by the kernel itself ("kernel"), by the processes
    it started and waited for ("kernel_children": goimports, go, the cells' programs), and by
    gopls ("gopls")."""

    def __init__(self, root, interval):
        self.root, self.interval = root, interval
        self.peaks = {"tree": 0}
        self.cpu = {}
        self.gopls = set()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)
        if root:
            self.thread.start()

    def tree(self):
        children = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(name))
        out, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo.extend(children.get(pid, []))
        return out

    def loop(self):
        while not self.done.wait(self.interval):
            total = 0
            for pid in self.tree():
                kind = process_kind(pid)
                rss = proc_status(pid, "VmRSS")
                if kind is None or rss == 0:
                    continue
                if kind == "gopls":
                    self.gopls.add(pid)
                total += rss
                self.peaks[kind] = max(self.peaks.get(kind, 0), rss)
            self.peaks["tree"] = max(self.peaks["tree"], total)

    def stop(self):
        if not self.done.is_set() and self.root:
            self.done.set()
            self.thread.join()
            self.peaks["kernel_hwm"] = proc_status(self.root, "VmHWM")
            self.cpu["kernel"], self.cpu["kernel_children"] = cpu_seconds(self.root)
            if self.gopls:  # gopls may run as more than one process
                self.peaks["gopls_hwm"] = max(proc_status(pid, "VmHWM") for pid in self.gopls)
                self.cpu["gopls"] = round(sum(cpu_seconds(pid)[0] for pid in self.gopls), 2)
        return dict(self.peaks)


if __name__ == "__main__":
    sys.exit(main())
