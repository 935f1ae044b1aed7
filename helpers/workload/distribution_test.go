package workload

import (
	"math"
	"testing"
	"time"
)

const ms = time.Millisecond

// The draws have the distribution's minimum and mean: a wrong formula (a
// missing base, a rate taken for a mean) fails this by far more than chance.
func TestDrawMatchesTheDistribution(t *testing.T) {
	d, err := Exponential(2*ms, 3*ms)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20000
	var sum time.Duration
	below4ms := 0
	for range n {
		x := d.draw()
		if x < 2*ms {
			t.Fatalf("draw %v is below the base 2ms", x)
		}
		if x <= 4*ms {
			below4ms++
		}
		sum += x
	}
	// The mean is 5ms with a standard error of 3ms/√n ≈ 0.02ms.
	if mean := sum / n; mean < 4900*time.Microsecond || mean > 5100*time.Microsecond {
		t.Errorf("mean of %d draws = %v, want 5ms", n, mean)
	}
	// DoneBy agrees with the draws: P(x <= 4ms) = 1 − e^(−2/3) ≈ 0.487.
	got, want := float64(below4ms)/n, d.doneBy(4*ms)
	if math.Abs(got-want) > 0.02 || math.Abs(want-0.4866) > 0.001 {
		t.Errorf("share of draws <= 4ms = %.4f, doneBy(4ms) = %.4f, want both about 0.4866", got, want)
	}
}

func TestProbabilities(t *testing.T) {
	d, _ := Exponential(2*ms, 2*ms)
	tests := []struct {
		workers int
		by      time.Duration
		want    float64
	}{
		{1, 0, 0},
		{1, 2 * ms, 0},
		{1, 4 * ms, 1 - math.Exp(-1)},
		{8, 4 * ms, math.Pow(1-math.Exp(-1), 8)},
		{8, time.Hour, 1},
	}
	for _, tt := range tests {
		got, err := d.AllDoneBy(tt.workers, tt.by)
		if err != nil || math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("AllDoneBy(%d, %v) = %v, %v; want %v", tt.workers, tt.by, got, err, tt.want)
		}
	}
	var zero Distribution
	if zero.draw() != 0 || zero.doneBy(0) != 1 || zero.doneBy(-ms) != 0 || zero.String() != "0s" {
		t.Errorf("zero Distribution: Draw %v, DoneBy(0) %v, DoneBy(-1ms) %v, String %q; want 0, 1, 0, \"0s\"",
			zero.draw(), zero.doneBy(0), zero.doneBy(-ms), zero.String())
	}
}

func TestDraws(t *testing.T) {
	d, err := Exponential(2*time.Millisecond, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	draws := d.Draws(50)
	if len(draws) != 50 {
		t.Fatalf("Draws(50) gave %d draws", len(draws))
	}
	distinct := map[time.Duration]bool{}
	for _, x := range draws {
		if x < 2*time.Millisecond {
			t.Errorf("draw %v is below the base of 2ms", x)
		}
		distinct[x] = true
	}
	if len(distinct) < 40 {
		t.Errorf("only %d distinct values in 50 draws: the draws are not independent", len(distinct))
	}
	if got := d.Draws(0); len(got) != 0 {
		t.Errorf("Draws(0) = %v, want none", got)
	}
	if got := d.Draws(-1); len(got) != 0 {
		t.Errorf("Draws(-1) = %v, want none", got)
	}
}
