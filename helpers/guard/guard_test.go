package guard

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/internal/gobuild"
)

func TestFinished(t *testing.T) {
	x := 0
	o := Run(time.Second, func() { x = 42 })
	if !o.Finished || o.Blocked || o.Panicked || o.Err != nil || o.Panic != nil {
		t.Fatalf("Run(quick f) = %+v, want only Finished", o)
	}
	if x != 42 { // Run returned after f did, so this read is race-free
		t.Errorf("f's write not visible after Run: x = %d", x)
	}
	if o.Timeout != time.Second || o.Elapsed < 0 || o.Elapsed > o.Timeout {
		t.Errorf("Timeout %v, Elapsed %v", o.Timeout, o.Elapsed)
	}
	if s := o.String(); !strings.HasPrefix(s, "finished in ") {
		t.Errorf("String() = %q", s)
	}
}

func TestBlocked(t *testing.T) {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock() // lets the left-behind goroutine finish when the test ends
	o := Run(50*time.Millisecond, func() { mu.Lock() })
	if !o.Blocked || o.Finished || o.Panicked || o.Err != nil {
		t.Fatalf("Run(f blocked on a mutex) = %+v, want only Blocked", o)
	}
	if o.Elapsed < o.Timeout {
		t.Errorf("returned after %v, before the %v timeout", o.Elapsed, o.Timeout)
	}
	want := "blocked: still waiting after 50ms — a goroutine is waiting for something that never happens (a deadlock)"
	if s := o.String(); s != want {
		t.Errorf("String() = %q, want %q", s, want)
	}
}

func TestPanicked(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"WaitGroup", func() {
			var wg sync.WaitGroup
			wg.Done()
		}, "panicked: sync: negative WaitGroup counter"},
		{"error value", func() { panic(errors.New("boom")) }, "panicked: boom"},
		{"index", func() {
			s := []int{1, 2, 3}
			i := len(s)
			_ = s[i]
		}, "panicked: runtime error: index out of range [3] with length 3"},
		{"nil map", func() {
			var m map[string]int
			m["x"] = 1
		}, "panicked: assignment to entry in nil map"},
		{"panic(nil)", func() { panic(nil) }, "panicked: panic called with nil argument"},
		{"Goexit", runtime.Goexit, "panicked: f called runtime.Goexit, which stops a goroutine much like a panic"},
	}
	for _, tt := range tests {
		o := Run(time.Second, tt.f)
		if !o.Panicked || o.Finished || o.Blocked || o.Panic == nil {
			t.Errorf("%s: Run = %+v, want only Panicked", tt.name, o)
			continue
		}
		if s := o.String(); !strings.HasPrefix(s, tt.want) {
			t.Errorf("%s: String() = %q, want prefix %q", tt.name, s, tt.want)
		}
	}
}

// TestBadInput checks that bad arguments give an Err naming them, and never run f.
func TestBadInput(t *testing.T) {
	ran := false
	f := func() { ran = true }
	tests := []struct {
		timeout time.Duration
		f       func()
		report  bool
		want    string
	}{
		{0, f, false, "guard.Run: timeout must be > 0, got 0s"},
		{-time.Second, f, false, "guard.Run: timeout must be > 0, got -1s"},
		{time.Second, nil, false, "guard.Run: f is nil"},
		{0, f, true, "guard.Report: timeout must be > 0, got 0s"},
		{time.Second, nil, true, "guard.Report: f is nil"},
	}
	defer swapStdout(t)()
	for _, tt := range tests {
		var o Outcome
		if tt.report {
			o = Report("x", tt.timeout, tt.f)
		} else {
			o = Run(tt.timeout, tt.f)
		}
		if o.Err == nil || o.Err.Error() != tt.want || o.String() != tt.want {
			t.Errorf("timeout %v, f nil %v: Err %v, want %q", tt.timeout, tt.f == nil, o.Err, tt.want)
		}
		if o.Finished || o.Blocked || o.Panicked {
			t.Errorf("timeout %v: bad input gave %+v", tt.timeout, o)
		}
	}
	if ran {
		t.Error("f ran despite bad input")
	}
	if s := (Outcome{}).String(); s != "not run" {
		t.Errorf("zero Outcome String() = %q", s)
	}
}

// swapStdout captures what Report prints until the returned function is called.
func swapStdout(t *testing.T) (restore func()) {
	t.Helper()
	old := stdout
	captured = new(bytes.Buffer)
	stdout = func() io.Writer { return captured }
	return func() { stdout = old }
}

