package timeline

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/trace"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// spin keeps a goroutine busy (runnable or running, never blocked) for d of wall time.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// withProcs runs f with GOMAXPROCS set to procs.
func withProcs(procs int, f func()) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	f()
}

func skipIfTracing(t *testing.T) {
	t.Helper()
	if trace.IsEnabled() {
		t.Skip("an execution trace is already running (go test -trace?)")
	}
}

// twoWorkers is the notebook's experiment: two CPU-bound goroutines of about 20ms each.
func twoWorkers() {
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() { Label(fmt.Sprint("worker ", i), func() { spin(20 * time.Millisecond) }) })
	}
	wg.Wait()
}

// traceTwoWorkers runs twoWorkers under Scheduler with procs Ps and checks what holds
// for any number of Ps.
func traceTwoWorkers(t *testing.T, procs int) (spans []Span, elapsed time.Duration) {
	t.Helper()
	skipIfTracing(t)
	var err error
	withProcs(procs, func() {
		start := time.Now()
		spans, err = Scheduler(twoWorkers)
		elapsed = time.Since(start)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("GOMAXPROCS=%d: %d spans on %q; busy per lane %v; overlap of the workers %v",
		procs, len(spans), Lanes(spans), busy(spans), overlap(spans, "worker 0", "worker 1"))
	checkSorted(t, spans)
	goroutines := map[string]bool{}
	for _, s := range spans {
		if s.Kind != Run || !strings.HasPrefix(s.Lane, "P") || s.Start < 0 || s.End <= s.Start || s.End > elapsed {
			t.Errorf("bad span %+v (body took at most %v)", s, elapsed)
		}
		if strings.HasPrefix(s.Label, "g") {
			goroutines[s.Label] = true
		}
	}
	// Body's goroutine and the two workers before they enter their regions: no runtime
	// goroutine (GC workers, the tracer's reader) may appear.
	if len(goroutines) > 3 {
		t.Errorf("spans of %d goroutines %v, want at most 3: body's and the two workers", len(goroutines), goroutines)
	}
	for _, w := range []string{"worker 0", "worker 1"} {
		if ran(spans, w) == 0 {
			t.Errorf("%s never ran", w)
		}
	}
	if spans[0].Start != 0 || !strings.HasPrefix(spans[0].Label, "g") {
		t.Errorf("first span %+v: want body's goroutine, running at offset 0", spans[0])
	}
	return spans, elapsed
}

func TestSchedulerOneP(t *testing.T) {
	spans, _ := traceTwoWorkers(t, 1)
	if lanes := Lanes(spans); !slices.Equal(lanes, []string{"P0"}) {
		t.Errorf("GOMAXPROCS=1: lanes %q, want only P0", lanes)
	}
	// One P runs one goroutine at a time: sorted by Start, each span ends before the next.
	for i := 1; i < len(spans); i++ {
		if spans[i].Start < spans[i-1].End {
			t.Errorf("GOMAXPROCS=1: %+v overlaps %+v", spans[i-1], spans[i])
		}
	}
}

func TestSchedulerTwoPs(t *testing.T) {
	// Two busy goroutines and two Ps: the scheduler runs them at the same time, on two
	// Ps. Not always: on a loaded machine, about one run in 200 keeps both on one P
	// (the second P's thread is not woken in time, and the runtime does not rebalance
	// running goroutines), so take the best of three runs.
	var spans []Span
	for attempt := 1; attempt <= 3; attempt++ {
		spans, _ = traceTwoWorkers(t, 2)
		if len(Lanes(spans)) >= 2 && overlap(spans, "worker 0", "worker 1") > 0 {
			break
		}
		t.Logf("attempt %d: the two workers did not run on two Ps at once: %v", attempt, spans)
		if attempt == 3 {
			t.Errorf("GOMAXPROCS=2: in 3 runs, the two workers never ran on two Ps at the same time")
		}
	}
	// Spans on one lane never overlap, whatever the number of Ps.
	for _, lane := range Lanes(spans) {
		var prev Span
		for _, s := range spans {
			if s.Lane != lane {
				continue
			}
			if s.Start < prev.End {
				t.Errorf("%s: %+v overlaps %+v", lane, prev, s)
			}
			prev = s
		}
	}
}

// ran is the total running time of the spans labelled label.
func ran(spans []Span, label string) time.Duration {
	var d time.Duration
	for _, s := range spans {
		if s.Label == label {
			d += s.End - s.Start
		}
	}
	return d
}

// busy is the total running time per lane.
func busy(spans []Span) map[string]time.Duration {
	m := map[string]time.Duration{}
	for _, s := range spans {
		m[s.Lane] += s.End - s.Start
	}
	return m
}

// overlap is the total time in which a span labelled a and a span labelled b ran at once.
func overlap(spans []Span, a, b string) time.Duration {
	var d time.Duration
	for _, x := range spans {
		for _, y := range spans {
			if x.Label == a && y.Label == b {
				d += max(min(x.End, y.End)-max(x.Start, y.Start), 0)
			}
		}
	}
	return d
}

func TestSchedulerLabels(t *testing.T) {
	skipIfTracing(t)
	spans, err := Scheduler(func() {
		ctx, task := trace.NewTask(context.Background(), "order 7")
		spin(time.Millisecond)
		trace.WithRegion(ctx, "froth milk", func() {
			Label("inner", func() { spin(time.Millisecond) })
			spin(time.Millisecond)
		})
		spin(time.Millisecond)
		task.End()
		spin(time.Millisecond)
	})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, s := range spans {
		if len(labels) == 0 || labels[len(labels)-1] != s.Label {
			labels = append(labels, s.Label)
		}
	}
	// The body's goroutine only: g<id>, then the task, the regions (innermost wins), the
	// task again and g<id> at the end.
	if len(labels) != 7 || labels[0] != labels[6] || !strings.HasPrefix(labels[0], "g") ||
		!slices.Equal(labels[1:6], []string{"order 7", "froth milk", "inner", "froth milk", "order 7"}) {
		t.Errorf("labels in time order: %q, want g<id>, order 7, froth milk, inner, froth milk, order 7, g<id>", labels)
	}
	for _, l := range []string{"order 7", "froth milk", "inner"} {
		if ran(spans, l) == 0 {
			t.Errorf("%q never ran", l)
		}
	}
}

func TestSchedulerBadInput(t *testing.T) {
	skipIfTracing(t)
	tests := []struct {
		name    string
		setup   func() (cleanup func())
		body    func()
		wantErr string
	}{
		{name: "nil body", body: nil, wantErr: "timeline.Scheduler: body is nil"},
		{
			name: "tracing already on",
			setup: func() func() {
				if err := trace.Start(io.Discard); err != nil {
					t.Fatal(err)
				}
				return trace.Stop
			},
			body:    func() { t.Error("body ran although tracing was already on") },
			wantErr: "timeline.Scheduler: cannot trace body, because another execution trace is running",
		},
		{
			name: "trace too large",
			setup: func() func() {
				old := traceLimit
				traceLimit = 1000
				return func() { traceLimit = old }
			},
			body: func() {
				ch := make(chan int)
				go func() {
					for range ch {
					}
				}()
				for i := range 1000 {
					ch <- i
				}
				close(ch)
			},
			wantErr: "timeline.Scheduler: the trace of body grew beyond 1000 bytes (MaxTraceBytes)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				defer tt.setup()()
			}
			spans, err := Scheduler(tt.body)
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one starting with %q", err, tt.wantErr)
			}
			if spans != nil {
				t.Errorf("spans = %v, want nil with an error", spans)
			}
		})
	}
	if trace.IsEnabled() {
		t.Error("tracing is still on after the failed calls")
	}
}

