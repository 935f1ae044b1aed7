package worktime

import (
	"testing"
	"time"
)

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
