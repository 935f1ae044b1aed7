package lab

import (
	"runtime"
	"strings"
	"testing"

	"github.com/go-concurrency-lab/course/helpers/stats"
	"github.com/go-concurrency-lab/course/internal/badinput"
)

func TestRepeatBadInput(t *testing.T) {
	called := false
	one := Counter{Name: "one", Want: 1, Count: func() int { called = true; return 1 }}
	badinput.Check(t, []badinput.Case{
		{Name: "nil Count", Call: func() error { _, err := Repeat(10, 1, Counter{Name: "racy"}); return err }, Want: `lab.Repeat: the Count of counter "racy" is nil`},
	})
	// n and procs are checked by package trials, whose message Repeat passes on.
	for _, tc := range []struct {
		n, procs int
		want     string
	}{
		{0, 1, "n must be > 0, got 0"},
		{-5, 1, "n must be > 0, got -5"},
		{10, 0, "procs must be"},
		{10, 1000, "procs must be"},
	} {
		_, err := Repeat(tc.n, tc.procs, one)
		if err == nil || !strings.HasPrefix(err.Error(), "lab.Repeat: trials.") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Repeat(%d, %d): err = %v, want one that starts with lab.Repeat and says %q", tc.n, tc.procs, err, tc.want)
		}
	}
	if called {
		t.Error("Count was called despite bad input")
	}
}

func TestRepeat(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	calls := 0
	finals := []int{10, 7, 10, 12, 10}
	var procsSeen []int
	c, err := Repeat(5, 3, Counter{Name: "scripted", Want: 10, Count: func() int {
		procsSeen = append(procsSeen, runtime.GOMAXPROCS(0))
		calls++
		return finals[calls-1]
	}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "scripted" || c.Procs != 3 || c.Want != 10 || len(c.Finals) != 5 {
		t.Fatalf("Repeat = %+v", c)
	}
	for i, v := range finals {
		if c.Finals[i] != v {
			t.Errorf("Finals[%d] = %d, want %d", i, c.Finals[i], v)
		}
	}
	for i, p := range procsSeen {
		if p != 3 {
			t.Errorf("trial %d ran at GOMAXPROCS=%d, want 3", i, p)
		}
	}
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("GOMAXPROCS is %d after Repeat, want it restored to %d", got, before)
	}
	if got, want := c.Lost(), (stats.Share{Hits: 2, Total: 5}); got != want {
		t.Errorf("Lost() = %v, want %v (7 and 12 are wrong)", got, want)
	}
	if got, want := c.Exact(), (stats.Share{Hits: 3, Total: 5}); got != want {
		t.Errorf("Exact() = %v, want %v", got, want)
	}
	if got := c.Lowest(); got != 7 {
		t.Errorf("Lowest() = %d, want 7", got)
	}
}

func TestEmptyCounted(t *testing.T) {
	var c Counted
	if c.Lost() != (stats.Share{}) || c.Exact() != (stats.Share{}) || c.Lowest() != 0 {
		t.Errorf("zero Counted: Lost %v, Exact %v, Lowest %d; want 0/0, 0/0, 0", c.Lost(), c.Exact(), c.Lowest())
	}
	bars := LostBars("none", c)
	if len(bars.Values) != 1 || bars.Values[0] != 0 || bars.Low[0] != 0 || bars.High[0] != 100 {
		t.Errorf("LostBars of a zero Counted = %+v, want 0%% with interval 0–100%%", bars)
	}
}

func TestLostBars(t *testing.T) {
	all := Counted{Want: 5, Finals: []int{4, 3, 4, 4}}
	none := Counted{Want: 5, Finals: []int{5, 5, 5, 5}}
	half := Counted{Want: 5, Finals: []int{5, 4, 5, 4}}
	bars := LostBars("GOMAXPROCS=2", all, none, half)
	if bars.Name != "GOMAXPROCS=2" {
		t.Errorf("Name = %q", bars.Name)
	}
	want := []float64{100, 0, 50}
	for i, c := range []Counted{all, none, half} {
		if bars.Values[i] != want[i] {
			t.Errorf("Values[%d] = %v, want %v", i, bars.Values[i], want[i])
		}
		low, high := c.Lost().Interval()
		if bars.Low[i] != 100*low || bars.High[i] != 100*high || bars.Low[i] > bars.Values[i] || bars.High[i] < bars.Values[i] {
			t.Errorf("bar %d: error bar %v–%v around %v, want the Wilson interval %v–%v", i, bars.Low[i], bars.High[i], bars.Values[i], 100*low, 100*high)
		}
	}
	if len(LostBars("empty").Values) != 0 {
		t.Error("LostBars without results has values")
	}
}
func TestRecording(t *testing.T) {
	tests := []struct {
		reads     []int
		final     int
		lost      int
		sameReads string
		takeaway  string
		first     string
	}{
		{[]int{0, 0, 1}, 2, 1, "goroutines 1 and 2 both read 0, so both wrote 1",
			"goroutines 1 and 2 both read 0, so both wrote 1: the counter ends at 2, not 3",
			"lost 1 update(s): final counter 2, want 3"},
		{[]int{1, 0, 1}, 2, 1, "goroutines 1 and 3 both read 1, so both wrote 2",
			"goroutines 1 and 3 both read 1, so both wrote 2: the counter ends at 2, not 3",
			"lost 1 update(s): final counter 2, want 3"},
		{[]int{0, 0, 0}, 1, 2, "goroutines 1, 2, 3 all read 0, so all wrote 1",
			"goroutines 1, 2, 3 all read 0, so all wrote 1: the counter ends at 1, not 3",
			"lost 2 update(s): final counter 1, want 3"},
		{[]int{2, 0, 1}, 3, 0, "no two goroutines read the same value",
			"no two goroutines read the same value: the counter ends at 3, as it should",
			"no update lost: final counter 3, want 3"},
		{[]int{3, 3, 0, 0}, 4, 0, "goroutines 3 and 4 both read 0, so both wrote 1",
			"goroutines 3 and 4 both read 0, so both wrote 1: the counter ends at 4, as it should",
			"no update lost: final counter 4, want 4"},
		{[]int{0}, 2, -1, "no two goroutines read the same value",
			"no two goroutines read the same value: the counter ends at 2, not 1",
			"counted 1 update(s) too many: final counter 2, want 1"},
		{nil, 0, 0, "no two goroutines read the same value",
			"no two goroutines read the same value: the counter ends at 0, as it should",
			"no update lost: final counter 0, want 0"},
	}
	for _, tt := range tests {
		r := Recording{Reads: tt.reads, Final: tt.final}
		if got := r.Lost(); got != tt.lost {
			t.Errorf("%v → %d: Lost() = %d, want %d", tt.reads, tt.final, got, tt.lost)
		}
		if got := r.sameReads(); got != tt.sameReads {
			t.Errorf("%v: sameReads() = %q, want %q", tt.reads, got, tt.sameReads)
		}
		if got := r.Takeaway(); got != tt.takeaway {
			t.Errorf("%v → %d: Takeaway() = %q, want %q", tt.reads, tt.final, got, tt.takeaway)
		}
		text := r.String()
		lines := len(tt.reads) + 1
		if got := len(strings.Split(text, "\n")); got != lines || strings.Split(text, "\n")[0] != tt.first {
			t.Errorf("%v → %d: String() =\n%s\nwant first line %q and %d lines", tt.reads, tt.final, text, tt.first, lines)
		}
	}
}
