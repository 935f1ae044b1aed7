package trials

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/internal/badinput"
)

func TestGridBadInput(t *testing.T) {
	ok := func(Cell) (int, error) { return 0, nil }
	run := func(g Grid[int]) func() error {
		return func() error { _, err := g.Run(ok); return err }
	}
	badinput.Check(t, []badinput.Case{
		{Name: "no settings", Call: run(Grid[int]{Contenders: 1, Rounds: 1}), Want: "trials.Grid.Run: Grid.Settings must be >= 1, got 0"},
		{Name: "no contenders", Call: run(Grid[int]{Settings: 1, Rounds: 1}), Want: "trials.Grid.Run: Grid.Contenders must be >= 1, got 0"},
		{Name: "no rounds", Call: run(Grid[int]{Settings: 1, Contenders: 1, Rounds: -1}), Want: "trials.Grid.Run: Grid.Rounds must be >= 1, got -1"},
		{Name: "procs too few", Call: run(Grid[int]{Settings: 2, Contenders: 1, Rounds: 1, Procs: []int{1}}),
			Want: "trials.Grid.Run: Grid.Procs must be empty or hold one GOMAXPROCS per setting (2), got 1"},
		{Name: "procs 0", Call: run(Grid[int]{Settings: 2, Contenders: 1, Rounds: 1, Procs: []int{1, 0}}),
			Want: "trials.Grid.Run: Grid.Procs[1] must be between 1 and 256, got 0"},
		{Name: "procs huge", Call: run(Grid[int]{Settings: 1, Contenders: 1, Rounds: 1, Procs: []int{257}}),
			Want: "trials.Grid.Run: Grid.Procs[0] must be between 1 and 256, got 257"},
		{Name: "timeout", Call: run(Grid[int]{Settings: 1, Contenders: 1, Rounds: 1, Timeout: -time.Second}),
			Want: "trials.Grid.Run: Grid.Timeout must be >= 0 (0: no timeout), got -1s"},
		{Name: "nil run", Call: func() error { _, err := Grid[int]{Settings: 1, Contenders: 1, Rounds: 1}.Run(nil); return err },
			Want: "trials.Grid.Run: run is nil"},
		{Name: "CheckProcs", Call: func() error { return CheckProcs("f: procs", -1) }, Want: "f: procs must be between 1 and 256, got -1"},
	})
}

// order records the cells a grid visits, as "setting.contender.round@procs".
func order(t *testing.T, g Grid[int]) []string {
	t.Helper()
	var got []string
	_, err := g.Run(func(c Cell) (int, error) {
		procs := runtime.GOMAXPROCS(0)
		if c.Procs != 0 && procs != c.Procs {
			t.Errorf("cell %+v ran at GOMAXPROCS=%d", c, procs)
		}
		got = append(got, fmt.Sprintf("%d.%d.%d@%d", c.Setting, c.Contender, c.Round, c.Procs))
		return 0, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestGridOrder(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	got := order(t, Grid[int]{Settings: 2, Contenders: 2, Rounds: 2, Procs: []int{1, 3}})
	want := []string{"0.0.0@1", "0.1.0@1", "1.0.0@3", "1.1.0@3", "0.0.1@1", "0.1.1@1", "1.0.1@3", "1.1.1@3"}
	if !slices.Equal(got, want) {
		t.Errorf("interleaved order %v, want %v", got, want)
	}
	got = order(t, Grid[int]{Settings: 2, Contenders: 2, Rounds: 2, OneSettingAtATime: true})
	want = []string{"0.0.0@0", "0.1.0@0", "0.0.1@0", "0.1.1@0", "1.0.0@0", "1.1.0@0", "1.0.1@0", "1.1.1@0"}
	if !slices.Equal(got, want) {
		t.Errorf("one setting at a time: order %v, want %v", got, want)
	}
	if after := runtime.GOMAXPROCS(0); after != before {
		t.Errorf("GOMAXPROCS after the grid is %d, want %d", after, before)
	}
}

func TestGridValues(t *testing.T) {
	r, err := Grid[string]{Settings: 2, Contenders: 3, Rounds: 2, Progress: "trials"}.Run(func(c Cell) (string, error) {
		return fmt.Sprint(c.Setting, c.Contender, c.Round), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Values) != 2 || len(r.Values[1]) != 3 || !slices.Equal(r.Values[1][2], []string{"1 2 0", "1 2 1"}) || r.Failures != nil {
		t.Errorf("Results = %+v", r)
	}
}

func TestGridStopsAtError(t *testing.T) {
	boom := errors.New("boom")
	calls := 0
	r, err := Grid[int]{Settings: 2, Contenders: 2, Rounds: 3}.Run(func(c Cell) (int, error) {
		if calls++; c.Setting == 1 && c.Contender == 1 && c.Round == 1 {
			return 0, boom
		}
		return 1, nil
	})
	if err != boom || calls != 8 {
		t.Errorf("got error %v after %d calls, want boom after 8", err, calls)
	}
	if len(r.Values[0][0]) != 2 || len(r.Values[1][1]) != 1 {
		t.Errorf("values before the error: %v", r.Values)
	}
}

func TestGridAfterStops(t *testing.T) {
	var seen []int
	r, err := Grid[int]{Settings: 1, Contenders: 1, Rounds: 10, OneSettingAtATime: true,
		After: func(c Cell, v int) bool { seen = append(seen, v); return v < 3 }}.Run(func(c Cell) (int, error) { return c.Round + 1, nil })
	if err != nil || !slices.Equal(seen, []int{1, 2, 3}) || !slices.Equal(r.Values[0][0], []int{1, 2, 3}) {
		t.Errorf("After saw %v, values %v, error %v; want 1 2 3 and a stop", seen, r.Values, err)
	}
}

func TestGridTimeout(t *testing.T) {
	run := func(c Cell) (int, error) {
		switch c.Round {
		case 1:
			select {} // blocks for good
		case 2:
			panic("broken")
		}
		return c.Round, nil
	}
	g := Grid[int]{Settings: 1, Contenders: 1, Rounds: 4, Timeout: 20 * time.Millisecond}
	_, err := g.Run(run)
	var f Failure
	if !errors.As(err, &f) || f.Round != 1 || !f.Outcome.Blocked || !strings.Contains(err.Error(), "trials.Grid.Run: setting 0, contender 0, round 1: blocked") {
		t.Errorf("without KeepGoing: error %v, want the blocked round 1", err)
	}
	g.KeepGoing = true
	r, err := g.Run(run)
	if err != nil || len(r.Failures) != 2 || !r.Failures[0].Outcome.Blocked || !r.Failures[1].Outcome.Panicked ||
		!slices.Equal(r.Values[0][0], []int{0, 3}) {
		t.Errorf("KeepGoing: got %+v, %v; want values 0 and 3 and two failures", r, err)
	}
}
