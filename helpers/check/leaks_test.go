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

func TestParseGoroutines(t *testing.T) {
	dump := `goroutine 1 [running]:
main.main()
	/tmp/x/main.go:10 +0x25

goroutine 7 [chan send, 2 minutes]:
main.(*Search).first.func1(0x1)
	/tmp/x/main.go:41 +0x25
created by main.(*Search).first in goroutine 1
	/tmp/x/main.go:39 +0x6a
`
	gs := parseGoroutines([]byte(dump))
	if len(gs) != 2 || gs[1].id != 7 || gs[1].state != "chan send" || len(gs[1].frames) != 2 {
		t.Fatalf("parsed %+v", gs)
	}
	f := gs[1].frames[0]
	if f.function != "main.(*Search).first.func1" || f.file != "/tmp/x/main.go" || f.line != 41 {
		t.Errorf("first frame %+v", f)
	}
	if c := gs[1].frames[1]; c.function != "main.(*Search).first" || c.line != 39 {
		t.Errorf("creator %+v", c)
	}
}
