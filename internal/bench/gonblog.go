package bench

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Phases is where the wall time of one cell went, in seconds, read from GoNB's own log
// (the kernel runs with -v=2, see KernelSpec). GoNB executes a Go cell in steps: it
// composes main.go from the cell and the remembered declarations, runs goimports on it,
// runs `go get`, runs `go build`, then runs the binary. Each step logs a line when it
// starts; the time between two lines is the step's.
type Phases struct {
	GoImports float64 `json:"goimports"`
	GoGet     float64 `json:"go_get"`
	GoBuild   float64 `json:"go_build"`
	Run       float64 `json:"run"`
	// Kernel is the rest of the kernel's busy time: message handling, composing and
	// parsing main.go, AutoTrack, special commands (%goflags, %env) and shell commands (!).
	Kernel float64 `json:"kernel_other"`
	// Client is the part of the wall time the kernel was not busy: Jupyter messages
	// travelling and nbclient waiting for them.
	Client float64 `json:"client"`
	// Built reports whether GoNB ran `go build` (or `go test -c`) for the cell, and Ran
	// whether the build succeeded and the program ran.
	Built bool `json:"built"`
	Ran   bool `json:"ran"`
	// BuildArgs are the flags GoNB passed to go build after -o (e.g. -race).
	BuildArgs []string `json:"build_args,omitempty"`
}

// Sum returns the total of the timed phases (the cell's wall time when complete).
func (p Phases) Sum() float64 {
	return p.GoImports + p.GoGet + p.GoBuild + p.Run + p.Kernel + p.Client
}

// PhaseNames are the phases in report order, with their JSON names.
var PhaseNames = []string{"goimports", "go_get", "go_build", "run", "kernel_other", "client"}

// Get returns the named phase (one of PhaseNames), or 0.
func (p Phases) Get(name string) float64 {
	if f := p.field(name); f != nil {
		return *f
	}
	return 0
}

func (p *Phases) set(name string, v float64) {
	if f := p.field(name); f != nil {
		*f = v
	}
}

func (p *Phases) field(name string) *float64 {
	return map[string]*float64{"goimports": &p.GoImports, "go_get": &p.GoGet, "go_build": &p.GoBuild,
		"run": &p.Run, "kernel_other": &p.Kernel, "client": &p.Client}[name]
}

type eventKind int

const (
	evDispatched    eventKind = iota + 1 // an execute_request reached the kernel
	evGoImports                          // goimports starts
	evGoGet                              // go get starts
	evGoImportsDone                      // goimports and go get are done
	evBuild                              // go build starts
	evBuilt                              // go build succeeded; the program starts
	evPost                               // the cell's program ended (or a step failed)
	evIdle                               // the kernel is idle again
)

// Event is one line of GoNB's log that marks a step.
type Event struct {
	At   time.Time
	Kind eventKind
	Args []string // for evBuild: the flags after -o PATH
}

var (
	klogLine   = regexp.MustCompile(`^[IWEF](\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})\s+\d+ [^\]]*\] (.*)$`)
	uniqueID   = regexp.MustCompile(`^(?:\x1b\[[0-9;]*m)?\[[0-9a-f]+\](?:\x1b\[[0-9;]*m)?\s*`)
	goImports  = regexp.MustCompile(`^Executing \S*goimports `)
	goGet      = regexp.MustCompile(`^Executing (?:\S*/)?go get\b`)
	goBuild    = regexp.MustCompile(`^Executing (?:\S*/)?go (?:build|test -c)\b(.*)$`)
	eventTexts = map[string]eventKind{
		`Message "execute_request" dispatched.`: evDispatched,
		"ExecuteCell: after s.GoImports()":      evGoImportsDone,
		"ExecuteCell: after s.Compile()":        evBuilt,
		"> kernel status set to idle.":          evIdle,
	}
)

