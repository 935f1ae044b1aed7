package check

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/stacks"
)

// leakGrace is how long a check with Spec.NoLeaks waits, after a trial returns,
// for the goroutines the trial started to end. A goroutine still there after it
// is reported as left behind.
const leakGrace = 250 * time.Millisecond

// leftBehind describes the goroutines a trial left behind.
type leftBehind struct {
	count  int
	groups []stacks.Group // where they are, the most crowded place first
}

// String says, for example, "left 3 goroutines behind, still there 250ms after it
// returned: 3 blocked in chan send at `results <- r` in firstResult.func1".
func (l *leftBehind) String() string {
	parts := make([]string, len(l.groups))
	for i, g := range l.groups {
		switch g.State {
		case "running", "runnable":
			parts[i] = fmt.Sprintf("%d still running at %s", g.Count, describe(g.At))
		default:
			parts[i] = fmt.Sprintf("%d blocked in %s at %s", g.Count, g.State, describe(g.At))
		}
	}
	return fmt.Sprintf("left %d goroutine%s behind, still there %v after it returned: %s",
		l.count, plural(l.count), leakGrace, strings.Join(parts, "; "))
}

// cells says where in the cells' main.go the goroutines are, for report.cells:
// "3 goroutines in chan send   /tmp/gonb_1234/main.go:41".
func (l *leftBehind) cells() []string {
	var out []string
	for _, g := range l.groups {
		if inCell(g.At) {
			out = append(out, fmt.Sprintf("%d goroutine%s in %s   %s:%d", g.Count, plural(g.Count), g.State, g.At.File, g.At.Line))
		}
	}
	return out
}

// goroutineIDs returns the ids of the goroutines that exist now.
func goroutineIDs() map[int]bool {
	ids := map[int]bool{}
	for _, g := range stacks.Dump() {
		ids[g.ID] = true
	}
	return ids
}

// leftSince waits up to leakGrace for the learner's goroutines that are not in
// before to end, and returns the ones still there, or nil.
func leftSince(before map[int]bool) *leftBehind {
	deadline := time.Now().Add(leakGrace)
	for {
		var left []stacks.Goroutine
		for _, g := range stacks.Dump() {
			if _, ours := g.Innermost(learnerPackages...); ours && !before[g.ID] {
				left = append(left, g)
			}
		}
		if len(left) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return &leftBehind{count: len(left), groups: stacks.GroupBy(left, learnerPackages...)}
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// learnerPackages are the prefixes of the functions the learner wrote: a notebook
// cell's program is package main. (Tests add their own package.)
var learnerPackages = []string{"main."}

// describe says "`results <- r` in firstResult.func1": the source line and its
// function, with the file and line, "(worker.go:41)", when the file is not the
// main.go that GoNB writes for a cell (which the learner never sees), or
// without the source when it cannot be read.
func describe(f stacks.Frame) string {
	name := f.Function
	for _, p := range learnerPackages {
		name = strings.TrimPrefix(name, p)
	}
	src := f.Source()
	switch {
	case src == "":
		return fmt.Sprintf("%s in %s", f.Base(), name)
	case inCell(f):
		return fmt.Sprintf("`%s` in %s", src, name)
	}
	return fmt.Sprintf("`%s` in %s (%s)", src, name, f.Base())
}

// inCell reports whether f is in the main.go that GoNB writes for a cell, whose
// lines the learner never sees; GoNB maps them to cells on standard error.
func inCell(f stacks.Frame) bool {
	dir := os.Getenv(gonbTempDir)
	return dir != "" && strings.HasPrefix(f.File, dir)
}
