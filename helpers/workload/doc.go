// Package workload gives the course stand-ins for work, and tells what work
// costs.
//
// Stand-ins for work:
//   - [For] keeps a goroutine computing for a given time, with a fixed number of
//     steps of arithmetic ([Calibrate] measures how many this machine does in a
//     millisecond), so that two goroutines sharing one core take twice as long;
//   - [Exponential] gives simulated work random durations from a stated
//     [Distribution], and the chance that workers are done by a given time.
//
// What work costs:
//   - in time: a [Stopwatch] ([StartStopwatch], [UsageOf], [MedianUsage]) tells the
//     wall-clock time and the CPU time some code used, and how busy the other
//     programs kept the CPUs meanwhile (a [Usage]);
//   - in memory: a [MemoryMeter] ([MeasureMemory]) tells what each of n goroutines
//     or OS threads costs ([MemoryCost]), as the Go runtime and the Linux kernel
//     count it, and a [Budget] keeps experiments that start many of them within
//     a memory budget.
//
// The CPU time of other programs and the kernel's counts of memory come from
// Linux's /proc; elsewhere they are unknown, and [Usage.Load] and
// [KernelCounts] say so. Sizes are in binary units: 1 KB is 1,024 bytes.
//
// Bad input (a negative duration for a distribution, fewer than one
// measurement, a nil function, a budget that is not positive) is reported as an
// error that names the function, the parameter and the value, for example
// "workload.MedianUsage: n must be >= 1, got 0". For(d) with d <= 0 returns at
// once, as time.Sleep does. No function in this package panics.
package workload
