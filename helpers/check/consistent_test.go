package check

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// store keeps a total spread over two halves; Move keeps the total.
type store struct {
	mu   sync.RWMutex
	a, b int
}

func (s *store) move(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.a -= n
	s.b += n
}

func TestConsistentBadInput(t *testing.T) {
	setup := func() (func() int, func(int)) { return func() int { return 0 }, func(int) {} }
	for _, tc := range []struct {
		name string
		v    func() Verdict
		want string
	}{
		{"duration 0", func() Verdict { return Consistent("", Spec{Trials: 1}, 0, setup) }, "check.Consistent: duration must be > 0, got 0s"},
		{"duration < 0", func() Verdict { return Consistent("", Spec{Trials: 1}, -time.Second, setup) }, "check.Consistent: duration must be > 0, got -1s"},
		{"nil setup", func() Verdict { return Consistent[int]("", Spec{Trials: 1}, time.Millisecond, nil) }, "check.Consistent: setup is nil"},
		{"bad spec", func() Verdict { return Consistent("", Spec{Procs: []int{0}}, time.Millisecond, setup) },
			"check.Consistent: s.Procs[0] must be between 1 and 256, got 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			capture(t)
			v := tc.v()
			if v.Err == nil || v.Err.Error() != tc.want || v.Pass {
				t.Errorf("got %+v, want Err %q", v, tc.want)
			}
		})
	}
}

func TestConsistentPasses(t *testing.T) {
	out := capture(t)
	v := Consistent("total", Spec{Trials: 5, Procs: []int{1, 2}}, 2*time.Millisecond, func() (func() int, func(int)) {
		s := &store{a: 10, b: 10}
		return func() int {
			s.mu.RLock()
			defer s.mu.RUnlock()
			return s.a + s.b
		}, func(i int) { s.move(1 - 2*(i%2)) }
	})
	lines(t, out, v)
	if !v.Pass || !strings.HasPrefix(v.Line, "PASS: total: 10/10 trials passed: ") || !strings.Contains(v.Line, " reads saw no change while ") {
		t.Errorf("got %q", v.Line)
	}
}

// Two locked reads with a write between them see a torn total.
func TestConsistentFailsTornRead(t *testing.T) {
	out := capture(t)
	v := Consistent("", Spec{Trials: 10, Procs: []int{2}}, 5*time.Millisecond, func() (func() int, func(int)) {
		s := &store{a: 10, b: 10}
		return func() int {
			s.mu.RLock()
			a := s.a
			s.mu.RUnlock()
			runtime.Gosched() // let the writer in
			s.mu.RLock()
			defer s.mu.RUnlock()
			return a + s.b
		}, func(i int) { s.move(1); runtime.Gosched() }
	})
	ls := lines(t, out, v)
	if v.Pass || !strings.Contains(v.Line, "; the first, trial ") || !strings.Contains(v.Line, " while the writer ran, want 20, as before the writes") {
		t.Errorf("got %q", v.Line)
	}
	if !hasLine(ls, "Hint: ") {
		t.Errorf("no hint:\n%s", out)
	}
}

// A nested read lock with a writer waiting deadlocks: the check reports it blocked.
func TestConsistentBlocked(t *testing.T) {
	out := capture(t)
	v := Consistent("", Spec{Trials: 3, Procs: []int{2}, Timeout: 200 * time.Millisecond}, 50*time.Millisecond, func() (func() int, func(int)) {
		s := &store{a: 10, b: 10}
		return func() int {
			s.mu.RLock()
			defer s.mu.RUnlock()
			time.Sleep(100 * time.Microsecond) // a writer arrives
			s.mu.RLock()                       // and this waits behind it
			defer s.mu.RUnlock()
			return s.a + s.b
		}, func(i int) { s.move(1) }
	})
	lines(t, out, v)
	if v.Pass || !strings.HasPrefix(v.Line, "FAIL: trial 1 at GOMAXPROCS=2 blocked") {
		t.Errorf("got %q", v.Line)
	}
}

func TestConsistentPanickingWriter(t *testing.T) {
	out := capture(t)
	v := Consistent("", Spec{Trials: 2, Procs: []int{1}}, 5*time.Millisecond, func() (func() int, func(int)) {
		return func() int { time.Sleep(10 * time.Microsecond); return 1 }, func(i int) { panic("writer broke") }
	})
	lines(t, out, v)
	if v.Pass || !strings.Contains(v.Line, "panicked") || !strings.Contains(v.Line, "writer broke") {
		t.Errorf("got %q", v.Line)
	}
}

func TestConsistentNilSides(t *testing.T) {
	out := capture(t)
	v := Consistent("", Spec{Trials: 2, Procs: []int{1}}, time.Millisecond, func() (func() int, func(int)) { return nil, nil })
	lines(t, out, v)
	if v.Pass || !strings.Contains(v.Line, "setup returned a nil read or write") {
		t.Errorf("got %q", v.Line)
	}
}
