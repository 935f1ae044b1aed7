package check

import (
	"strings"
	"testing"
	"time"
)

func init() {
	// This package's tests stand in for the learner's code.
	learnerPackages = append(learnerPackages, "github.com/go-concurrency-lab/course/helpers/check.")
}

// leakySearch returns the first of three answers; the other two senders wait forever.
func leakySearch() int {
	answers := make(chan int)
	for i := range 3 {
		go func() { answers <- i }()
	}
	return <-answers
}

func TestNoLeaksNamesTheBlockedGoroutines(t *testing.T) {
	out := capture(t)
	v := That("first answer", Spec{Trials: 3, Procs: []int{1}, NoLeaks: true}, func() error { leakySearch(); return nil })
	ls := lines(t, out, v)
	want := "FAIL: first answer: trial 1 at GOMAXPROCS=1 left 2 goroutines behind, still there 250ms after it returned: " +
		"2 blocked in chan send at `go func() { answers <- i }()` in leakySearch.func1 (leaks_test.go:"
	if !strings.HasPrefix(v.Line, want) || !hasLine(ls, "Hint: "+hintLeaked) {
		t.Errorf("got:\n%s\nwant a first line starting %q and the leak hint", out, want)
	}
}

func TestNoLeaksPassesGoroutinesThatEnd(t *testing.T) {
	out := capture(t)
	v := That("buffered", Spec{Trials: 20, Procs: []int{1, 2}, NoLeaks: true}, func() error {
		answers := make(chan int, 3) // room for every answer: no sender waits
		for i := range 3 {
			go func() {
				time.Sleep(time.Duration(i) * time.Millisecond) // still running when the trial returns
				answers <- i
			}()
		}
		<-answers
		return nil
	})
	if !v.Pass {
		t.Errorf("got:\n%s", out)
	}
}

// The grace period comes after the trial, not out of its timeout: goroutines that
// end 100ms after a trial with a 50ms timeout are not a leak, nor a blocked trial.
func TestNoLeaksGraceIsNotTheTrialsTime(t *testing.T) {
	out := capture(t)
	v := That("late ends", Spec{Trials: 2, Procs: []int{1}, Timeout: 50 * time.Millisecond, NoLeaks: true}, func() error {
		go func() { time.Sleep(100 * time.Millisecond) }()
		return nil
	})
	if !v.Pass {
		t.Errorf("got:\n%s", out)
	}
}

// One goroutine left behind, while the goroutine that ran the trial has ended:
// the number of goroutines is the same as before, and the leak is still found.
func TestNoLeaksFindsOneLeftBehind(t *testing.T) {
	out := capture(t)
	v := That("one left", Spec{Trials: 1, Procs: []int{1}, NoLeaks: true}, func() error {
		answers := make(chan int)
		for i := range 2 {
			go func() { answers <- i }() // one receive: the other sender waits forever
		}
		<-answers
		return nil
	})
	if v.Pass || !strings.Contains(v.Line, "left 1 goroutine behind") {
		t.Errorf("got:\n%s", out)
	}
}
