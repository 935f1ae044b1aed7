package workload

import (
	"runtime"
	"testing"
	"time"
)

// threadCPU returns the CPU time f used on the calling thread (see threadTime):
// blind to other programs, which only delay the thread.
func threadCPU(t *testing.T, f func()) time.Duration {
	start, ok1 := threadTime()
	f()
	end, ok2 := threadTime()
	if !ok1 || !ok2 {
		t.Fatal("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed")
	}
	return end - start
}

// leastCPU returns the least thread CPU time of three calls of f(d), for d = 5, 10,
// 20 and 40 ms.
func leastCPU(t *testing.T, f func(time.Duration)) map[time.Duration]time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	Calibrate()
	cpu := map[time.Duration]time.Duration{}
	for _, ms := range []int{5, 10, 20, 40} {
		d := time.Duration(ms) * time.Millisecond
		least := time.Duration(1<<63 - 1)
		for range 3 {
			least = min(least, threadCPU(t, func() { f(d) }))
		}
		cpu[d] = least
	}
	return cpu
}

// dropped is For with spin's result thrown away: the compiler may then delete the
// arithmetic as dead code. It is the control of TestForIsCPUWork.
func dropped(d time.Duration) {
	spin(int(stepsPerMs() * (float64(d) / float64(time.Millisecond))))
}

// TestForIsCPUWork: For(d) uses about d of CPU time, in proportion to d, so the
// compiler kept its arithmetic. A control whose result is dropped shows that the
// probe notices when the compiler deletes the arithmetic.
func TestForIsCPUWork(t *testing.T) {
	cpu := leastCPU(t, For)
	t.Logf("CPU time of For(d): %v", cpu)
	for d, used := range cpu {
		if used < d*6/10 || used > 3*d {
			t.Errorf("For(%v) used %v of CPU time, want about %v", d, used, d)
		}
	}
	if ratio := float64(cpu[40*time.Millisecond]) / float64(cpu[5*time.Millisecond]); ratio < 5 || ratio > 12 {
		t.Errorf("For(40ms) used %.1f× the CPU time of For(5ms), want about 8", ratio)
	}

	control := leastCPU(t, dropped)
	t.Logf("control, spin's result dropped: %v", control)
	if d := 40 * time.Millisecond; control[d] > d/2 {
		if raceEnabled || testing.CoverMode() != "" {
			t.Logf("the race detector or coverage counters keep the control's arithmetic (%v for %v): the control shows nothing in this build", control[d], d)
			return
		}
		t.Errorf("the control's work(%v) still used %v of CPU time: this toolchain no longer deletes the unused arithmetic, so the control cannot show the probe's power; update it", d, control[d])
	}
}
