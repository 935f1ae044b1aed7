// Package guard runs code that may deadlock or panic, and reports what happened
// instead of crashing or hanging the notebook cell.
//
// [Run] calls a function on a new goroutine and waits for it at most a given time.
// The result is an [Outcome]: the function finished, it panicked (the panic is
// recovered and its message kept), or it was still running when the time was up,
// which in this course almost always means it is blocked for good: a deadlock.
//
// Three facts of the Go runtime set the limits of what guard can do:
//
//   - A goroutine cannot be killed from outside. When f blocks, Run returns but f's
//     goroutine stays behind, blocked, holding whatever it holds (locks, memory).
//     It ends when the program ends, which in GoNB is the end of the cell. A cell
//     should therefore not rely on anything the blocked code touched.
//   - Run keeps a timer pending while it waits, so the runtime's
//     "fatal error: all goroutines are asleep - deadlock!" cannot fire during the
//     wait, even when every other goroutine is blocked: the runtime does not report
//     a deadlock while a timer could still wake a goroutine. (The tests check this
//     in a separate program.) That fatal error is a best-effort check anyway: a
//     program that links cgo never raises it and just hangs. A cell that imports a
//     helper that displays output (a chart, a progress bar) is such a program when
//     a C compiler is installed (helpers/internal/display imports gonbui, which
//     reaches os/user through klog). Run's timeout is the dependable way to notice
//     a deadlock.
//   - Some failures are fatal errors, not panics, and end the program whatever guard
//     does: "concurrent map writes", "sync: unlock of unlocked mutex",
//     "sync: RUnlock of unlocked RWMutex", running out of memory or stack.
//     Panics in goroutines that f starts with a plain go statement also end the
//     program; start them with [Go] to have them reported instead.
package guard

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/stats"
)

// Outcome is what happened to a function run by [Run].
// Exactly one of Finished, Blocked and Panicked is true, unless Err is set, in which
// case the function was not run and all three are false.
type Outcome struct {
	Finished bool // f returned normally
	Blocked  bool // f had not returned when the timeout expired; its goroutine is left behind
	Panicked bool // f, or a goroutine it started with Go, panicked (or f called runtime.Goexit)
	// Panic is the recovered panic value when Panicked is true.
	Panic any
	// Err is set when Run was called with bad arguments; f was not run.
	Err error
	// Elapsed is how long Run waited: until f returned or panicked, or until the
	// timeout when f blocked.
	Elapsed time.Duration
	// Timeout is the timeout Run was given.
	Timeout time.Duration

	inGo bool // the panic happened in a goroutine started with Go
}

// String describes the outcome in one line for learners, for example
//
//	finished in 1.2ms
//	blocked: still waiting after 1s — a goroutine is waiting for something that never happens (a deadlock)
//	panicked: sync: negative WaitGroup counter
//
// When Err is set, String returns Err's message.
func (o Outcome) String() string {
	switch {
	case o.Err != nil:
		return o.Err.Error()
	case o.Finished:
		return "finished in " + stats.RoundDuration(o.Elapsed).String()
	case o.Blocked:
		return fmt.Sprintf("blocked: still waiting after %v — a goroutine is waiting for something that never happens (a deadlock)", o.Timeout)
	case o.Panicked && o.inGo:
		return fmt.Sprintf("panicked in a goroutine started with guard.Go: %v", o.Panic)
	case o.Panicked:
		return fmt.Sprintf("panicked: %v", o.Panic)
	}
	return "not run"
}

// errGoexit is the Panic value of an Outcome whose f called runtime.Goexit.
var errGoexit = errors.New("f called runtime.Goexit, which stops a goroutine much like a panic")

// Run calls f on a new goroutine and waits until f returns, f panics, a goroutine
// started by f with [Go] panics, or timeout has passed, whichever comes first.
// A panic is recovered and reported in the Outcome. If f is still running at the
// timeout, Run returns an Outcome with Blocked set and leaves f's goroutine behind:
// Go offers no way to stop it (see the package documentation). Blocked only means
// that f had not returned in time: a slow f looks the same as a deadlocked one, so
// choose a timeout well above f's normal running time.
//
// A timeout <= 0 or a nil f is not run: the Outcome has Err set. Run never panics.
// Run may be called from several goroutines at once.
func Run(timeout time.Duration, f func()) Outcome {
	return run("guard.Run", timeout, f)
}

