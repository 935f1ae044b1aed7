// Command warmup executes every notebook in the given folders once with the GoNB kernel, as
// a learner would, so that the Go module and build caches hold everything the course needs:
// in the Docker image and on Binder the first cell a learner runs is then fast and works
// offline.
//
// docker/install.sh --warm-up runs it, with GOLAB_VENV pointing at the Python environment
// that holds Jupyter and the GoNB kernelspec. It uses the notebook tests' own harness
// (internal/notebook): each notebook runs in its own folder, and it fails, naming the
// notebook and the cell, when a notebook does not run cleanly, because an image whose
// notebooks fail is broken. A folder with no notebooks is not an error.
//
// Usage: go run ./docker/warmup DIR...
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/internal/notebook"
)

func main() {
	cellTimeout := flag.Duration("cell-timeout", 5*time.Minute, "stop a notebook when one cell runs longer")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: warmup [-cell-timeout D] DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	failed, err := warmUp(context.Background(), flag.Args(), *cellTimeout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "warm-up:", err)
		os.Exit(1)
	}
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "warm-up: %d notebook(s) did not run cleanly\n", failed)
		os.Exit(1)
	}
}

// warmUp executes the notebooks of dirs in name order and returns how many did not run
// cleanly. The executed copies go to a temporary folder that is removed afterwards: the
// notebooks themselves are left as they are.
func warmUp(ctx context.Context, dirs []string, cellTimeout time.Duration) (failed int, err error) {
	out, err := os.MkdirTemp("", "golab-warmup-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(out)
	for _, dir := range dirs {
		paths, err := filepath.Glob(filepath.Join(dir, "*.ipynb"))
		if err != nil {
			return failed, err
		}
		sort.Strings(paths)
		if len(paths) == 0 {
			fmt.Printf("warm-up: no notebooks in %s\n", dir)
		}
		for _, path := range paths {
			start := time.Now()
			nb, err := notebook.Execute(ctx, path, notebook.Options{CellTimeout: cellTimeout, OutDir: out})
			if err != nil {
				fmt.Fprintf(os.Stderr, "warm-up: %s: %v\n", path, err)
				failed++
				continue
			}
			if problems := nb.Problems(); len(problems) > 0 {
				fmt.Fprintf(os.Stderr, "warm-up: %s did not run cleanly:\n%s\n", path, strings.Join(problems, "\n---\n"))
				failed++
				continue
			}
			fmt.Printf("warm-up: %s ran in %v (kernel start %v)\n", path,
				time.Since(start).Round(time.Millisecond), nb.KernelStart.Round(time.Millisecond))
		}
	}
	return failed, nil
}
