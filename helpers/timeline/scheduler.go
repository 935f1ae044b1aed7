package timeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/trace"
	"strconv"
	"strings"
	"sync"
	"time"

	exptrace "golang.org/x/exp/trace"
)

// MaxTraceBytes caps the size of the execution trace that [Scheduler] keeps in memory.
// A body whose trace grows larger makes Scheduler return an error instead of a result
// too large to chart. A CPU-bound body of 100ms makes a trace of a few kilobytes; each
// goroutine switch adds about 20 bytes, so two goroutines that hand a value back and forth
// over a channel for 100ms make about 4 MiB (250,000 spans, read in about a quarter of
// a second).
const MaxTraceBytes = 16 << 20

// traceLimit is MaxTraceBytes; tests lower it.
var traceLimit = MaxTraceBytes

// logCategory names the runtime/trace log events with which Scheduler marks the
// start and the end of body in the trace.
const logCategory = "timeline.Scheduler"

// Scheduler runs body on the calling goroutine under the Go execution tracer
// (runtime/trace) and returns what the Go scheduler did meanwhile: one span of kind [Run]
// for each stretch of time in which a goroutine was running on a P.
//
//   - Lane is the P, "P0", "P1", …: at most GOMAXPROCS goroutines run at the same
//     instant, one on each P.
//   - Label is "g" and the goroutine's id, such as "g21"; while the goroutine is inside a
//     runtime/trace region it is the region's name (the innermost region), and while it
//     is outside any region but has begun a runtime/trace task that has not ended, the
//     task's name. A stretch in which the goroutine enters or leaves a region is split at
//     that instant. [Label] is the short way to name what a goroutine is doing.
//   - Start and End are offsets from the moment body was called; spans are clipped to the
//     time body ran and sorted by Start, then Lane.
//
// Only the goroutine that runs body and the goroutines that body starts (and those they
// start, and so on) are reported. The runtime's own goroutines, such as the garbage
// collector's workers, and the tracer's are left out, as are goroutines started by the
// runtime on the program's behalf, such as those of [time.AfterFunc]. Time a goroutine
// spends in a system call, or waiting, is not a span.
//
// Only one execution trace (runtime/trace.Start) can run in a process at a time: when one
// is already running (for example under go test -trace, or a concurrent call of
// Scheduler) Scheduler returns an error without calling body. A running flight recorder
// is no obstacle. If the trace grows beyond [MaxTraceBytes], Scheduler
// returns an error after body has returned. If body panics, Scheduler stops tracing and
// the panic continues. A nil body is an error.
//
// Tracing slows the program down a little (each scheduling event is written to memory),
// so use Scheduler to see what ran where, and measure speed without it.
func Scheduler(body func()) ([]Span, error) {
	if body == nil {
		return nil, errors.New("timeline.Scheduler: body is nil")
	}
	buf := &traceBuffer{limit: traceLimit}
	if err := trace.Start(buf); err != nil {
		return nil, fmt.Errorf("timeline.Scheduler: cannot trace body, because another execution trace is running "+
			"(go test -trace, or another Scheduler call): %v", err)
	}
	stopped := false
	defer func() {
		if !stopped { // body panicked or called runtime.Goexit
			trace.Stop()
			buf.close()
		}
	}()
	ctx := context.Background()
	trace.Log(ctx, logCategory, "start")
	body()
	trace.Log(ctx, logCategory, "end")
	trace.Stop()
	data, over := buf.close()
	stopped = true
	if over {
		return nil, fmt.Errorf("timeline.Scheduler: the trace of body grew beyond %s (MaxTraceBytes); "+
			"trace a shorter body, or one with fewer goroutine switches", size(buf.limit))
	}
	spans, err := schedulerSpans(data)
	if err != nil {
		return nil, fmt.Errorf("timeline.Scheduler: reading the trace: %w", err)
	}
	return spans, nil
}

