// Package check grades exercise solutions and prints a verdict a learner can act on.
//
// Every check prints its verdict to standard output (in a notebook, a FAIL that
// points at lines of the learner's cells goes to standard error instead, where
// GoNB marks each such line with its cell and line number). The first line starts with
// exactly "PASS: " or "FAIL: " (notebook tests read it), followed by the check's
// name, if any, and the evidence:
//
//	PASS: 600/600 trials gave 1000 (GOMAXPROCS 1, 2, 4; 200 trials each)
//	FAIL: safe counter: 37 of 600 trials did not give 1000 (got min 912, max 999)
//	FAIL: trial 3 at GOMAXPROCS=2 blocked: still waiting after 2s — a goroutine is waiting for something that never happens (a deadlock)
//	FAIL: trial 1 at GOMAXPROCS=1 panicked: sync: negative WaitGroup counter
//
// A PASS is that one line. A FAIL adds lines with more evidence, a "Hint: " line
// (the [Spec]'s Hints, in tiers, or a general hint) and, where a data race could
// be the cause, a "Second opinion: " line that suggests the race detector.
//
// Beyond the output, a check can grade the concurrency itself:
//   - Spec.RaceDetector: the trials also run under the race detector, in a
//     build of the cell's program with -race, and any data race report is a
//     FAIL that quotes the two conflicting lines. The PASS line says whether the
//     detector was on ("race detector on: no data race in 10 trials at
//     GOMAXPROCS=2", or "race detector off: " and why, such as a missing C
//     compiler). Nothing changes for later cells.
//   - Spec.NoLeaks: a trial that leaves goroutines behind is a FAIL that says
//     how many and where they are blocked.
//   - [Waits] varies the duration of the work from trial to trial, so that
//     waiting by sleeping fails.
//
// A PASS means that no trial went wrong, not that the code has no data race: a
// race may stay hidden in every trial. The race detector is the tool for that.
//
// [Exact], [That], [Waits], [Consistent], [Faster] and [AtMost] run the learner's code many times under
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
	// Hints are printed after "Hint: " when the check fails, instead of a general
	// hint: Hints[0] on the check's first FAIL, Hints[1] on its second FAIL in the
	// same kernel session (or process), and so on; the last one repeats. Give a
	// nudge first and a more specific hint after it.
	Hints []string
	// RaceDetector, when true, runs the check's trials in a build of the cell's
	// program with the race detector before the usual trials, and FAILs on any
	// data race report, quoting the two conflicting lines (see the package
	// documentation). It needs a notebook cell and a C compiler; without them
	// the verdict says that the detector was off, and why.
	RaceDetector bool
	// NoLeaks, when true, FAILs a trial that leaves goroutines behind: every
	// goroutine that the trial started must have ended within 250ms of the
	// trial's return. The FAIL says how many are left and where they are blocked.
	NoLeaks bool
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
	trials   int
	procs    []int
	timeout  time.Duration
	hints    []string
	race     bool
	noLeaks  bool
	raceNote string // what the race detector found, for a PASS line; set by raceFirst
}

