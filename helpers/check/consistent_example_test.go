package check_test

import (
	"strings"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/check"
)

// accounts moves money between two accounts; the total never changes.
type accounts struct {
	mu   sync.RWMutex
	a, b int
}

func (s *accounts) Total() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.a + s.b
}

func (s *accounts) Move(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.a -= n
	s.b += n
}

// Total must see the same sum while Move runs over and over on another goroutine.
func ExampleConsistent() {
	v := check.Consistent("total", check.Spec{Trials: 5, Procs: []int{1, 2}}, time.Millisecond,
		func() (read func() int, write func(i int)) {
			s := &accounts{a: 50, b: 50}
			return s.Total, func(i int) { s.Move(1 - 2*(i%2)) }
		})
	// The line counts the reads and writes, which vary from run to run:
	// PASS: total: 10/10 trials passed: 3015 reads saw no change while 91744 writes ran (GOMAXPROCS 1, 2; 5 trials each)
	_ = strings.HasPrefix(v.Line, "PASS: total: 10/10 trials passed") // true
}
