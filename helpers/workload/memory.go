package workload

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// MemoryReading is the memory of this process at one moment. Sizes are in bytes, as
// float64 so that differences and ratios need no conversions.
type MemoryReading struct {
	Stack  float64 // goroutine stacks in use: runtime.MemStats.StackInuse
	FromOS float64 // all the Go runtime holds from the OS: MemStats.Sys − MemStats.HeapReleased
	// The kernel's counts, from /proc/self/status; 0 where they are unknown
	// (see KernelCounts).
	RSS          float64 // resident in RAM, memory really in use (VmRSS)
	AddressSpace float64 // address space reserved, touched or not (VmSize)
	Threads      int     // OS threads of the process
}

// ReadMemory returns the memory of this process now. It calls runtime.ReadMemStats,
// which stops all goroutines for a moment, and, on Linux, reads
// /proc/self/status.
func ReadMemory() MemoryReading {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	r := MemoryReading{Stack: float64(m.StackInuse), FromOS: float64(m.Sys) - float64(m.HeapReleased)}
	if k, ok := readStatus(); ok {
		r.RSS, r.AddressSpace, r.Threads = k.rss, k.addressSpace, k.threads
	}
	return r
}

// KernelCounts reports whether this system tells the process its RSS, address
// space and threads (Linux's /proc/self/status). Where it does not, those
// fields of MemoryReading and MemoryCost are 0.
func KernelCounts() bool {
	_, ok := readStatus()
	return ok
}

// ReleaseMemory runs the garbage collector and hands as much memory as it can back to
// the OS (debug.FreeOSMemory), so that a measurement that follows starts from
// the memory really in use, not from what earlier experiments left behind.
func ReleaseMemory() {
	runtime.GC()
	debug.FreeOSMemory()
}

// WaitForThreads waits until the process has at most atMost OS threads, or
// until timeout has passed, and returns the number of threads it has then.
// The thread of a goroutine that ends while locked to it
// (runtime.LockOSThread) exits with it, a moment after the goroutine ends.
//
// WaitForThreads returns an error if atMost < 1, timeout <= 0, or the system
// does not report the process's threads (see KernelCounts).
func WaitForThreads(atMost int, timeout time.Duration) (threads int, err error) {
	const fn = "workload.WaitForThreads"
	switch {
	case atMost < 1:
		return 0, fmt.Errorf("%s: atMost must be >= 1, got %d", fn, atMost)
	case timeout <= 0:
		return 0, fmt.Errorf("%s: timeout must be > 0, got %v", fn, timeout)
	}
	deadline := time.Now().Add(timeout)
	for {
		k, ok := readStatus()
		if !ok {
			return 0, fmt.Errorf("%s: this system does not report the process's threads (no /proc/self/status)", fn)
		}
		if k.threads <= atMost || !time.Now().Before(deadline) {
			return k.threads, nil
		}
		time.Sleep(time.Millisecond)
	}
}

// availableMemory returns the bytes of memory the system can give to programs without
// swapping: Linux's MemAvailable (/proc/meminfo), or, in a container with a
// lower memory limit (cgroup v2), what is left of that limit. ok is false where
// neither can be read.
func availableMemory() (bytes float64, ok bool) {
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		bytes, ok = parseMeminfo(string(b))
	}
	if left, limited := cgroupLeft(); limited && (!ok || left < bytes) {
		bytes, ok = left, true
	}
	return bytes, ok
}

// kernelCounts are the fields of /proc/self/status that MemoryReading uses.
type kernelCounts struct {
	rss, addressSpace float64 // bytes
	threads           int
}

func readStatus() (kernelCounts, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return kernelCounts{}, false
	}
	return parseStatus(string(b))
}

// parseStatus reads VmRSS, VmSize (in kB) and Threads from the text of
// /proc/self/status. ok is false unless VmRSS and Threads are there.
func parseStatus(text string) (k kernelCounts, ok bool) {
	var haveRSS, haveThreads bool
	lines := bufio.NewScanner(strings.NewReader(text))
	for lines.Scan() {
		name, value, found := strings.Cut(lines.Text(), ":")
		if !found {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) == 0 {
			continue
		}
		n, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			k.rss, haveRSS = n*KB, true
		case "VmSize":
			k.addressSpace = n * KB
		case "Threads":
			k.threads, haveThreads = int(n), true
		}
	}
	return k, haveRSS && haveThreads
}

// parseMeminfo reads MemAvailable (in kB) from the text of /proc/meminfo.
func parseMeminfo(text string) (bytes float64, ok bool) {
	lines := bufio.NewScanner(strings.NewReader(text))
	for lines.Scan() {
		if rest, found := strings.CutPrefix(lines.Text(), "MemAvailable:"); found {
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				return 0, false
			}
			kb, err := strconv.ParseFloat(fields[0], 64)
			return kb * KB, err == nil
		}
	}
	return 0, false
}

// cgroupLeft returns what is left of the memory limit of this process's cgroup
// (v2: memory.max less memory.current); limited is false where there is no
// limit or it cannot be read.
func cgroupLeft() (left float64, limited bool) {
	max, err1 := os.ReadFile("/sys/fs/cgroup/memory.max")
	current, err2 := os.ReadFile("/sys/fs/cgroup/memory.current")
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return parseCgroup(string(max), string(current))
}

func parseCgroup(max, current string) (left float64, limited bool) {
	limit, err1 := strconv.ParseFloat(strings.TrimSpace(max), 64) // "max" means no limit
	used, err2 := strconv.ParseFloat(strings.TrimSpace(current), 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return limit - used, true
}

// StacksAfterGCs reads the bytes of goroutine stacks in use (StackInuse) above
// base, in MB, now and after each of gcs garbage collections (runtime.GC),
// and returns the readings with chart labels: "0 (just back)", "1", "2", ….
// gcs below zero counts as zero.
func StacksAfterGCs(gcs int, base float64) (labels []string, mb []float64) {
	labels = []string{"0 (just back)"}
	mb = []float64{(ReadMemory().Stack - base) / MB}
	for i := 1; i <= gcs; i++ {
		runtime.GC()
		labels = append(labels, strconv.Itoa(i))
		mb = append(mb, (ReadMemory().Stack-base)/MB)
	}
	return labels, mb
}