// Label runs f inside a runtime/trace region called name, so that the spans of [Scheduler]
// show name instead of the goroutine's id while f runs:
//
//	go func() { timeline.Label("order 3", makeCoffee) }()
//
// It is trace.WithRegion(context.Background(), name, f); outside Scheduler it just calls f.
// A nil f does nothing.
func Label(name string, f func()) {
	if f == nil {
		return
	}
	trace.WithRegion(context.Background(), name, f)
}

// traceBuffer is the trace's destination: it keeps at most limit bytes, drops everything
// after it overflowed, and ignores writes after close (the tracer's goroutine may still
// write when another trace subscriber, a flight recorder, keeps the tracer running).
type traceBuffer struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	limit  int
	over   bool
	closed bool
}

func (b *traceBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.closed || b.over:
	case b.buf.Len()+len(p) > b.limit:
		b.over = true
		b.buf = bytes.Buffer{}
	default:
		b.buf.Write(p)
	}
	return len(p), nil
}

// close ends writing and returns the trace and whether it overflowed.
func (b *traceBuffer) close() (data []byte, over bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	return b.buf.Bytes(), b.over
}

// size formats a number of bytes: "16 MiB", "1000 bytes".
func size(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.Itoa(n>>20) + " MiB"
	}
	return strconv.Itoa(n) + " bytes"
}

// goroutine is what schedulerSpans tracks of one goroutine of body.
type goroutine struct {
	name    string // "g" and its id
	running bool
	proc    exptrace.ProcID
	since   exptrace.Time // start of the current piece, while running
	regions []string      // open regions, innermost last
	tasks   []task        // tasks it began that have not ended, latest last
	last    int           // index of its latest span in the result, or -1
}

type task struct {
	id   exptrace.TaskID
	name string
}

func (g *goroutine) label() string {
	if n := len(g.regions); n > 0 && g.regions[n-1] != "" {
		return g.regions[n-1]
	}
	if n := len(g.tasks); n > 0 && g.tasks[n-1].name != "" {
		return g.tasks[n-1].name
	}
	return g.name
}

// spanner turns the events of a trace into spans.
type spanner struct {
	start     exptrace.Time // body's start mark
	lanes     []string      // lanes[p] is "P" and p
	gs        map[exptrace.GoID]*goroutine
	taskOwner map[exptrace.TaskID]*goroutine
	spans     []Span
}

// schedulerSpans reads a trace written by Scheduler and returns the spans of body's
// goroutines between the start and end marks.
func schedulerSpans(data []byte) (spans []Span, err error) {
	defer func() {
		// x/exp/trace panics on some malformed input; report it as an error instead.
		if p := recover(); p != nil {
			spans, err = nil, fmt.Errorf("trace parser panicked: %v", p)
		}
	}()
	r, err := exptrace.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	s := &spanner{
		gs:        make(map[exptrace.GoID]*goroutine),
		taskOwner: make(map[exptrace.TaskID]*goroutine),
	}
	started := false
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			return nil, errors.New("the trace has no mark for the end of body")
		}
		if err != nil {
			return nil, err
		}
		if ev.Kind() == exptrace.EventLog && ev.Log().Category == logCategory {
			switch msg := ev.Log().Message; {
			case msg == "start" && !started:
				started = true
				s.begin(ev)
			case msg == "end" && started:
				s.finish(ev.Time())
				sortSpans(s.spans)
				return s.spans, nil
			}
			continue
		}
		if started {
			s.event(ev)
		}
	}
}

// begin handles the start mark: the goroutine that logged it runs body, now.
func (s *spanner) begin(ev exptrace.Event) {
	s.start = ev.Time()
	g := s.add(ev.Goroutine())
	g.running, g.proc, g.since = true, ev.Proc(), ev.Time()
}

func (s *spanner) add(id exptrace.GoID) *goroutine {
	g := &goroutine{name: "g" + strconv.FormatInt(int64(id), 10), last: -1}
	s.gs[id] = g
	return g
}

