// Used by notebook 07 (07_select_context.ipynb).

package lab

import (
	"fmt"
	"strings"

	"github.com/go-concurrency-lab/course/helpers/internal/stacks"
)

// Blocked is a group of goroutines that wait in the same state at the same
// line of package main: one row of [WhereBlocked]'s summary of a goroutine
// profile.
type Blocked struct {
	Count int
	// State is the runtime's word for what they wait for, without how long
	// they have waited: "chan send", "chan receive", "select", "sleep".
	State string
	// Function is the innermost function of package main on their stacks,
	// without "main.": "search.func1" is the first function literal in search.
	Function string
	// Line is where that function waits: "main.go:45".
	Line string
	// Code is that line of source, trimmed and without a trailing comment:
	// "results <- r"; "" when the source file cannot be read.
	Code string
}

// String says, for example, "2000 goroutines in chan send at `results <- r`
// (search.func1, main.go:45)", or without the code when it is not known.
func (b Blocked) String() string {
	s := "s"
	if b.Count == 1 {
		s = ""
	}
	if b.Code == "" {
		return fmt.Sprintf("%d goroutine%s in %s at %s (%s)", b.Count, s, b.State, b.Line, b.Function)
	}
	return fmt.Sprintf("%d goroutine%s in %s at `%s` (%s, %s)", b.Count, s, b.State, b.Code, b.Function, b.Line)
}

// WhereBlocked takes a goroutine profile of the running program (every
// goroutine with its state and stack, as runtime/pprof's "goroutine" profile
// shows it with debug=2) and groups the goroutines that run code of package
// main (a notebook cell's program) by state and innermost line of package
// main, the most crowded group first. Goroutines with no frame of package main,
// such as the runtime's own, are left out; so is the goroutine that calls
// WhereBlocked, which is running.
func WhereBlocked() []Blocked { return blocked(stacks.Dump()) }

// ParseBlocked groups the goroutines of a profile in the text format of
// [WhereBlocked] (that of runtime.Stack with all=true), as WhereBlocked does.
// Text that is not such a profile gives no groups.
func ParseBlocked(profile string) []Blocked { return blocked(stacks.Parse([]byte(profile))) }

func blocked(gs []stacks.Goroutine) []Blocked {
	var out []Blocked
	for _, g := range stacks.GroupBy(gs, "main.") {
		if g.State == "running" {
			continue
		}
		out = append(out, Blocked{Count: g.Count, State: g.State, Function: strings.TrimPrefix(g.At.Function, "main."),
			Line: g.At.Base(), Code: g.At.Source()})
	}
	return out
}
