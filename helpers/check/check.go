// Package check grades exercise solutions and prints a verdict a learner can act on.
//
// Every check prints its verdict to standard output. The first line starts with
// exactly "PASS: " or "FAIL: " (notebook tests read it), followed by the check's
// name, if any, and the evidence:
//
//	PASS: 600/600 trials gave 1000 (GOMAXPROCS 1, 2, 4; 200 trials each)
//	FAIL: safe counter: 37 of 600 trials did not give 1000 (got min 912, max 999)
//	FAIL: trial 3 at GOMAXPROCS=2 blocked: still waiting after 2s — a goroutine is waiting for something that never happens (a deadlock)
//	FAIL: trial 1 at GOMAXPROCS=1 panicked: sync: negative WaitGroup counter
//
// A PASS is that one line. A failure of [Exact], [That] or [Within] adds lines with
// more evidence, a "Hint: " line (the [Spec]'s Hint, or a general one) and, where a
// data race could be the cause, a "Second opinion: " line that suggests the race
// detector: in a notebook, a cell with %goflags -race, then %goflags "" to switch
// it off again. (Blocked trials and slow trials get no second opinion: the race
// detector finds neither deadlocks nor slowness, and it slows code down.)
//
// A PASS means that no trial went wrong, not that the code has no data race: a
// race may stay hidden in every trial. The race detector is the tool for that.
//
// [Exact], [That], [Within] and [Faster] run the learner's code many times under
// several GOMAXPROCS settings (on a trials.Grid, one setting at a time), because a race may show only when
// goroutines run in parallel. Each call goes through guard.Run, so a deadlock
// or a panic becomes a FAIL instead of a hung or crashed cell. A check stops at the
// first trial that blocks or panics: a deadlocking solution costs one Timeout, not
// Trials × Timeout. The goroutine of a blocked trial cannot be stopped and stays
// behind until the cell's program ends (see package guard).
//
// Each trial should build its own state (its own counter, channels, WaitGroup),
// so that trials do not influence each other, and so that a trial that blocked
// and was left behind cannot touch the next one.
//
// A check changes GOMAXPROCS while it runs (and restores it), so do not run two
// checks, or a check and a measurement, at the same time.
package check

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/display"
	"github.com/go-concurrency-lab/course/helpers/trials"
)

// Spec says how to run a check. The zero Spec gives the defaults.
type Spec struct {
	// Trials is how many times the code runs under each GOMAXPROCS setting.
	// 0 means 200.
	Trials int
	// Procs are the GOMAXPROCS settings to run under, each between 1 and
	// trials.MaxProcs. Duplicates are dropped and the settings run in increasing
	// order. Empty means 1, 2 and runtime.NumCPU().
	Procs []int
	// Timeout is how long one trial may take before it counts as blocked.
	// 0 means 2 seconds.
	Timeout time.Duration
	// Hint is printed after "Hint: " when the check fails, instead of a general hint.
	Hint string
}

// Defaults of a zero Spec.
const (
	DefaultTrials  = 200
	DefaultTimeout = 2 * time.Second
)

// Verdict is the result of a check.
type Verdict struct {
	Pass bool
	// Line is the first line the check printed; it starts with "PASS: " or "FAIL: ".
	Line string
	// Err is set when the check was called with bad arguments and did not run the
	// code; Pass is then false and Line is "FAIL: " followed by Err's message.
	Err error
}

// String returns v.Line.
func (v Verdict) String() string { return v.Line }

// stdout is where verdicts are printed; tests replace it. It is looked up at each
// call so that whoever swaps os.Stdout (example tests, GoNB) sees the lines.
var stdout = func() io.Writer { return os.Stdout }

// spec is a Spec with its defaults filled in and checked.
type spec struct {
	trials  int
	procs   []int
	timeout time.Duration
	hint    string
}

// resolve fills in s's defaults; fn names the check in errors.
func (s Spec) resolve(fn string) (spec, error) {
	r := spec{trials: s.Trials, timeout: s.Timeout, hint: s.Hint}
	switch {
	case s.Trials < 0:
		return r, fmt.Errorf("%s: s.Trials must be >= 0 (0 means %d), got %d", fn, DefaultTrials, s.Trials)
	case s.Trials == 0:
		r.trials = DefaultTrials
	}
	switch {
	case s.Timeout < 0:
		return r, fmt.Errorf("%s: s.Timeout must be >= 0 (0 means %v), got %v", fn, DefaultTimeout, s.Timeout)
	case s.Timeout == 0:
		r.timeout = DefaultTimeout
	}
	for i, p := range s.Procs {
		if err := trials.CheckProcs(fmt.Sprintf("%s: s.Procs[%d]", fn, i), p); err != nil {
			return r, err
		}
	}
	r.procs = slices.Clone(s.Procs)
	if len(r.procs) == 0 {
		r.procs = []int{1, 2, runtime.NumCPU()}
	}
	slices.Sort(r.procs)
	r.procs = slices.Compact(r.procs)
	return r, nil
}