// event updates the goroutines of body for one event after the start mark.
func (s *spanner) event(ev exptrace.Event) {
	t := ev.Time()
	switch ev.Kind() {
	case exptrace.EventStateTransition:
		st := ev.StateTransition()
		if st.Resource.Kind != exptrace.ResourceGoroutine {
			return
		}
		id := st.Resource.Goroutine()
		from, to := st.Goroutine()
		if from == exptrace.GoNotExist {
			if _, ok := s.gs[ev.Goroutine()]; ok && !runtimeGoroutine(st.Stack) {
				s.add(id)
			}
			return
		}
		g, ok := s.gs[id]
		if !ok {
			return
		}
		switch {
		case to == exptrace.GoRunning && !g.running:
			g.running, g.proc, g.since = true, ev.Proc(), t
		case to != exptrace.GoRunning && g.running:
			s.cut(g, t)
			g.running = false
		}
	case exptrace.EventRegionBegin:
		if g, ok := s.gs[ev.Goroutine()]; ok {
			s.cut(g, t)
			g.regions = append(g.regions, ev.Region().Type)
		}
	case exptrace.EventRegionEnd:
		if g, ok := s.gs[ev.Goroutine()]; ok {
			s.cut(g, t)
			name := ev.Region().Type
			for i := len(g.regions) - 1; i >= 0; i-- {
				if g.regions[i] == name {
					g.regions = append(g.regions[:i], g.regions[i+1:]...)
					break
				}
			}
		}
	case exptrace.EventTaskBegin:
		if g, ok := s.gs[ev.Goroutine()]; ok {
			s.cut(g, t)
			tk := ev.Task()
			g.tasks = append(g.tasks, task{tk.ID, tk.Type})
			s.taskOwner[tk.ID] = g
		}
	case exptrace.EventTaskEnd:
		id := ev.Task().ID
		if g, ok := s.taskOwner[id]; ok {
			s.cut(g, t)
			delete(s.taskOwner, id)
			for i := len(g.tasks) - 1; i >= 0; i-- {
				if g.tasks[i].id == id {
					g.tasks = append(g.tasks[:i], g.tasks[i+1:]...)
					break
				}
			}
		}
	}
}

// cut ends the piece g is running at t (if it is running) and starts the next one at t,
// so that a change of label starts a new span.
func (s *spanner) cut(g *goroutine, t exptrace.Time) {
	if !g.running {
		return
	}
	s.emit(g, t)
	g.since = t
}

// finish ends every running piece at the end mark.
func (s *spanner) finish(t exptrace.Time) {
	for _, g := range s.gs {
		if g.running {
			s.emit(g, t)
		}
	}
}

// emit appends g's current piece, from g.since (but not before start) to t, or extends
// g's previous span when the piece continues it with the same lane and label.
func (s *spanner) emit(g *goroutine, t exptrace.Time) {
	from := time.Duration(max(g.since, s.start) - s.start)
	to := max(time.Duration(t-s.start), from) // clocks of threads may disagree a little
	lane := s.lane(g.proc)
	label := g.label()
	if g.last >= 0 {
		if p := &s.spans[g.last]; p.End == from && p.Lane == lane && p.Label == label {
			p.End = to
			return
		}
	}
	if from == to {
		return // nothing ran, such as a region that begins as the goroutine starts running
	}
	g.last = len(s.spans)
	s.spans = append(s.spans, Span{Lane: lane, Label: label, Kind: Run, Start: from, End: to})
}

// lane returns the name of proc's lane, "P0" for proc 0.
func (s *spanner) lane(proc exptrace.ProcID) string {
	if proc < 0 || proc > 1<<16 {
		return "P" + strconv.FormatInt(int64(proc), 10)
	}
	for int(proc) >= len(s.lanes) {
		s.lanes = append(s.lanes, "P"+strconv.Itoa(len(s.lanes)))
	}
	return s.lanes[proc]
}

// runtimeGoroutine reports whether a goroutine whose start stack is stack belongs to the
// runtime or the tracer (runtime.gcBgMarkWorker, runtime/trace.Start.func1, …).
func runtimeGoroutine(stack exptrace.Stack) bool {
	for f := range stack.Frames() {
		return strings.HasPrefix(f.Func, "runtime.") || strings.HasPrefix(f.Func, "runtime/")
	}
	return false
}
