// Command bench is `make bench`: it executes every course notebook headless, three times
// with warm Go caches and once with empty ones, and writes a performance report to
// reports/bench/report.md and report.json. See internal/bench.
//
// Usage: go run ./internal/bench/cmd/bench [flags]
//
// It prints one PASS/FAIL line per budget and a FLAG line per unstable headline value.
// It exits 0 whatever the verdicts (they are not tests) unless -strict is set; it exits 1
// when it could not run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/internal/bench"
	"github.com/go-concurrency-lab/course/internal/notebook"
)

func main() {
	warm := flag.Int("warm", 3, "warm runs (the first is instrumented: floors, repeats, memory)")
	cold := flag.Bool("cold", true, "one more run with empty Go caches in a temporary folder")
	repeats := flag.Int("repeats", 5, "runs of each headline cell, for its spread")
	floors := flag.Bool("floors", true, "build and run each Go cell's program as a plain binary")
	setupDisk := flag.Bool("setup-disk", true, "after the cold run, run setup's pre-build in its caches and measure the disk again")
	only := flag.String("notebook", "", "only the notebooks whose file name contains this")
	out := flag.String("out", "", "report folder (default <repo>/reports/bench)")
	cellTimeout := flag.Duration("cell-timeout", 5*time.Minute, "stop a notebook when one cell runs longer (a safety net)")
	strict := flag.Bool("strict", false, "exit 1 when a budget FAILs, a headline is FLAGged or a notebook did not run cleanly")
	flag.Parse()

	root, err := notebook.Root()
	if err != nil {
		fail(err)
	}
	if *out == "" {
		*out = filepath.Join(root, "reports", "bench")
	}
	paths, err := filepath.Glob(filepath.Join(root, "notebooks", "[0-9][0-9]_*.ipynb"))
	if err != nil {
		fail(err)
	}
	sort.Strings(paths)
	var selected []string
	for _, p := range paths {
		if strings.Contains(filepath.Base(p), *only) {
			selected = append(selected, p)
		}
	}
	if len(selected) == 0 {
		fail(fmt.Errorf("no notebooks/NN_*.ipynb matches %q", *only))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := bench.Run(ctx, bench.Config{
		Root: root, Notebooks: selected, Out: *out, Warm: *warm, Cold: *cold, Repeats: *repeats,
		Floors: *floors, SetupDisk: *setupDisk, CellTimeout: *cellTimeout, Progress: os.Stderr,
		Command: strings.Join(append([]string{"bench"}, os.Args[1:]...), " "),
	})
	if err != nil {
		fail(err)
	}
	bad := false
	fmt.Println()
	for _, v := range rep.Budgets {
		fmt.Println(v.Line())
		bad = bad || v.Result == "FAIL"
	}
	for _, l := range rep.StabilityLines() {
		fmt.Println(l)
		bad = true
	}
	for _, run := range rep.Runs {
		if !run.Complete || len(run.Problems) > 0 {
			fmt.Printf("INCOMPLETE  %s: %s\n", run.Name, strings.Join(run.Problems, "; "))
			bad = true
		}
	}
	fmt.Printf("\nReport: %s (and report.json)\n", filepath.Join(*out, "report.md"))
	if *strict && bad {
		os.Exit(1)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