// Report runs f like [Run] and prints one line "<what>: <outcome>" to standard
// output, for example
//
//	forgotten Unlock: blocked: still waiting after 1s — a goroutine is waiting for something that never happens (a deadlock)
//
// It returns the Outcome. An empty what prints the outcome alone.
func Report(what string, timeout time.Duration, f func()) Outcome {
	o := run("guard.Report", timeout, f)
	if what == "" {
		fmt.Fprintln(stdout(), o)
	} else {
		fmt.Fprintf(stdout(), "%s: %v\n", what, o)
	}
	return o
}

// stdout is where Report prints; tests replace it. It is looked up at each call so
// that whoever swaps os.Stdout (example tests, GoNB) sees the line.
var stdout = func() io.Writer { return os.Stdout }

// waiting is one Run in progress, to which Go delivers panics.
type waiting struct {
	mu       sync.Mutex
	over     bool     // Run has returned; panics can no longer be delivered
	panicked chan any // receives the first panic of a goroutine started with Go
}

// deliver hands a goroutine's panic to the waiting Run; it reports false if that
// Run has already returned.
func (w *waiting) deliver(p any) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.over {
		return false
	}
	select {
	case w.panicked <- p:
	default: // a panic was delivered already; the first one is reported
	}
	return true
}

var (
	activeMu sync.Mutex
	active   []*waiting // Runs in progress, the most recently started last
)

func run(caller string, timeout time.Duration, f func()) Outcome {
	if timeout <= 0 {
		return Outcome{Timeout: timeout, Err: fmt.Errorf("%s: timeout must be > 0, got %v", caller, timeout)}
	}
	if f == nil {
		return Outcome{Timeout: timeout, Err: fmt.Errorf("%s: f is nil", caller)}
	}
	w := &waiting{panicked: make(chan any, 1)}
	activeMu.Lock()
	active = append(active, w)
	activeMu.Unlock()
	defer func() {
		w.mu.Lock()
		w.over = true
		w.mu.Unlock()
		activeMu.Lock()
		for i, a := range active {
			if a == w {
				active = append(active[:i], active[i+1:]...)
				break
			}
		}
		activeMu.Unlock()
	}()

	// The pending timer is what keeps the runtime from declaring a deadlock while
	// we wait (runtime.checkdead gives up when any timer is pending).
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	done := make(chan struct{})
	var panicked bool
	var panicValue any // written by f's goroutine before it closes done
	start := time.Now()
	go func() {
		defer close(done)
		returned := false
		defer func() {
			if returned {
				return
			}
			panicked = true
			if panicValue = recover(); panicValue == nil {
				panicValue = errGoexit // recover returns nil only for runtime.Goexit
			}
		}()
		f()
		returned = true
	}()

	o := Outcome{Timeout: timeout}
	select {
	case <-done:
		o.Finished, o.Panicked, o.Panic = !panicked, panicked, panicValue
	case p := <-w.panicked:
		o.Panicked, o.Panic, o.inGo = true, p, true
	case <-timer.C:
		o.Blocked = true
	}
	o.Elapsed = time.Since(start)
	return o
}

// Go starts f on a new goroutine, like the go statement, but if f panics while a
// [Run] is waiting, the panic is recovered and that Run returns at once with
// Panicked set and the panic's value, instead of the whole program crashing.
//
// The Run is the one waiting when Go is called: the innermost, or when several Runs
// wait on different goroutines, the most recently started. Only the first panic is
// reported. If no Run was waiting when Go was called, or the Run has returned by the
// time f panics, the panic continues as in a plain goroutine and ends the program.
// A nil f counts as a goroutine that panics.
func Go(f func()) {
	activeMu.Lock()
	var w *waiting
	if len(active) > 0 {
		w = active[len(active)-1]
	}
	activeMu.Unlock()
	go func() {
		defer func() {
			if p := recover(); p != nil && (w == nil || !w.deliver(p)) {
				panic(p)
			}
		}()
		if f == nil {
			panic(errors.New("guard.Go: f is nil"))
		}
		f()
	}()
}
