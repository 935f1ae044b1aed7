package worktime

import (
	"math"
	"strings"
	"testing"
	"time"
)

const ms = time.Millisecond

func TestExponentialBadInput(t *testing.T) {
	tests := []struct {
		base, mean time.Duration
		want       string
	}{
		{-ms, ms, "worktime.Exponential: base must be >= 0, got -1ms"},
		{0, 0, "worktime.Exponential: mean must be > 0, got 0s"},
		{ms, -2 * ms, "worktime.Exponential: mean must be > 0, got -2ms"},
	}
	for _, tt := range tests {
		d, err := Exponential(tt.base, tt.mean)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Exponential(%v, %v) error = %v, want %q", tt.base, tt.mean, err, tt.want)
		}
		if d != (Distribution{}) {
			t.Errorf("Exponential(%v, %v) = %v with an error, want the zero Distribution", tt.base, tt.mean, d)
		}
	}
	for _, workers := range []int{0, -1} {
		d, _ := Exponential(0, ms)
		p, err := d.AllDoneBy(workers, ms)
		if err == nil || !strings.Contains(err.Error(), "workers must be >= 1") || p != 0 {
			t.Errorf("AllDoneBy(%d, 1ms) = %v, %v; want 0 and an error naming workers", workers, p, err)
		}
	}
}

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
		x := d.Draw()
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
	got, want := float64(below4ms)/n, d.DoneBy(4*ms)
	if math.Abs(got-want) > 0.02 || math.Abs(want-0.4866) > 0.001 {
		t.Errorf("share of draws <= 4ms = %.4f, DoneBy(4ms) = %.4f, want both about 0.4866", got, want)
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
	if zero.Draw() != 0 || zero.DoneBy(0) != 1 || zero.DoneBy(-ms) != 0 || zero.String() != "0s" {
		t.Errorf("zero Distribution: Draw %v, DoneBy(0) %v, DoneBy(-1ms) %v, String %q; want 0, 1, 0, \"0s\"",
			zero.Draw(), zero.DoneBy(0), zero.DoneBy(-ms), zero.String())
	}
}
