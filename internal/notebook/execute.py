"""Execute one notebook headless with the GoNB kernel and write the executed copy.

Used by the Go package internal/notebook (tests, `make bench`, `make site`); not meant to
be run by hand, but it can be:

    .venv/bin/python internal/notebook/execute.py IN.ipynb OUT.ipynb [--cell-timeout S]

Every cell runs even when an earlier one fails, so one broken cell does not hide the
rest. Timings go into the executed notebook's metadata under "golab":
notebook.metadata.golab = {kernel_start_seconds, total_seconds, status}
cell.metadata.golab = {seconds}
A cell that exceeds the timeout stops the run (status "timeout: cell N").
"""

import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--cell-timeout", type=float, default=300)
    parser.add_argument("--kernel", default="gonb")
    parser.add_argument("--cwd", help="kernel working directory (default: the notebook's folder)")
    args = parser.parse_args()

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
    try:
        with client.setup_kernel():
            kernel_start = time.monotonic() - t0
            for index, cell in enumerate(nb.cells):
                start = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except CellTimeoutError:
                    status = f"timeout: cell {index} ran longer than {args.cell_timeout:g}s"
                except DeadKernelError:
                    status = f"dead kernel: the kernel died during cell {index}"
                if cell.cell_type == "code":
                    cell.metadata.setdefault("golab", {})["seconds"] = round(time.monotonic() - start, 4)
                if status != "ok":
                    break
    except Exception as err:  # kernel did not start, and the like: report, don't trace
        status = f"error: {type(err).__name__}: {err}"
    nb.metadata["golab"] = {
        "kernel_start_seconds": round(kernel_start, 4) if kernel_start is not None else None,
        "total_seconds": round(time.monotonic() - t0, 4),
        "status": status,
    }
    nbformat.write(nb, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
