package check

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/gobuild"
	"github.com/go-concurrency-lab/course/helpers/internal/stacks"
)

// How Spec.RaceDetector works. A notebook cell is a program of its own, built
// by GoNB from the main.go in its temporary folder. Before its usual trials, the
// check builds that same program again with -race and runs it with
// envRaceCheck set to the check's name. In that run (the race run) the check
// with that name runs raceTrials trials at the highest GOMAXPROCS of its Spec
// and exits the program; every other check returns at once without printing.
// GORACE sends the race detector's reports to files instead of stderr and
// keeps the exit status 0, and the check reads the files afterwards. A race
// run that crashes (a "fatal error: concurrent map writes", say) is reported
// too, so that such code fails the check instead of crashing the learner's cell.

// raceTrials is how many trials a check with Spec.RaceDetector runs under the
// race detector. The detector finds a race when two accesses are not ordered
// in the run it watches, whether or not they collided, so a few trials do.
const raceTrials = 10

const (
	envRaceCheck = "GOLAB_RACE_CHECK" // in the race run: the check to run
	raceSlowdown = 3                  // the race run's timeouts are this many times the Spec's
)

// raceFirst does the race detector's part of a check called name with spec s,
// whose one trial is trial. In the race run it runs the trials and exits (or,
// for another check, returns skip). Otherwise, with s.race, it runs the race
// run and returns done with a FAIL if that found a data race or crashed; if
// not, it records what happened in s.raceNote for the PASS line.
func raceFirst(name string, s *spec, trial func()) (v Verdict, done bool) {
	if want, ok := os.LookupEnv(envRaceCheck); ok && raceEnabled {
		if want == name {
			markRaceLog()
			rs := *s
			rs.trials, rs.procs, rs.noLeaks, rs.timeout = raceTrials, s.procs[len(s.procs)-1:], false, raceSlowdown*s.timeout
			run(rs, func() struct{} { trial(); return struct{}{} }, func(int, int, struct{}) bool { return true })
			os.Exit(0)
		}
		return Verdict{Line: "PASS: skipped in the race run of another check"}, true
	}
	if !s.race {
		return Verdict{}, false
	}
	procs := s.procs[len(s.procs)-1]
	switch {
	case raceEnabled:
		s.raceNote = "race detector on (built with -race)"
		return Verdict{}, false
	case os.Getenv(gonbTempDir) == "":
		s.raceNote = "race detector off: outside a notebook cell the check cannot rebuild the code (use go test -race)"
		return Verdict{}, false
	}
	if err := gobuild.RaceReady(); err != nil {
		s.raceNote = "race detector off: " + err.Error()
		return Verdict{}, false
	}
	found, err := raceRun(name, *s)
	if err != nil {
		s.raceNote = "race detector off: " + err.Error()
		return Verdict{}, false
	}
	if len(found.races) == 0 && found.crash == "" {
		s.raceNote = fmt.Sprintf("race detector on: no data race in %d trials at GOMAXPROCS=%d", raceTrials, procs)
		return Verdict{}, false
	}
	r := s.report(name)
	r.hint = hintRace
	switch {
	case len(found.races) > 0:
		r.line = fmt.Sprintf("the race detector found %d data race%s in %d trials at GOMAXPROCS=%d",
			len(found.races), plural(len(found.races)), raceTrials, procs)
		for i, race := range found.races[:min(3, len(found.races))] {
			r.details = append(r.details, fmt.Sprintf("Data race %d: %s", i+1, race.text))
			for _, place := range race.cells {
				r.cells = append(r.cells, fmt.Sprintf("data race %d, %s", i+1, place))
			}
		}
		if found.crash != "" {
			r.details = append(r.details, "Then the program crashed: "+found.crash)
		}
	default:
		r.line = fmt.Sprintf("the trials crashed the program (built with the race detector, GOMAXPROCS=%d): %s", procs, found.crash)
		r.hint = hintPanicked
	}
	return r.print(), true
}

// hintRace is the general hint for a data race.
const hintRace = "two goroutines use the same variable, at least one of them writes, and nothing orders the two: " +
	"hold the same mutex around both, or use sync/atomic or a channel."

// raceFindings is what a race run found.
type raceFindings struct {
	races []race // no two with the same description
	crash string // the "fatal error: …" or "panic: …" line, if the run crashed
}

