package cpu_test

import (
	"testing"
	"time"

	"github.com/go-concurrency-lab/course/helpers/cpu"
)

func TestMeasure(t *testing.T) {
	slept := cpu.Measure(func() { time.Sleep(20 * time.Millisecond) })
	if slept.Wall < 20*time.Millisecond {
		t.Errorf("a 20ms sleep measured %v on the wall clock", slept.Wall)
	}
	if slept.CPU > 10*time.Millisecond {
		t.Errorf("a 20ms sleep used %v of CPU time, want almost none", slept.CPU)
	}
	if slept.CPUs < 1 {
		t.Errorf("CPUs = %d", slept.CPUs)
	}
	if got := cpu.Measure(nil); got != (cpu.Usage{}) {
		t.Errorf("Measure(nil) = %+v, want the zero Usage", got)
	}
}