// resolve fills in s's defaults; fn names the check in errors.
func (s Spec) resolve(fn string) (spec, error) {
	r := spec{trials: s.Trials, timeout: s.Timeout, hints: slices.Clone(s.Hints), race: s.RaceDetector, noLeaks: s.NoLeaks}
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
	for i, h := range s.Hints {
		if strings.TrimSpace(h) == "" {
			return r, fmt.Errorf("%s: s.Hints[%d] is empty", fn, i)
		}
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

// stop says why run stopped early.
type stop int

const (
	finished stop = iota // every trial ran
	blocked              // a trial did not return within the timeout
	panicked             // a trial panicked
	leaked               // a trial left goroutines behind (only with spec.noLeaks)
)

// run calls trial s.trials times under each GOMAXPROCS setting in turn, on a
// trials.Grid: each call through guard.Run with s.timeout, handing each result
// to record, in order, until record returns false. It stops at the first call
// that blocks, panics or (with s.noLeaks) leaves goroutines behind, and returns
// why in a halt, such as "trial 3 at GOMAXPROCS=2 blocked: …".
//
// trial's result is only read after guard.Run has seen trial return, and it is a
// fresh variable for every call, so a trial that finishes after its timeout
// cannot race with the check.
func run[R any](s spec, trial func() R, record func(procs, i int, r R) bool) halt {
	type result struct {
		r      R
		before map[int]bool // the goroutines before the trial, with s.noLeaks
	}
	var leak *leftBehind
	var stopped string
	grid := trials.Grid[result]{Settings: len(s.procs), Contenders: 1, Rounds: s.trials, Procs: s.procs,
		Timeout: s.timeout, OneSettingAtATime: true,
		After: func(c trials.Cell, r result) bool {
			// The grace period for goroutines to end runs here, after the trial,
			// so that it does not count against the trial's timeout.
			if r.before != nil {
				if leak = leftSince(r.before); leak != nil {
					stopped = fmt.Sprintf("trial %d at GOMAXPROCS=%d %v", c.Round+1, c.Procs, leak)
					return false
				}
			}
			return record(c.Procs, c.Round+1, r.r)
		}}
	_, err := grid.Run(func(trials.Cell) (result, error) {
		if !s.noLeaks {
			return result{r: trial()}, nil
		}
		before := goroutineIDs()
		return result{trial(), before}, nil
	})
	var f trials.Failure
	switch {
	case leak != nil:
		return halt{text: stopped, why: leaked, cells: leak.cells()}
	case errors.As(err, &f):
		why := panicked
		if f.Outcome.Blocked {
			why = blocked
		}
		return halt{text: fmt.Sprintf("trial %d at GOMAXPROCS=%d %v", f.Round+1, f.Procs, f.Outcome), why: why}
	case err != nil: // not expected: resolve has checked the settings
		return halt{text: err.Error(), why: panicked}
	}
	return halt{}
}

// halt says why run stopped before its last trial; text is "" when it did not.
type halt struct {
	text  string
	why   stop
	cells []string // places in a cell's main.go, for report.cells
}

// report is what a check prints.
type report struct {
	name     string
	pass     bool
	line     string   // the evidence of the first line
	details  []string // further lines of evidence
	hint     string   // printed on failure, unless hints are given
	hints    []string // the Spec's hints, in tiers
	race     bool     // on failure, suggest the race detector
	raceNote string   // appended to a PASS line: what the race detector found
	notes    []string // printed last
	// cells are lines that each end with a place in a cell's main.go, "path:line",
	// printed on standard error after the report: GoNB marks such a place there
	// with its cell and line ("[[ Cell [12] Line 8 ]]"), which the check cannot
	// know. What comes before the place must hold no colon: GoNB v0.11.4 reads
	// "text: path:line" as a compiler error's "path:line:column" and its kernel
	// crashes on the column it cannot parse.
	cells []string
}

// report starts the report of the check called name, with the spec's hints and
// race detector note.
func (s spec) report(name string) report {
	return report{name: name, hints: s.hints, raceNote: s.raceNote}
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
	if r.pass && r.raceNote != "" {
		first += "; " + r.raceNote
	}
	lines := append([]string{first}, r.details...)
	if !r.pass {
		hint := r.hint
		if len(r.hints) > 0 {
			hint = r.hints[min(failures.add(r.name), len(r.hints))-1]
		}
		if hint != "" {
			lines = append(lines, "Hint: "+hint)
		}
		switch {
		case r.raceNote != "": // the race detector had its say: report it instead of suggesting it
			lines = append(lines, "Race detector: "+strings.TrimPrefix(r.raceNote, "race detector "))
		case r.race:
			lines = append(lines, secondOpinion())
		}
	}
	lines = append(lines, r.notes...)
	out := stdout()
	if len(r.cells) > 0 && display.InNotebook() {
		// All on standard error, where GoNB marks the places with their cells: the two
		// streams reach the notebook separately, and the places must come after the report.
		lines = append(lines, "Where, in your cells\n  "+strings.Join(r.cells, "\n  "))
		out = os.Stderr
	}
	fmt.Fprintln(out, strings.Join(lines, "\n"))
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

// hintLeaked is the general hint for goroutines left behind.
const hintLeaked = "a goroutine that waits for a send or a receive nobody will ever make stays blocked " +
	"for as long as the program runs: give every send a receiver (or a buffer with room for every value), " +
	"close the channel a receiver ranges over, or let the goroutine give up when a context is done."

// stoppedReport is the report for a check stopped by a trial that blocked,
// panicked or leaked.
func stoppedReport(name string, h halt, s spec) report {
	r := s.report(name)
	r.line, r.cells = h.text, h.cells
	switch h.why {
	case blocked:
		r.hint = hintBlocked
	case leaked:
		r.hint = hintLeaked
	default:
		r.hint, r.race = hintPanicked, true
	}
	return r
}