// raceRun builds the cell's program with -race and runs the check called name.
func raceRun(name string, s spec) (raceFindings, error) {
	var found raceFindings
	tmp, err := os.MkdirTemp("", "golab-race-")
	if err != nil {
		return found, err
	}
	defer os.RemoveAll(tmp)
	fmt.Fprintln(stdout(), "Race detector: building this cell with -race (the first time takes up to a minute)…")
	exe := filepath.Join(tmp, "cell")
	buildCtx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := gobuild.BuildRace(buildCtx, os.Getenv(gonbTempDir), exe, "."); err != nil {
		return found, fmt.Errorf("the -race build failed: %v", firstLine(err.Error()))
	}
	runLimit := time.Duration(raceTrials)*raceSlowdown*s.timeout + time.Minute
	runCtx, cancelRun := context.WithTimeout(context.Background(), runLimit)
	defer cancelRun()
	cmd := exec.CommandContext(runCtx, exe)
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "GONB_PIPE") || strings.HasPrefix(kv, "GORACE=")
	}), envRaceCheck+"="+name, "GORACE=log_path="+filepath.Join(tmp, "race")+" exitcode=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	if runCtx.Err() != nil {
		return found, fmt.Errorf("the run with -race did not finish within %v", runLimit)
	}
	logs, _ := filepath.Glob(filepath.Join(tmp, "race.*"))
	for _, log := range logs {
		b, err := os.ReadFile(log)
		if err != nil {
			return found, err
		}
		b = b[min(trialsStart(out.String()), len(b)):]
		for _, r := range parseRaces(string(b)) {
			if !slices.ContainsFunc(found.races, func(f race) bool { return f.text == r.text }) {
				found.races = append(found.races, r)
			}
		}
	}
	if runErr != nil {
		found.crash = crashLine(out.String(), runErr)
	}
	return found, nil
}

// raceLogMark starts the line with which the race run says where its trials'
// reports start in its race log: the cell's code before the check may have
// raced already, and those races are not the check's to report.
const raceLogMark = "golab: trials start at byte "

// markRaceLog prints raceLogMark and the size of this process's race log.
func markRaceLog() {
	size := int64(0)
	for _, opt := range strings.Fields(os.Getenv("GORACE")) {
		if path, ok := strings.CutPrefix(opt, "log_path="); ok {
			if info, err := os.Stat(fmt.Sprintf("%s.%d", path, os.Getpid())); err == nil {
				size = info.Size()
			}
		}
	}
	fmt.Fprintf(os.Stderr, "\n%s%d\n", raceLogMark, size)
}

// trialsStart finds the race run's mark in its output, or 0.
func trialsStart(output string) int {
	i := strings.LastIndex(output, raceLogMark)
	if i < 0 {
		return 0
	}
	var n int
	fmt.Sscan(output[i+len(raceLogMark):], &n)
	return n
}

// crashLine picks the line that says why a program crashed.
func crashLine(output string, err error) string {
	for _, line := range strings.Split(output, "\n") {
		if strings.HasPrefix(line, "fatal error: ") || strings.HasPrefix(line, "panic: ") ||
			strings.HasPrefix(line, "race: ") {
			return strings.TrimSpace(line)
		}
	}
	return err.Error()
}

func firstLine(s string) string {
	first, rest, _ := strings.Cut(s, "\n")
	if strings.TrimSpace(rest) != "" {
		next, _, _ := strings.Cut(strings.TrimSpace(rest), "\n")
		return first + ": " + next
	}
	return first
}

// access matches the first line of one side of a race report, such as
// "Previous write at 0x00c000018108 by goroutine 7:".
var access = regexp.MustCompile(`^(Previous )?((?i)read|write|atomic read|atomic write) at 0x[0-9a-f]+ by (main goroutine|goroutine \d+):`)

// race is one data race of a race detector log.
type race struct {
	text  string   // its two accesses, described
	cells []string // the accesses in a cell's main.go: "the read   path:line" (see report.cells)
}

// parseRaces describes the races of a race detector log: for each report, its
// two accesses, at the innermost line of the learner's code: "a write at
// `counter++` in main.func1 and a read at `fmt.Println(counter)` in main, by
// two goroutines with nothing ordering them".
func parseRaces(log string) []race {
	var races []race
	for _, block := range strings.Split(log, "==================") {
		if !strings.Contains(block, "WARNING: DATA RACE") {
			continue
		}
		var sides, cells []string
		lines := strings.Split(block, "\n")
		for i := 0; i < len(lines); i++ {
			m := access.FindStringSubmatch(strings.TrimSpace(lines[i]))
			if m == nil {
				continue
			}
			where := ""
			for j := i + 1; j+1 < len(lines) && strings.TrimSpace(lines[j]) != ""; j += 2 {
				f := stacks.Frame{Function: stacks.FunctionName(lines[j])}
				if !f.In(learnerPackages...) {
					continue
				}
				fileLine, _, _ := strings.Cut(strings.TrimSpace(lines[j+1]), " ")
				if k := strings.LastIndex(fileLine, ":"); k > 0 {
					f.File = fileLine[:k]
					fmt.Sscan(fileLine[k+1:], &f.Line)
					where = describe(f)
					if inCell(f) {
						cells = append(cells, fmt.Sprintf("the %s   %s", strings.ToLower(m[2]), fileLine))
					}
				}
				break
			}
			if where == "" {
				where = "a place outside your code"
			}
			sides = append(sides, fmt.Sprintf("a %s at %s", strings.ToLower(m[2]), where))
		}
		if len(sides) >= 2 {
			races = append(races, race{fmt.Sprintf("%s and %s, by two goroutines with nothing ordering them", sides[0], sides[1]), cells})
		}
	}
	return races
}
