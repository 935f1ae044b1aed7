package check_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/check"
)

// Each goroutine marks its own slot; a check proves that none was lost.
func ExampleMarks() {
	record := func(n int) []bool {
		seen := make([]bool, n)
		done := make(chan struct{})
		for id := range n {
			go func() {
				seen[id] = true
				done <- struct{}{}
			}()
		}
		for range n {
			<-done
		}
		return seen
	}
	fmt.Println(check.Marks(record(1000)))
	check.That("all ids recorded", check.Spec{Trials: 5, Procs: []int{1, 2}, Timeout: time.Second}, func() error {
		return check.Marks(record(1000)).Missing()
	})
	// Output:
	// 1,000 of 1,000 marked
	// PASS: all ids recorded: 10/10 trials passed (GOMAXPROCS 1, 2; 5 trials each)
}

func TestMarks(t *testing.T) {
	for _, c := range []struct {
		marks   []bool
		count   int
		missing string // "" for nil
		text    string
	}{
		{nil, 0, "no marks: the slice is empty", "0 of 0 marked"},
		{[]bool{true}, 1, "", "1 of 1 marked"},
		{[]bool{true, false, true, false}, 2, "2 of 4 marks missing, the first at index 1", "2 of 4 marked"},
		{append(make([]bool, 2410), trues(7590)...), 7590, "2,410 of 10,000 marks missing, the first at index 0", "7,590 of 10,000 marked"},
	} {
		m := check.Marks(c.marks)
		err := m.Missing()
		if m.Count() != c.count || m.String() != c.text || (err == nil) != (c.missing == "") || (err != nil && err.Error() != c.missing) {
			t.Errorf("Marks(%d marks): Count %d, String %q, Missing %v; want %d, %q, %q", len(c.marks), m.Count(), m.String(), err, c.count, c.text, c.missing)
		}
	}
}

func trues(n int) []bool {
	out := make([]bool, n)
	for i := range out {
		out[i] = true
	}
	return out
}