var captured *bytes.Buffer // what swapStdout captures

func TestReport(t *testing.T) {
	defer swapStdout(t)()
	Report("forgotten Unlock", 20*time.Millisecond, func() { select {} })
	Report("", time.Second, func() { panic("oops") })
	want := "forgotten Unlock: blocked: still waiting after 20ms — a goroutine is waiting for something that never happens (a deadlock)\n" +
		"panicked: oops\n"
	if got := captured.String(); got != want {
		t.Errorf("Report printed %q, want %q", got, want)
	}
}

func TestGo(t *testing.T) {
	o := Run(5*time.Second, func() {
		Go(func() {
			var wg sync.WaitGroup
			wg.Add(-1)
		})
		select {} // without Go's report, Run would wait for the timeout
	})
	want := "panicked in a goroutine started with guard.Go: sync: negative WaitGroup counter"
	if !o.Panicked || o.String() != want {
		t.Fatalf("Run = %+v (%q), want %q", o, o, want)
	}
	// A finished goroutine reports nothing; a nil f counts as a panic.
	o = Run(5*time.Second, func() {
		done := make(chan bool)
		Go(func() { done <- true })
		<-done
	})
	if !o.Finished {
		t.Errorf("Run with a well-behaved Go = %v, want finished", o)
	}
	o = Run(5*time.Second, func() { Go(nil); select {} })
	if !o.Panicked || o.String() != "panicked in a goroutine started with guard.Go: guard.Go: f is nil" {
		t.Errorf("Go(nil) gave %v", o)
	}
}

func TestGoReportsToInnermostRun(t *testing.T) {
	var inner Outcome
	outer := Run(5*time.Second, func() {
		inner = Run(5*time.Second, func() {
			Go(func() { panic("inner") })
			select {}
		})
	})
	if !outer.Finished || !inner.Panicked || inner.Panic != "inner" {
		t.Errorf("outer %v, inner %v; want outer finished, inner panicked", outer, inner)
	}
	activeMu.Lock()
	defer activeMu.Unlock()
	if len(active) != 0 {
		t.Errorf("%d Runs still registered after all returned", len(active))
	}
}

func TestConcurrentRuns(t *testing.T) {
	var wg sync.WaitGroup
	outcomes := make([]Outcome, 20)
	for i := range outcomes {
		wg.Go(func() {
			outcomes[i] = Run(5*time.Second, func() {
				if i%2 == 1 {
					panic(i)
				}
			})
		})
	}
	wg.Wait()
	for i, o := range outcomes {
		if i%2 == 0 && !o.Finished || i%2 == 1 && (!o.Panicked || o.Panic != i) {
			t.Errorf("run %d: %v", i, o)
		}
	}
}

// TestNoDeadlockCrashWhileWaiting runs testdata/deadlock in its own process: there
// the main goroutine waits in Run while f is blocked on a mutex nobody will unlock,
// so no goroutine can run. The runtime's deadlock detector must stay quiet while
// Run's timer is pending. The "plain" variant shows that the detector does fire in
// that program without guard, so the test would notice if the timer did not help.
//
// The program is built with CGO_ENABLED=0 (gobuild.Env): a program that links cgo
// (helpers/internal/display does, through gonbui → klog → os/user) never reports such
// deadlocks at all, so the plain variant would hang and the guarded one would prove
// nothing (go.dev/issue/25538).
func TestNoDeadlockCrashWhileWaiting(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program; skipped in -short mode")
	}
	if _, err := gobuild.Command(); err != nil {
		t.Skip(err)
	}
	exe := filepath.Join(t.TempDir(), "deadlock")
	if err := gobuild.Build(context.Background(), ".", exe, "./testdata/deadlock"); err != nil {
		t.Fatal(err)
	}
	run := func(mode string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		out, err := exec.CommandContext(ctx, exe, mode).CombinedOutput()
		if ctx.Err() != nil {
			t.Errorf("%s: still running after 20s; killed", mode)
		}
		return string(out), err
	}

	out, err := run("guarded")
	if err != nil || out != "blocked\n" {
		t.Errorf("guarded: err %v, output %q; want exit 0 and \"blocked\\n\"", err, out)
	}

	out, err = run("plain")
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 ||
		!strings.Contains(out, "fatal error: all goroutines are asleep - deadlock!") {
		t.Errorf("plain: err %v, output %q; want the runtime's deadlock error and exit 2", err, out)
	}
}