// settings describes the runs, e.g. "GOMAXPROCS 1, 2; 200 trials each".
func (s spec) settings() string {
	ps := make([]string, len(s.procs))
	for i, p := range s.procs {
		ps[i] = fmt.Sprint(p)
	}
	return fmt.Sprintf("GOMAXPROCS %s; %s", strings.Join(ps, ", "), trialsEach(s))
}

// trialsEach is "200 trials each", or "200 trials" for a single setting.
func trialsEach(s spec) string {
	if len(s.procs) > 1 {
		return fmt.Sprintf("%d trials each", s.trials)
	}
	return fmt.Sprintf("%d trials", s.trials)
}

// run calls trial s.trials times under each GOMAXPROCS setting in turn, on a
// trials.Grid: each call through guard.Run with s.timeout, handing each result
// to record, in order, until record returns false. It stops at the first call
// that blocks or panics and returns its description, such as "trial 3 at
// GOMAXPROCS=2 blocked: …".
//
// trial's result is only read after guard.Run has seen trial return, and it is a
// fresh variable for every call, so a trial that finishes after its timeout
// cannot race with the check.
func run[R any](s spec, trial func() R, record func(procs, i int, r R) bool) (stopped string, blocked bool) {
	grid := trials.Grid[R]{Settings: len(s.procs), Contenders: 1, Rounds: s.trials, Procs: s.procs,
		Timeout: s.timeout, OneSettingAtATime: true,
		After: func(c trials.Cell, r R) bool { return record(c.Procs, c.Round+1, r) }}
	_, err := grid.Run(func(trials.Cell) (R, error) { return trial(), nil })
	var f trials.Failure
	switch {
	case errors.As(err, &f):
		return fmt.Sprintf("trial %d at GOMAXPROCS=%d %v", f.Round+1, f.Procs, f.Outcome), f.Outcome.Blocked
	case err != nil: // not expected: resolve has checked the settings
		return err.Error(), false
	}
	return "", false
}

// report is what a check prints.
type report struct {
	name    string
	pass    bool
	line    string   // the evidence of the first line
	details []string // further lines of evidence
	hint    string   // printed on failure
	race    bool     // on failure, suggest the race detector
	notes   []string // printed last
}

// print writes the report and returns its Verdict.
func (r report) print() Verdict {
	first := "FAIL: "
	if r.pass {
		first = "PASS: "
	}
	if r.name != "" {
		first += r.name + ": "
	}
	first += r.line
	lines := append([]string{first}, r.details...)
	if !r.pass {
		if r.hint != "" {
			lines = append(lines, "Hint: "+r.hint)
		}
		if r.race {
			lines = append(lines, secondOpinion())
		}
	}
	lines = append(lines, r.notes...)
	fmt.Fprintln(stdout(), strings.Join(lines, "\n"))
	return Verdict{Pass: r.pass, Line: first}
}

// secondOpinion suggests the race detector, or says that it is on.
func secondOpinion() string {
	switch {
	case raceEnabled && display.InNotebook():
		return `Second opinion: the race detector is on; a "WARNING: DATA RACE" report above comes from it. Put %goflags "" in a cell to turn it off.`
	case raceEnabled:
		return `Second opinion: the race detector is on; a "WARNING: DATA RACE" report above comes from it.`
	case display.InNotebook():
		return `Second opinion: put %goflags -race in a cell, rerun, then %goflags "" to reset.`
	}
	return "Second opinion: rerun with the race detector (go run -race, go test -race)."
}

// invalid prints and returns the Verdict for a check called with bad arguments.
func invalid(err error) Verdict {
	line := "FAIL: " + err.Error()
	fmt.Fprintln(stdout(), line)
	return Verdict{Line: line, Err: err}
}

// General hints, used when the Spec has none.
const (
	hintBlocked = "look for a Lock without its Unlock, a channel send or receive that has no partner, " +
		"or a WaitGroup whose Add and Done counts differ."
	hintPanicked  = "the panic message names the problem; run the code once outside the check to see where it happens."
	hintSometimes = "only some trials went wrong, so the result depends on timing: goroutines probably use " +
		"shared data at the same time (a data race). Protect it with a sync.Mutex, or use sync/atomic or a channel."
	hintAlways = "every trial went wrong, so the problem does not depend on timing: check the logic first."
	hintSlow   = "look for work that does not run in parallel: a lock held around the whole job, " +
		"goroutines waiting for each other, or fewer goroutines than cores."
)

// stoppedReport is the report for a check stopped by a blocked or panicking trial.
func stoppedReport(name, stopped string, blocked bool, s spec) report {
	r := report{name: name, line: stopped, hint: s.hintOr(hintPanicked), race: !blocked}
	if blocked {
		r.hint = s.hintOr(hintBlocked)
	}
	return r
}

func (s spec) hintOr(general string) string {
	if s.hint != "" {
		return s.hint
	}
	return general
}