// ParseLog reads a GoNB log written with -v=2 and returns its step events in order. klog
// stamps lines with month, day and local time but no year: ref (any time near the run)
// supplies it. Lines that are not klog lines (the continuation of multi-line messages)
// are skipped.
func ParseLog(r io.Reader, ref time.Time) ([]Event, error) {
	var events []Event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		m := klogLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		msg := uniqueID.ReplaceAllString(m[7], "")
		ev := Event{Kind: eventTexts[msg]}
		switch {
		case ev.Kind != 0:
		case strings.HasPrefix(msg, "PostExecuteCell()"):
			ev.Kind = evPost
		case goImports.MatchString(msg):
			ev.Kind = evGoImports
		case goGet.MatchString(msg):
			ev.Kind = evGoGet
		case goBuild.MatchString(msg):
			ev.Kind = evBuild
			ev.Args = buildFlags(goBuild.FindStringSubmatch(msg)[1])
		default:
			continue
		}
		ev.At = klogTime(m[1:7], ref)
		events = append(events, ev)
	}
	return events, sc.Err()
}

// buildFlags returns the arguments of a go build command line minus "-o PATH".
func buildFlags(rest string) []string {
	var out []string
	fields := strings.Fields(rest)
	for i := 0; i < len(fields); i++ {
		if fields[i] == "-o" {
			i++
			continue
		}
		out = append(out, fields[i])
	}
	return out
}

// klogTime turns klog's month, day, hour, minute, second and microsecond into a time in
// the local zone, in the year that puts it nearest to ref.
func klogTime(parts []string, ref time.Time) time.Time {
	n := make([]int, len(parts))
	for i, p := range parts {
		n[i], _ = strconv.Atoi(p)
	}
	at := func(year int) time.Time {
		return time.Date(year, time.Month(n[0]), n[1], n[2], n[3], n[4], n[5]*1000, time.Local)
	}
	t := at(ref.Year())
	const halfYear = 183 * 24 * time.Hour
	switch {
	case t.Sub(ref) > halfYear:
		t = at(ref.Year() - 1)
	case ref.Sub(t) > halfYear:
		t = at(ref.Year() + 1)
	}
	return t
}

// CellPhases splits a cell's wall time into phases using the events logged while the cell
// ran, from start for wall. It returns nil when the log has nothing in that window.
func CellPhases(events []Event, start time.Time, wall time.Duration) *Phases {
	end := start.Add(wall)
	first := map[eventKind]time.Time{}
	var lastIdle time.Time
	var p Phases
	for _, e := range events {
		if e.At.Before(start) || e.At.After(end) {
			continue
		}
		if _, seen := first[e.Kind]; !seen {
			first[e.Kind] = e.At
			switch e.Kind {
			case evBuild:
				p.Built, p.BuildArgs = true, e.Args
			case evBuilt:
				p.Ran = true
			}
		}
		if e.Kind == evIdle {
			lastIdle = e.At
		}
	}
	if len(first) == 0 {
		return nil
	}
	// span returns the time from the first `from` event to the first of the `to` events
	// that was logged, or 0.
	span := func(from eventKind, to ...eventKind) float64 {
		t0, ok := first[from]
		if !ok {
			return 0
		}
		for _, k := range to {
			if t1, ok := first[k]; ok && !t1.Before(t0) {
				return t1.Sub(t0).Seconds()
			}
		}
		return 0
	}
	p.GoImports = span(evGoImports, evGoGet, evGoImportsDone, evBuild)
	p.GoGet = span(evGoGet, evGoImportsDone, evBuild)
	p.GoBuild = span(evBuild, evBuilt, evPost)
	p.Run = span(evBuilt, evPost)
	busy := wall.Seconds()
	if d, ok := first[evDispatched]; ok && !lastIdle.IsZero() && lastIdle.After(d) {
		busy = lastIdle.Sub(d).Seconds()
	}
	p.Client = max(0, wall.Seconds()-busy)
	p.Kernel = max(0, busy-p.GoImports-p.GoGet-p.GoBuild-p.Run)
	return &p
}