func TestSchedulerStopsTracingOnPanic(t *testing.T) {
	skipIfTracing(t)
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Errorf("recovered %v, want the body's panic", p)
			}
		}()
		Scheduler(func() { panic("boom") })
	}()
	if trace.IsEnabled() {
		t.Fatal("tracing is still on after body panicked")
	}
	if _, err := Scheduler(func() {}); err != nil {
		t.Errorf("Scheduler after a panic: %v", err)
	}
}

func TestSchedulerSpansOfBadTraces(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":   nil,
		"garbage": []byte("go 1.26 trace\x00\x00\x00 not really"),
	} {
		if spans, err := schedulerSpans(data); err == nil {
			t.Errorf("%s: got %d spans and no error", name, len(spans))
		}
	}
}

func TestLabelNilFunc(t *testing.T) {
	Label("nothing", nil) // must not panic
	ran := false
	Label("outside a trace", func() { ran = true })
	if !ran {
		t.Error("Label did not call f")
	}
}

// BenchmarkSchedulerSpans reads the trace of two goroutines that hand a value back and
// forth for 20ms: the worst case, a span per hand-over.
func BenchmarkSchedulerSpans(b *testing.B) {
	var buf traceBuffer
	buf.limit = MaxTraceBytes
	if err := trace.Start(&buf); err != nil {
		b.Skip(err)
	}
	ctx := context.Background()
	trace.Log(ctx, logCategory, "start")
	ch, back := make(chan int), make(chan int)
	go func() {
		for v := range ch {
			back <- v
		}
	}()
	for start := time.Now(); time.Since(start) < 20*time.Millisecond; {
		ch <- 1
		<-back
	}
	close(ch)
	trace.Log(ctx, logCategory, "end")
	trace.Stop()
	data, _ := buf.close()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		spans, err := schedulerSpans(data)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(spans)), "spans")
	}
}
